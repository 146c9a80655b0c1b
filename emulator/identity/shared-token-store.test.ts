import { describe, expect, it } from 'vitest';
import { createSharedTokenStore } from './shared-token-store';

describe('shared token store', () => {
  it("finds what one tenant's provider stored from another's, forgets it at expiry, and revokes a whole grant", async () => {
    let now = 1_000_000;
    const store = createSharedTokenStore(() => now);
    const homeRefreshTokens = store('RefreshToken');
    const guestRefreshTokens = store('RefreshToken');
    await homeRefreshTokens.upsert('rt-1', { grantId: 'g1', accountId: 'demo' }, 60);
    await homeRefreshTokens.upsert('rt-2', { grantId: 'g2', accountId: 'demo' }, 600);
    await expect(guestRefreshTokens.find('rt-1')).resolves.toMatchObject({ accountId: 'demo' });
    // Models do not collide: a session with the same id is another entry.
    await expect(store('Session').find('rt-1')).resolves.toBeUndefined();

    now += 61_000;
    await expect(guestRefreshTokens.find('rt-1')).resolves.toBeUndefined();
    await expect(guestRefreshTokens.find('rt-2')).resolves.toBeDefined();
    await guestRefreshTokens.revokeByGrantId('g2');
    await expect(homeRefreshTokens.find('rt-2')).resolves.toBeUndefined();
  });
});
