import { describe, expect, it } from 'vitest';
import { ArmError } from '../../azure/arm-error';
import type { GatewaySummary } from '../../azure/gateways';
import { SignInRequiredError } from '../../auth/sign-in-required-error';
import { makePeer } from '../../testing/peer-fixtures';
import type { WatchedGateway } from '../../queries/get-gateways';
import { filterWallGateways, gatewayStatus, orderTiles, sameStatus, staleWhy, summarizeHealth } from './gateway-health';
import { parseWallParams, type WallParams } from './wall-params';

const NOW = 1_700_000_000_000;
const fresh = { nowMs: NOW, intervalMs: 60_000, online: true, needsInteraction: false };
const SUB_A = '11111111-2222-4333-8444-555555555555';
const SUB_B = '99999999-2222-4333-8444-555555555555';

function gateway(sub: string, name: string, gatewayType: string | null): WatchedGateway {
  const id = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
  const summary = gatewayType === null ? null : ({ id, name, gatewayType } as GatewaySummary);
  return { id, name, summary, error: null };
}

function params(search: string): WallParams {
  const result = parseWallParams(search);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.params;
}

describe('gatewayStatus', () => {
  it('all peers Connected and fresh: healthy', () => {
    const status = gatewayStatus({ data: [makePeer(), makePeer()], error: null, dataUpdatedAt: NOW - 12_000 }, fresh);
    expect(status).toEqual({ health: 'healthy', stale: false, why: null, connected: 2, total: 2 });
  });

  it('some peers down: degraded; none Connected: down', () => {
    const one = gatewayStatus({ data: [makePeer(), makePeer({ state: 'Idle' })], error: null, dataUpdatedAt: NOW }, fresh);
    expect(one.health).toBe('degraded');
    const none = gatewayStatus({ data: [makePeer({ state: 'Idle' })], error: null, dataUpdatedAt: NOW }, fresh);
    expect(none.health).toBe('down');
  });

  it('a throttled gateway is not answering, its last peers kept, and says it is throttled', () => {
    const error = new ArmError({ code: 'TooManyRequests', message: 'slow down', status: 429, retryAfterMs: 60_000 });
    const status = gatewayStatus({ data: [makePeer()], error, dataUpdatedAt: NOW - 70_000 }, fresh);
    expect(status).toMatchObject({ health: 'not-answering', stale: true, total: 1 });
    expect(status.why).toEqual({ kind: 'throttled', text: 'throttled (TooManyRequests)' });
  });

  it('data older than 2.5 intervals with no failure is stale: the poll never came back', () => {
    const old = gatewayStatus({ data: [makePeer()], error: null, dataUpdatedAt: NOW - 151_000 }, fresh);
    expect(old).toMatchObject({ health: 'not-answering', stale: true, why: { kind: 'no-answer' } });
    const notYet = gatewayStatus({ data: [makePeer()], error: null, dataUpdatedAt: NOW - 149_000 }, fresh);
    expect(notYet.stale).toBe(false);
  });

  it('before the first answer: waiting, or not answering with the reason', () => {
    expect(gatewayStatus({ data: undefined, error: null, dataUpdatedAt: 0 }, fresh).health).toBe('waiting');
    const failed = gatewayStatus(
      { data: undefined, error: new ArmError({ code: 'AuthorizationFailed', message: 'no', status: 403 }), dataUpdatedAt: 0 },
      fresh,
    );
    expect(failed).toMatchObject({ health: 'not-answering', why: { kind: 'error', text: 'error AuthorizationFailed' } });
  });
});

describe('staleWhy', () => {
  it('offline wins over the error it causes', () => {
    const error = new ArmError({ code: 'NetworkError', message: 'Failed to fetch' });
    expect(staleWhy(error, { online: false, needsInteraction: false })?.kind).toBe('offline');
    expect(staleWhy(error, { online: true, needsInteraction: false })).toEqual({ kind: 'error', text: 'error NetworkError' });
  });

  it('a sign-in that needs the user, however it surfaces, is "sign-in expired"', () => {
    const conditions = { online: true, needsInteraction: false };
    const wrapped = new ArmError({ code: 'TokenUnavailable', message: 'x', cause: new SignInRequiredError() });
    expect(staleWhy(wrapped, conditions)?.kind).toBe('sign-in-expired');
    expect(staleWhy(new ArmError({ code: 'ExpiredAuthenticationToken', message: 'x', status: 401 }), conditions)?.kind).toBe('sign-in-expired');
    expect(staleWhy(null, { online: true, needsInteraction: true })?.kind).toBe('sign-in-expired');
    expect(staleWhy(null, conditions)).toBeNull();
  });

  it('ARM asking to retry after another operation counts as throttling', () => {
    const error = new ArmError({ code: 'RetryableErrorDueToAnotherOperation', message: 'x', status: 429 });
    expect(staleWhy(error, { online: true, needsInteraction: false })?.kind).toBe('throttled');
  });
});

