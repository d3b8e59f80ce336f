import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { LocalUrlLocationProvider } from './localUrlLocations';

describe('LocalUrlLocationProvider', () => {
  it('registers each configured file as a url location with an absolute file: URL', async () => {
    const provider = LocalUrlLocationProvider.fromConfig(
      new ConfigReader({ souverain: { catalog: { localUrlLocations: ['../../templates/all.yaml'] } } }),
    );
    const applyMutation = jest.fn();
    await provider.connect({ applyMutation, refresh: jest.fn() });
    const expected = `file://${path.resolve('../../templates/all.yaml')}`;
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          locationKey: 'souverain-local-url-locations',
          entity: expect.objectContaining({
            kind: 'Location',
            spec: { type: 'url', target: expected },
          }),
        }),
      ],
    });
  });

  it('registers nothing without config', async () => {
    const provider = LocalUrlLocationProvider.fromConfig(new ConfigReader({}));
    const applyMutation = jest.fn();
    await provider.connect({ applyMutation, refresh: jest.fn() });
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });
});
