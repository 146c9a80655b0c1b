// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithArm } from '../../testing/render-with-arm';
import type { ArmClient } from '../../azure/arm-client';
import { ArmError } from '../../azure/arm-error';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import type { GatewaySummary } from '../../azure/gateways';
import { AuthContext, type AuthState } from '../../auth/auth-context';
import { parseAppConfig } from '../../config/app-config';
import { makePeer, makeGatewaySummary } from '../../testing/peer-fixtures';
import { bgpKeys } from '../../queries/query-keys';
import WallPage from './wall-page';
import type * as WallTileModule from './wall-tile';

/** Counts how often any wall tile is drawn with new props (the real tile still draws inside). */
const tileDraws = vi.hoisted(() => ({ count: 0 }));
vi.mock('./wall-tile', async (importOriginal) => {
  const original = await importOriginal<typeof WallTileModule>();
  const { createElement, memo } = await import('react');
  const CountedWallTile = memo(function CountedWallTile(props: WallTileModule.WallTileProps) {
    tileDraws.count += 1;
    return createElement(original.WallTile, props);
  });
  return { ...original, WallTile: CountedWallTile };
});

const SUB = '11111111-2222-4333-8444-555555555555';
const gw = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
const GW_A = gw('vpngw-a');
const GW_B = gw('vpngw-b');

const config = parseAppConfig({
  auth: { mode: 'emulator', clientId: 'spa', authority: 'https://localhost:8711/tenant' },
  arm: { endpoint: 'http://localhost:8710' },
  pollingIntervalSeconds: 60,
});

const auth: AuthState = {
  mode: 'emulator',
  account: { username: 'demo' },
  getToken: async () => 'token',
  needsInteraction: false,
  signInAgain: () => {},
  signOut: () => {},
};

