import { SOFIA, THOMAS } from '../__testUtils__/fixtures';
import { serveConciergeBackend } from '../__testUtils__/handlers';
import { conciergeClient, setupConciergeServer } from '../__testUtils__/testApis';
import { ACTING_USER_STORAGE_KEY, saveActingUser } from './actingUser';

const server = setupConciergeServer();

afterEach(() => window.localStorage.clear());

describe('createConciergeClient', () => {
  it('acts as the demo user remembered from a previous visit', async () => {
    serveConciergeBackend(server, { demoUsers: [SOFIA, THOMAS] });
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    const api = conciergeClient();
    expect(api.getActingUser()).toBe(SOFIA);
    const identity = await api.whoami();
    expect(identity.userEntityRef).toBe(SOFIA);
    expect(identity.signedInAs).toBe(THOMAS);
  });

  it('acts as the signed-in user otherwise', async () => {
    serveConciergeBackend(server, { demoUsers: [SOFIA, THOMAS] });
    const api = conciergeClient();
    expect(api.getActingUser()).toBeUndefined();
    expect((await api.whoami()).userEntityRef).toBe(THOMAS);
  });
});

describe('saveActingUser', () => {
  it('remembers a demo user and forgets it', () => {
    saveActingUser(SOFIA);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBe(SOFIA);
    saveActingUser(undefined);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
  });
});
