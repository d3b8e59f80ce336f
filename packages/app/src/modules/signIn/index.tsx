import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  gitlabAuthApiRef,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const knownProviders: Record<string, SignInProviderConfig> = {
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
  gitlab: {
    id: 'gitlab-auth-provider',
    title: 'GitLab',
    message: 'Sign in with your GitLab account',
    apiRef: gitlabAuthApiRef,
  },
  microsoft: {
    id: 'microsoft-auth-provider',
    title: 'Microsoft',
    message: 'Sign in with your Microsoft account',
    apiRef: microsoftAuthApiRef,
  },
};

/**
 * Chooses the sign-in providers from `souverain.signIn.providers`. Locally the
 * list is `[guest]` and sign-in happens without a click; production configs
 * name a real identity provider.
 */
function SouverainSignInPage(props: any) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('souverain.signIn.providers') ?? [
    'guest',
  ];
  const providers = names.map(name =>
    name === 'guest' ? ('guest' as const) : knownProviders[name],
  ).filter(Boolean);
  const onlyGuest = names.length === 1 && names[0] === 'guest';
  return (
    <SignInPage
      {...props}
      title="Souverain"
      align="center"
      auto={onlyGuest}
      providers={providers}
    />
  );
}

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => <SouverainSignInPage {...props} />,
      },
    }),
  ],
});