beforeEach(() => {
  // jsdom lays nothing out: give the tile area a 1080p-like size and observe nothing.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 1896, height: 800 } as DOMRect);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const summary = (id: string): GatewaySummary => makeGatewaySummary(id, { subscriptionId: SUB });

function renderWall(search: string, getBgpPeerStatus: ArmClient['getBgpPeerStatus']) {
  window.history.replaceState(null, '', `/wall${search}`);
  const client: Partial<ArmClient> = { getBgpPeerStatus, getGateway: async (id: string) => summary(id) };
  const wrap = (ui: ReactNode) => <AuthContext value={auth}>{ui}</AuthContext>;
  return renderWithArm(<WallPage config={config} />, client, { wrap }).queryClient;
}

const tile = (id: string) => document.querySelector<HTMLElement>(`[data-testid="wall-tile"][data-gateway-id="${id}"]`);

describe('WallPage', () => {
  it('a mistyped URL says what to fix instead of showing a blank screen', () => {
    renderWall('?rotate=fast&colour=red', vi.fn());
    const problems = screen.getByTestId('wall-url-problems');
    expect(problems.textContent).toContain('"rotate" must be a whole number of seconds');
    expect(problems.textContent).toContain('"colour" is not a wall parameter');
  });

  it('a peer leaving Connected is pinned in the alert band, its tile first and flashing, until acknowledged with A', async () => {
    let bState: BgpPeer['state'] = 'Connected';
    const getBgpPeerStatus = vi.fn(async (id: string) =>
      id === GW_B
        ? [makePeer({ neighbor: '10.2.0.1' }), makePeer({ neighbor: '10.2.0.9', state: bState })]
        : [makePeer({ neighbor: '10.1.0.1' })],
    );
    const queryClient = renderWall(`?gateways=${GW_A},${GW_B}&show=summary,tiles`, getBgpPeerStatus);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-peer"]')).toHaveLength(3));
    expect(screen.getByTestId('wall-page-indicator').textContent).toMatch(/^Page 1 \/ 1/);
    expect(screen.queryByTestId('wall-alerts')).toBeNull();

    bState = 'Idle';
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));

    const band = await screen.findByTestId('wall-alerts');
    expect(within(band).getByTestId('wall-alert').getAttribute('data-neighbor')).toBe('10.2.0.9');
    expect(band.textContent).toMatch(/1 peer DOWN · press A to acknowledge/);
    const tiles = document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"]');
    expect(tiles[0]!.dataset.gatewayId).toBe(GW_B);
    expect(tiles[0]!.dataset.alert).toBe('true');
    expect(tiles[0]!.className).toContain('wall-flash');
    const firstBadge = tiles[0]!.querySelector<HTMLElement>('[data-testid="wall-peer"]')!;
    expect(firstBadge.dataset.neighbor).toBe('10.2.0.9');
    expect(firstBadge.textContent).toContain('Idle');
    expect(screen.getByTestId('wall-summary').textContent).toMatch(/Idle1/);

    fireEvent.keyDown(window, { key: 'a' });
    // Acknowledged: still listed, drawn plainly, no longer flashing, until the peer reconnects.
    await waitFor(() => expect(screen.getByTestId('wall-alert').dataset.acknowledged).toBe('true'));
    expect(screen.getByTestId('wall-alerts').textContent).toMatch(/1 peer DOWN \(1 acknowledged\)/);
    expect(screen.getByTestId('wall-alerts').className).not.toContain('wall-flash');
    expect(tile(GW_B)!.dataset.alert).toBe('false');
    bState = 'Connected';
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));
    await waitFor(() => expect(screen.queryByTestId('wall-alerts')).toBeNull());
  });

  it('a throttled gateway turns STALE and says why, while the other stays fresh', async () => {
    let throttle = false;
    const getBgpPeerStatus = vi.fn(async (id: string) => {
      if (id === GW_A && throttle) throw new ArmError({ code: 'TooManyRequests', message: 'slow down', status: 429, retryAfterMs: 120_000 });
      return [makePeer({ neighbor: id === GW_A ? '10.1.0.1' : '10.2.0.1' })];
    });
    const queryClient = renderWall(`?gateways=${GW_A},${GW_B}`, getBgpPeerStatus);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-peer"]')).toHaveLength(2));
    expect(within(tile(GW_A)!).getByTestId('wall-updated').textContent).toMatch(/^updated \d+s ago$/);

    throttle = true;
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));

    await waitFor(() => expect(within(tile(GW_A)!).getByTestId('wall-stale').textContent).toMatch(/^STALE since \d\d:\d\d:\d\d · throttled \(TooManyRequests\)$/));
    expect(tile(GW_A)!.querySelector('[data-testid="wall-peer"]')).not.toBeNull();
    expect(within(tile(GW_B)!).queryByTestId('wall-stale')).toBeNull();
    expect(screen.getByTestId('wall-summary').textContent).toContain('1not answering');
  });

  it('a tile that fails to render shows its own error; the rest of the wall stays', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const poisoned = makePeer({ neighbor: '10.1.0.1' });
    // A field only the tile's drawing reads: a rendering bug, not bad data (that is checked where it enters).
    Object.defineProperty(poisoned, 'connectedSeconds', {
      get() {
        throw new Error('bad peer');
      },
    });
    const getBgpPeerStatus = vi.fn(async (id: string) => (id === GW_A ? [poisoned] : [makePeer({ neighbor: '10.2.0.1' })]));
    renderWall(`?gateways=${GW_A},${GW_B}`, getBgpPeerStatus);
    const broken = await screen.findByTestId('wall-tile-broken');
    expect(broken.textContent).toContain('bad peer');
    expect(tile(GW_B)).not.toBeNull();
    expect(screen.getByTestId('wall-summary').textContent).toContain('Connected2');
  });

  it('the arrow keys turn pages and space pauses the rotation', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => gw(`vpngw-${String(i).padStart(2, '0')}`));
    const getBgpPeerStatus = vi.fn(async () => Array.from({ length: 9 }, (_, i) => makePeer({ neighbor: `10.0.0.${i + 1}`, ...(i < 3 ? { state: 'Idle' as const } : {}) })));
    renderWall(`?gateways=${ids.join(',')}&rotate=0`, getBgpPeerStatus);
    const indicator = screen.getByTestId('wall-page-indicator');
    await waitFor(() => expect(getBgpPeerStatus).toHaveBeenCalledTimes(30));
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-tile"][data-health="waiting"]')).toHaveLength(0));
    expect(indicator.textContent).toMatch(/^Page 1 \/ [2-9]/);
    const firstPageTiles = [...document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"]')].map((t) => t.dataset.gatewayId);

    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(indicator.textContent).toMatch(/^Page 2 \//);
    const secondPageTiles = [...document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"]')].map((t) => t.dataset.gatewayId);
    expect(secondPageTiles.some((id) => firstPageTiles.includes(id))).toBe(false);

    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(indicator.textContent).toMatch(/^Page (\d+) \/ \1/);

    fireEvent.keyDown(window, { key: ' ' });
    expect(indicator.textContent).toContain('rotation PAUSED');
  });

  it('the clock ticks the ages on screen without redrawing a tile', async () => {
    // Timers advance with real time too, so React Query and waitFor run as usual.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let aState: BgpPeer['state'] = 'Connected';
    const getBgpPeerStatus = vi.fn(async (id: string) => [makePeer({ neighbor: id === GW_A ? '10.1.0.1' : '10.2.0.1', state: id === GW_A ? aState : 'Connected' })]);
    const queryClient = renderWall(`?gateways=${GW_A},${GW_B}&rotate=0`, getBgpPeerStatus);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-peer"]')).toHaveLength(2));
    aState = 'Idle';
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));
    await screen.findByTestId('wall-alerts');
    const drawsBefore = tileDraws.count;
    expect(drawsBefore).toBeGreaterThan(0);

    await act(() => vi.advanceTimersByTimeAsync(5_000));
    await act(() => vi.advanceTimersByTimeAsync(5_000));

    // Every age on screen moved on by ten seconds …
    expect(within(tile(GW_A)!).getByTestId('wall-updated').textContent).toMatch(/^updated (9|1\d)s ago$/);
    expect(within(tile(GW_A)!).getByTestId('wall-peer').textContent).toMatch(/Idlefor (9|1\d)s$/);
    expect(screen.getByTestId('wall-alert').textContent).toMatch(/on vpngw-asince [\d:]+\((9|1\d)s ago\)$/);
    // … and not one tile was drawn again for it.
    expect(tileDraws.count).toBe(drawsBefore);
  });

  it('a poll that never answers turns its tile STALE once the data is 2.5 intervals old, with no click and no new data', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answered = 0;
    const getBgpPeerStatus = vi.fn((id: string) =>
      id === GW_A && answered++ > 0 ? new Promise<BgpPeer[]>(() => {}) : Promise.resolve([makePeer({ neighbor: id === GW_A ? '10.1.0.1' : '10.2.0.1' })]),
    );
    renderWall(`?gateways=${GW_A}&rotate=0`, getBgpPeerStatus);
    await waitFor(() => expect(tile(GW_A)?.dataset.health).toBe('healthy'));

    await act(() => vi.advanceTimersByTimeAsync(149_000));
    expect(tile(GW_A)!.dataset.stale).toBe('false');
    await act(() => vi.advanceTimersByTimeAsync(3_000));

    expect(tile(GW_A)!.dataset.stale).toBe('true');
    expect(tile(GW_A)!.dataset.health).toBe('not-answering');
    expect(within(tile(GW_A)!).getByTestId('wall-stale').textContent).toMatch(/· no answer$/);
    expect(screen.getByTestId('wall-summary').textContent).toContain('1not answering');
  });

  it('more alerts than the band holds: "+N more" in the last slot, and the band turns to the rest by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let down = false;
    const neighbors = Array.from({ length: 12 }, (_, i) => `10.2.0.${i + 1}`);
    const getBgpPeerStatus = vi.fn(async (id: string) =>
      id === GW_B ? neighbors.map((neighbor) => makePeer({ neighbor, state: down ? 'Idle' : 'Connected' })) : [makePeer({ neighbor: '10.1.0.1' })],
    );
    const queryClient = renderWall(`?gateways=${GW_A},${GW_B}&rotate=0`, getBgpPeerStatus);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-peer"]').length).toBeGreaterThan(1));
    down = true;
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));

    const band = await screen.findByTestId('wall-alerts');
    expect(band.textContent).toContain('12 peers DOWN');
    const shown = () => within(band).queryAllByTestId('wall-alert').map((item) => item.dataset.neighbor!);
    const first = shown();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(12);
    expect(within(band).getByTestId('wall-alert-more').textContent).toContain(`+${12 - first.length} more`);

    const seen = new Set(first);
    for (let turn = 0; turn < 12 && seen.size < 12; turn++) {
      await act(() => vi.advanceTimersByTimeAsync(8_000));
      for (const neighbor of shown()) seen.add(neighbor);
    }
    expect([...seen].sort()).toEqual([...neighbors].sort());
  });

  it('a gateway muted by the URL raises no alert and its peers read "Expected down"', async () => {
    let bState: BgpPeer['state'] = 'Connected';
    const getBgpPeerStatus = vi.fn(async (id: string) =>
      id === GW_B ? [makePeer({ neighbor: '10.2.0.1' }), makePeer({ neighbor: '10.2.0.9', state: bState })] : [makePeer({ neighbor: '10.1.0.1' })],
    );
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const queryClient = renderWall(`?gateways=${GW_A},${GW_B}&${new URLSearchParams({ mute: `${GW_B}~~~${until}~upgrade` })}`, getBgpPeerStatus);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="wall-peer"]')).toHaveLength(3));
    bState = 'Idle';
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));

    await waitFor(() => expect(within(tile(GW_B)!).getAllByTestId('wall-peer')[0]!.textContent).toContain('Expected down (Idle)'));
    expect(screen.queryByTestId('wall-alerts')).toBeNull();
    expect(tile(GW_B)!.dataset.health).toBe('healthy');
    expect(screen.getByTestId('wall-summary').textContent).toContain('Expected down1');
  });
});