describe('orderTiles', () => {
  it('puts gateways with a fresh alert first, then down, not answering, degraded, waiting, healthy', () => {
    const make = (name: string, health: ReturnType<typeof gatewayStatus>['health'], alerting = false) => ({
      gateway: gateway(SUB_A, name, 'Vpn'),
      status: { health, stale: false, why: null, connected: 0, total: 0 },
      alerting,
    });
    const ordered = orderTiles([
      make('a-healthy', 'healthy'),
      make('b-degraded', 'degraded'),
      make('c-waiting', 'waiting'),
      make('d-down', 'down'),
      make('e-silent', 'not-answering'),
      make('f-alerting', 'degraded', true),
      make('0-healthy', 'healthy'),
    ]);
    expect(ordered.map((tile) => tile.gateway.name)).toEqual(['f-alerting', 'd-down', 'e-silent', 'b-degraded', 'c-waiting', '0-healthy', 'a-healthy']);
  });
});

describe('filterWallGateways', () => {
  const all = [gateway(SUB_A, 'vpngw-weu-hub-01', 'Vpn'), gateway(SUB_B, 'ergw-neu-er-01', 'ExpressRoute'), gateway(SUB_A, 'vpngw-neu-branch-01', null)];

  it('filters by subscription, type and name substring, any case', () => {
    expect(filterWallGateways(all, params(`?subscription=${SUB_B.toUpperCase()}`)).map((g) => g.name)).toEqual(['ergw-neu-er-01']);
    expect(filterWallGateways(all, params('?type=vpn')).map((g) => g.name)).toEqual(['vpngw-weu-hub-01']);
    expect(filterWallGateways(all, params('?name=NEU')).map((g) => g.name)).toEqual(['ergw-neu-er-01', 'vpngw-neu-branch-01']);
    expect(filterWallGateways(all, params(''))).toHaveLength(3);
  });
});

describe('summarizeHealth', () => {
  it('counts gateways by health and finds the oldest data', () => {
    const base = { stale: false, why: null, connected: 0, total: 0 };
    const summary = summarizeHealth([
      { status: { ...base, health: 'healthy' }, dataUpdatedAt: NOW - 3_000 },
      { status: { ...base, health: 'not-answering' }, dataUpdatedAt: NOW - 400_000 },
      { status: { ...base, health: 'waiting' }, dataUpdatedAt: 0 },
    ]);
    expect(summary.gateways).toEqual({ healthy: 1, degraded: 0, down: 0, 'not-answering': 1, waiting: 1 });
    expect(summary.oldestUpdatedAt).toBe(NOW - 400_000);
    expect(summarizeHealth([{ status: { ...base, health: 'waiting' }, dataUpdatedAt: 0 }]).oldestUpdatedAt).toBeNull();
  });
});

describe('sameStatus', () => {
  it('compares by value, down to why the data is stale', () => {
    const throttled = gatewayStatus({ data: [makePeer()], error: new ArmError({ code: 'TooManyRequests', message: 'x', status: 429 }), dataUpdatedAt: NOW }, fresh);
    const rebuilt = gatewayStatus({ data: [makePeer()], error: new ArmError({ code: 'TooManyRequests', message: 'y', status: 429 }), dataUpdatedAt: NOW }, fresh);
    const failed = gatewayStatus({ data: [makePeer()], error: new ArmError({ code: 'InternalServerError', message: 'x', status: 500 }), dataUpdatedAt: NOW }, fresh);
    expect(sameStatus(throttled, rebuilt)).toBe(true);
    expect(sameStatus(throttled, failed)).toBe(false);
    expect(sameStatus(throttled, { ...throttled, connected: 0 })).toBe(false);
  });
});
