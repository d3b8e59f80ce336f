import {
  ProxiedSignInPage,
  SignInPage,
  SignInProviderConfig,
} from '@backstage/core-components';
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
 * list is `[guest]`: the backend's guest provider is then used like a proxy
 * provider, so sign-in happens without a click. Production configs name a real
 * identity provider and get the usual provider picker.
 */
function SouverainSignInPage(props: any) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('souverain.signIn.providers') ?? [
    'guest',
  ];
  const providers = names.map(name =>
    name === 'guest' ? ('guest' as const) : knownProviders[name],
  ).filter(Boolean);
  if (names.length === 1 && names[0] === 'guest') {
    return <ProxiedSignInPage {...props} provider="guest" />;
  }
  return (
    <SignInPage
      {...props}
      title="Souverain"
      align="center"
      auto
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
