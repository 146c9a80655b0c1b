// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { readSavedWatchList, resolveWatchList, saveWatchList, watchListStorageKey } from './watch-list';

const SUB = '00000000-1111-2222-3333-444444444444';
const id = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;

describe('which watch list applies', () => {
  const none = { watchParam: null, subsParam: null, saved: null, configured: [] };

  it('takes the link over the saved list, the saved list over config, config over every gateway', () => {
    const all = { watchParam: `${SUB}/rg/from-url`, subsParam: null, saved: [id('saved')], configured: [id('config')] };
    expect(resolveWatchList(all)).toMatchObject({ source: 'url', ids: [id('from-url')] });
    expect(resolveWatchList({ ...all, watchParam: null })).toMatchObject({ source: 'saved', ids: [id('saved')] });
    expect(resolveWatchList({ ...all, watchParam: null, saved: [] })).toMatchObject({ source: 'config', ids: [id('config')] });
    expect(resolveWatchList(none)).toMatchObject({ source: 'all', ids: [] });
  });

  it('keeps a link whose entries are all malformed, with its messages, rather than showing another list', () => {
    const list = resolveWatchList({ ...none, watchParam: 'oops', saved: [id('saved')] });
    expect(list).toMatchObject({ source: 'url', ids: [] });
    expect(list.problems.map((p) => p.entry)).toEqual(['oops']);
  });

  it('reads subs= beside any list', () => {
    expect(resolveWatchList({ ...none, subsParam: SUB }).subscriptionIds).toEqual([SUB]);
  });
});

describe('the saved watch list', () => {
  beforeEach(() => localStorage.clear());

  it('is kept per tenant, and the home tenant has its own key', () => {
    saveWatchList(watchListStorageKey('tenant-b'), [id('gw-b')]);
    expect(readSavedWatchList(watchListStorageKey('tenant-b'))).toEqual([id('gw-b')]);
    expect(readSavedWatchList(watchListStorageKey(null))).toBeNull();
    expect(watchListStorageKey(null)).toBe('bgp-dashboard.watch-list.home');
  });

  it('drops entries that are not gateway IDs and survives text that is not JSON', () => {
    const key = watchListStorageKey(null);
    localStorage.setItem(key, JSON.stringify([id('gw-1'), 'junk', 42]));
    expect(readSavedWatchList(key)).toEqual([id('gw-1')]);
    localStorage.setItem(key, '{not json');
    expect(readSavedWatchList(key)).toBeNull();
  });

  it('forgets the list when saved empty', () => {
    const key = watchListStorageKey(null);
    saveWatchList(key, [id('gw-1')]);
    saveWatchList(key, []);
    expect(localStorage.getItem(key)).toBeNull();
  });
});
