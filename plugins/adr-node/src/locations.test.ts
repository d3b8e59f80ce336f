import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { repositoryRoot, resolveAdrFolderUrl } from './locations';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function entity(adrLocation: string, location: string, origin?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'x',
      annotations: {
        'backstage.io/adr-location': adrLocation,
        'backstage.io/managed-by-location': location,
        ...(origin ? { 'backstage.io/managed-by-origin-location': origin } : {}),
      },
    },
  };
}

const github = 'url:https://github.com/acme/payments/blob/main/services/api/catalog-info.yaml';

describe('resolveAdrFolderUrl', () => {
  it('resolves a folder next to a GitHub catalog file', () => {
    expect(resolveAdrFolderUrl(entity('docs/adr', github), integrations)).toBe(
      'https://github.com/acme/payments/tree/main/services/api/docs/adr',
    );
    expect(resolveAdrFolderUrl(entity('../../docs/adr', github), integrations)).toBe(
      'https://github.com/acme/payments/tree/main/docs/adr',
    );
  });

  it('refuses a GitHub folder above the repository root', () => {
    expect(() => resolveAdrFolderUrl(entity('../../../etc', github), integrations)).toThrow(
      'points outside the entity\'s repository (https://github.com/acme/payments/tree/main/)',
    );
  });

  it('keeps file locations inside the origin location folder', () => {
    const e = entity('../adr/x', 'file:/srv/examples/components/x.yaml', 'file:/srv/examples/all.yaml');
    expect(resolveAdrFolderUrl(e, integrations)).toBe('file:///srv/examples/adr/x');
    expect(() =>
      resolveAdrFolderUrl(
        entity('../../etc', 'file:/srv/examples/components/x.yaml', 'file:/srv/examples/all.yaml'),
        integrations,
      ),
    ).toThrow('"../../etc" points outside the entity\'s repository (/srv/examples)');
  });

  it('refuses absolute paths and other schemes', () => {
    expect(() => resolveAdrFolderUrl(entity('/etc', github), integrations)).toThrow(
      'is an absolute path',
    );
    expect(() => resolveAdrFolderUrl(entity('file:///etc', github), integrations)).toThrow(
      'must be a path relative to the entity, or an http(s) URL',
    );
    expect(() => resolveAdrFolderUrl(entity(['javascript', 'alert(1)'].join(':'), github), integrations)).toThrow(
      'must be a path relative to the entity, or an http(s) URL',
    );
  });
});

describe('repositoryRoot', () => {
  it('knows GitHub, GitLab and Bitbucket URL shapes', () => {
    expect(repositoryRoot('https://github.com/a/b/blob/main/x/y.yaml')).toBe(
      'https://github.com/a/b/tree/main/',
    );
    expect(repositoryRoot('https://gitlab.com/g/sub/p/-/blob/dev/y.yaml')).toBe(
      'https://gitlab.com/g/sub/p/-/tree/dev/',
    );
    expect(repositoryRoot('https://bitbucket.org/a/b/src/main/y.yaml')).toBe(
      'https://bitbucket.org/a/b/tree/main/',
    );
    expect(repositoryRoot('https://example.com/plain/file.yaml')).toBeUndefined();
  });
});
