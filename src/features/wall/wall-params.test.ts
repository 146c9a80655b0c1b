import { describe, expect, it } from 'vitest';
import { DEFAULT_ROTATE_SECONDS, parseWallParams, type WallParams } from './wall-params';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';
const GW2 = GW.replace('vpngw-1', 'ergw-2');

function params(search: string): WallParams {
  const result = parseWallParams(search);
  if (!result.ok) throw new Error(`expected valid params, got: ${result.problems.join('; ')}`);
  return result.params;
}

function problems(search: string): string[] {
  const result = parseWallParams(search);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseWallParams', () => {
  it('an empty query shows every gateway, rotating every 20 s, dark, silent, all parts, from page 1', () => {
    const p = params('');
    expect(p.gateways).toBe('all');
    expect(p.rotateSeconds).toBe(DEFAULT_ROTATE_SECONDS);
    expect([...p.show]).toEqual(['summary', 'tiles', 'changes']);
    expect(p.theme).toBe('dark');
    expect(p.sound).toBe(false);
    expect(p.startPage).toBe(1);
    expect(p.subscription).toEqual([]);
    expect(p.type).toBeUndefined();
    expect(p.name).toBeUndefined();
  });

  it('reads a list of gateway IDs, URL-encoded or not, without duplicates', () => {
    const p = params(`?gateways=${encodeURIComponent(GW)},${GW2},${GW}`);
    expect(p.gateways).toEqual([GW, GW2]);
  });

  it('reads every filter and option', () => {
    const p = params(
      '?gateways=all&subscription=11111111-2222-4333-8444-555555555555&type=ExpressRoute&name=weu&rotate=45&show=summary,tiles&theme=light&sound=on&page=3',
    );
    expect(p.subscription).toEqual(['11111111-2222-4333-8444-555555555555']);
    expect(p.type).toBe('expressroute');
    expect(p.name).toBe('weu');
    expect(p.rotateSeconds).toBe(45);
    expect([...p.show]).toEqual(['summary', 'tiles']);
    expect(p.theme).toBe('light');
    expect(p.sound).toBe(true);
    expect(p.startPage).toBe(3);
  });

  it('rotate=0 keeps one page on screen', () => {
    expect(params('?rotate=0').rotateSeconds).toBe(0);
  });

  it('names the parameter and the fix for each bad value', () => {
    const found = problems('?rotate=2&type=p2s&sound=loud&theme=blue&page=0&show=tiles,map');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^"rotate" must be 0 \(no rotation\) or at least 5 seconds/),
        expect.stringMatching(/^"type" must be "vpn" or "expressroute"/),
        expect.stringMatching(/^"sound" must be "on" or "off"/),
        expect.stringMatching(/^"theme" must be "dark" or "light"/),
        expect.stringMatching(/^"page" must be at least 1/),
        expect.stringMatching(/^"show" must list some of summary, tiles, changes/),
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it('says which gateway ID is malformed and why', () => {
    const [problem, ...rest] = problems(`?gateways=${GW},/subscriptions/not-a-guid/resourceGroups/rg`);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^"gateways" entry "\/subscriptions\/not-a-guid\/resourceGroups\/rg" is not a virtual network gateway ID: the subscription ID must be a GUID/);
  });

  it('refuses unknown and repeated parameters, so a typo does not silently change the screen', () => {
    expect(problems('?rotation=10')).toEqual([expect.stringMatching(/^"rotation" is not a wall parameter \(known: gateways, /)]);
    expect(problems('?rotate=10&rotate=20')).toEqual(['"rotate" is given more than once']);
  });

  it("accepts the page's tenant= (a wall of a customer's tenant) without it changing the wall's own settings", () => {
    const result = parseWallParams('tenant=0c0ffee0-0000-4000-8000-000000000001&rotate=0');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.params.rotateSeconds).toBe(0);
  });

  it('refuses text where a number of seconds is expected', () => {
    expect(problems('?rotate=20s')).toEqual(['"rotate" must be a whole number of seconds']);
  });

  it('refuses a subscription that is not a GUID', () => {
    expect(problems('?subscription=prod')).toEqual([expect.stringMatching(/^"subscription" must be subscription IDs/)]);
  });

  it('mute= carries maintenance windows; a bad entry says which and what to write', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const ok = parseWallParams(new URLSearchParams({ mute: `${GW}~10.1.0.1~~2026-12-02T18:00Z~ISP work` }), now);
    expect(ok.ok && ok.params.mute).toEqual([{ gatewayId: GW, neighbor: '10.1.0.1', localAddress: null, untilMs: Date.parse('2026-12-02T18:00Z'), note: 'ISP work' }]);
    const bad = parseWallParams(new URLSearchParams({ mute: `${GW}~10.1.0.1~~6pm` }), now);
    expect(bad.ok ? [] : bad.problems).toEqual([expect.stringMatching(/^"mute" .*until "6pm" must be a date and time with its zone/)]);
  });
});
