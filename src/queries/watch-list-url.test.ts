import { describe, expect, it } from 'vitest';
import { encodeWatchParam, parseSubscriptionsParam, parseWatchParam } from './watch-list-url';

const SUB = '00000000-1111-2222-3333-444444444444';
const id = (rg: string, name: string, sub = SUB) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;

/** What a browser hands back after writing `watch=` into a link and reading it again. */
function roundTrip(value: string): string | null {
  return new URL(`https://app.example/?watch=${value}`).searchParams.get('watch');
}

describe('watch= in the URL', () => {
  it('round-trips gateway IDs through a link, order kept, as subscription/group/name triples', () => {
    const ids = [id('rg-hub-weu', 'vpngw-weu-hub-01'), id('rg-(legacy).net', 'ergw_2'), id('rg-sødra', 'gw.3')];
    const value = encodeWatchParam(ids);
    expect(value.startsWith(`${SUB}/rg-hub-weu/vpngw-weu-hub-01,`)).toBe(true);
    expect(parseWatchParam(roundTrip(value))).toEqual({ ids, problems: [] });
  });

  it('is a third of the length of the resource IDs it stands for', () => {
    const ids = Array.from({ length: 40 }, (_, i) => id('rg-connectivity-weu', `vpngw-weu-hub-${i}`));
    expect(encodeWatchParam(ids).length).toBeLessThan(ids.join(',').length * 0.6);
  });

  it('accepts whole resource IDs, any casing, and keeps each gateway once', () => {
    const value = `${id('rg', 'gw-1').toUpperCase().replace('RG', 'rg').replace('GW-1', 'gw-1')},${SUB}/rg/gw-1`;
    expect(parseWatchParam(value).ids).toEqual([id('rg', 'gw-1')]);
  });

  it('names each malformed entry with its reason and still loads the others', () => {
    const parsed = parseWatchParam(`${SUB}/rg/gw-1,not-a-gateway,1234/rg/gw-2,${SUB}/rg/bad name,,${SUB}/rg/gw-3`);
    expect(parsed.ids).toEqual([id('rg', 'gw-1'), id('rg', 'gw-3')]);
    expect(parsed.problems.map((p) => p.entry)).toEqual(['not-a-gateway', '1234/rg/gw-2', `${SUB}/rg/bad name`]);
    expect(parsed.problems[0]?.message).toMatch(/three parts separated by "\/"\), found 1 part$/);
    expect(parsed.problems[1]?.message).toMatch(/the subscription ID must be a GUID, not "1234"/);
    expect(parsed.problems[2]?.message).toMatch(/the gateway name "bad name" is not valid/);
  });

  it('has no entries when absent or empty', () => {
    expect(parseWatchParam(null)).toEqual({ ids: [], problems: [] });
    expect(parseWatchParam('')).toEqual({ ids: [], problems: [] });
  });
});

describe('subs= in the URL', () => {
  it('keeps GUIDs (lower-cased, once) and reports the rest', () => {
    const parsed = parseSubscriptionsParam(`${SUB.toUpperCase()},${SUB},prod`);
    expect(parsed.subscriptionIds).toEqual([SUB]);
    expect(parsed.problems).toEqual([{ entry: 'prod', message: 'a subscription ID must be a GUID' }]);
  });
});
