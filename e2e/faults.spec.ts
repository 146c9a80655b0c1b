import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control, type FaultRequest } from './support/emulator-control.ts';
import type { ArmOperation } from '../emulator/control/faults.ts';
import { configFor, gatewayPanel, lastUpdatedAt, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

/**
 * The fault matrix: every fault the emulator can inject, on one gateway, in the running app.
 * Each case shows what the engineer reads, that the other gateways keep updating, that the last
 * good peers stay on screen marked STALE, that retries stay within what the client's policy
 * allows (counted by the emulator), and that the gateway recovers by itself once the fault clears.
 */

// The client's policy, as src/ sets it (the bounds below are derived from it, not measured):
const INTERVAL_MS = POLL_SECONDS * 1000;
/** src/azure/arm-client.ts: retry.maxAttempts for network errors, 429, 500, 502, 503, 504. */
const ATTEMPTS_PER_POLL = 3;
/** src/azure/arm-client.ts: polling.minDelayMs, the shortest wait between two status polls. */
const MIN_STATUS_POLL_MS = 1000;
/** src/features/peers/peer-queries.ts: peerOperationTimeoutMs(5 s) = max(30 s, 2 intervals). */
const OPERATION_LIMIT_MS = 30_000;
const RETRY_AFTER_SECONDS = 4;
/**
 * Chromium itself sends a request again, up to twice, when a reused keep-alive connection closes
 * without an answer (net::ERR_EMPTY_RESPONSE): a dropped connection can reach the server up to
 * three times per attempt of ours. That is the browser's network stack, not our retry policy.
 */
const CHROMIUM_SENDS_PER_DROPPED_ATTEMPT = 3;

/**
 * Operations started in a window: one may already be running when it opens, and a new one
 * starts at most once per interval after the previous one ended (React Query's refetchInterval
 * restarts on every result).
 */
const polls = (windowMs: number) => Math.floor(windowMs / INTERVAL_MS) + 2;

type Outcome =
  | { kind: 'failure'; code: string; says: RegExp }
  | { kind: 'odd-data'; shows: RegExp; note: RegExp }
  | { kind: 'keeps-updating' };

interface FaultCase {
  title: string;
  /** Injected on the target gateway. */
  fault: FaultRequest;
  outcome: Outcome;
  /** How long the outcome may take to show. */
  within: number;
  /** Console errors Chromium logs for this fault's failed requests. */
  allow?: RegExp[];
  /** The emulator's request count for these operations of the gateway, over a window of `ms`, stays ≤ max(ms). */
  bound: { operations: ArmOperation[]; max: (ms: number) => number; policy: string };
  /** How long recovery may take once the fault is cleared. */
  recoverWithin?: number;
}

const FIRST_ATTEMPT_MS = INTERVAL_MS + 4_000; // the next poll, plus the 1 s operation and its status poll
const RECOVERY_MS = 2 * INTERVAL_MS + 8_000;
const onPost = { operation: 'getBgpPeerStatus' } as const;

const CASES: FaultCase[] = [
  {
    title: '429 TooManyRequests with Retry-After',
    fault: { kind: 'throttle', retryAfterSeconds: RETRY_AFTER_SECONDS, ...onPost },
    outcome: { kind: 'failure', code: 'TooManyRequests', says: /Azure is throttling requests \(HTTP 429\); ARM asked to wait 4s/ },
    within: FIRST_ATTEMPT_MS + 2 * RETRY_AFTER_SECONDS * 1000,
    allow: [failedLoad(429)],
    // Every attempt, retry or poll, waits at least Retry-After (or the interval) after the last.
    bound: {
      operations: ['getBgpPeerStatus'],
      max: (ms) => Math.floor(ms / Math.min(RETRY_AFTER_SECONDS * 1000, INTERVAL_MS)) + 2,
      policy: 'attempts ≥ Retry-After apart',
    },
  },
  {
    title: '500 InternalServerError',
    fault: { kind: 'http500', ...onPost },
    outcome: { kind: 'failure', code: 'InternalServerError', says: /Azure had an internal error \(HTTP 500\)/ },
    within: FIRST_ATTEMPT_MS + 4_000,
    allow: [failedLoad(500)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => ATTEMPTS_PER_POLL * polls(ms), policy: '≤ 3 attempts per poll, 1 s then 2 s backoff' },
  },
  {
    title: '503 ServiceUnavailable',
    fault: { kind: 'http503', ...onPost },
    outcome: { kind: 'failure', code: 'ServiceUnavailable', says: /Azure is temporarily unavailable \(HTTP 503\)/ },
    within: FIRST_ATTEMPT_MS + 4_000,
    allow: [failedLoad(503)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => ATTEMPTS_PER_POLL * polls(ms), policy: '≤ 3 attempts per poll, 1 s then 2 s backoff' },
  },
  {
    title: 'long-running operation Failed with a CloudError',
    fault: {
      kind: 'lroFailed',
      code: 'GatewayOperationFailed',
      message: 'The gateway could not report BGP peer status: its instances are being updated.',
    },
    outcome: { kind: 'failure', code: 'GatewayOperationFailed', says: /Azure ran the peer status operation and it failed/ },
    within: FIRST_ATTEMPT_MS,
    bound: {
      operations: ['getBgpPeerStatus'],
      max: (ms) => polls(ms),
      policy: 'not retried: one operation per poll',
    },
  },
  {
    title: 'long-running operation that never finishes',
    fault: { kind: 'lroNeverFinishes' },
    outcome: { kind: 'failure', code: 'OperationTimedOut', says: /never finished in Azure, so it was abandoned/ },
    within: INTERVAL_MS + OPERATION_LIMIT_MS + 5_000,
    bound: {
      operations: ['lroStatus'],
      max: (ms) => Math.floor(ms / MIN_STATUS_POLL_MS) + 2,
      policy: 'status polled at most once a second, abandoned after 30 s',
    },
    recoverWithin: OPERATION_LIMIT_MS + RECOVERY_MS,
  },
  {
    title: 'malformed JSON',
    fault: { kind: 'malformedJson', operation: 'lroResult' },
    outcome: { kind: 'failure', code: 'InvalidResponse', says: /Azure sent an answer that could not be read/ },
    within: FIRST_ATTEMPT_MS,
    bound: { operations: ['lroResult'], max: (ms) => polls(ms), policy: 'not retried: one result read per poll' },
  },
  {
    title: 'unknown state value',
    fault: { kind: 'unknownState', state: 'Flapping' },
    outcome: { kind: 'odd-data', shows: /^\W*Unknown \(Flapping\)$/, note: /state "Flapping" is not a known BGP state/ },
    within: FIRST_ATTEMPT_MS,
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'one operation per poll' },
  },
  {
    title: 'missing fields',
    fault: { kind: 'missingFields' },
    outcome: { kind: 'odd-data', shows: /^—$/, note: /asn was missing/ },
    within: FIRST_ATTEMPT_MS,
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'one operation per poll' },
  },
  {
    title: 'dropped connection',
    fault: { kind: 'dropConnection', ...onPost },
    outcome: { kind: 'failure', code: 'NetworkError', says: /Azure could not be reached: the connection failed or was dropped/ },
    within: FIRST_ATTEMPT_MS + 4_000,
    allow: [/Failed to load resource: net::ERR_/],
    bound: {
      operations: ['getBgpPeerStatus'],
      max: (ms) => ATTEMPTS_PER_POLL * CHROMIUM_SENDS_PER_DROPPED_ATTEMPT * polls(ms),
      policy: '≤ 3 attempts per poll (each resent by Chromium up to twice on a dropped keep-alive connection)',
    },
  },
  {
    title: 'slow answer (3 s)',
    fault: { kind: 'slow', delayMs: 3_000, ...onPost },
    outcome: { kind: 'keeps-updating' },
    within: FIRST_ATTEMPT_MS + 3_000,
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'one operation per poll, none stacked up' },
  },
  {
    title: 'answer that never comes (hung request)',
    fault: { kind: 'slow', delayMs: 600_000, ...onPost },
    outcome: { kind: 'failure', code: 'OperationTimedOut', says: /never finished in Azure, so it was abandoned/ },
    within: INTERVAL_MS + OPERATION_LIMIT_MS + 5_000,
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'the hung request is abandoned at 30 s, not repeated' },
    recoverWithin: OPERATION_LIMIT_MS + RECOVERY_MS,
  },
  {
    title: '401 ExpiredAuthenticationToken',
    fault: {
      kind: 'unauthorized',
      code: 'ExpiredAuthenticationToken',
      message: "The access token expiry UTC time '11/26/2026 4:00:00 AM' is earlier than current UTC time '11/26/2026 4:05:00 AM'.",
      ...onPost,
    },
    outcome: { kind: 'failure', code: 'ExpiredAuthenticationToken', says: /refused the sign-in token as expired \(HTTP 401\)/ },
    within: FIRST_ATTEMPT_MS,
    allow: [failedLoad(401)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => 2 * polls(ms), policy: 'once more with a renewed token, then one request per poll' },
  },
  {
    title: '401 InvalidAuthenticationToken',
    fault: { kind: 'unauthorized', ...onPost },
    outcome: { kind: 'failure', code: 'InvalidAuthenticationToken', says: /Azure refused the sign-in token \(HTTP 401\)/ },
    within: FIRST_ATTEMPT_MS,
    allow: [failedLoad(401)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => 2 * polls(ms), policy: 'once more with a renewed token, then one request per poll' },
  },
  {
    title: '403 AuthorizationFailed',
    fault: { kind: 'forbidden', ...onPost },
    outcome: { kind: 'failure', code: 'AuthorizationFailed', says: /not allowed to read this gateway \(HTTP 403\)/ },
    within: FIRST_ATTEMPT_MS,
    allow: [failedLoad(403)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'not retried: one request per poll' },
  },
  {
    title: '404 gateway deleted',
    fault: { kind: 'notFound' },
    outcome: { kind: 'failure', code: 'ResourceNotFound', says: /gateway was not found \(HTTP 404\): deleted, renamed or moved\?/ },
    within: FIRST_ATTEMPT_MS,
    allow: [failedLoad(404)],
    bound: { operations: ['getBgpPeerStatus'], max: (ms) => polls(ms), policy: 'not retried: one request per poll' },
  },
];

const emulator = emulatorForThisSpec();

async function requestCount(gatewayId: string, operations: ArmOperation[]): Promise<number> {
  const counts = await control(emulator.info).requests();
  const entry = Object.entries(counts.byGateway).find(([id]) => id.toLowerCase() === gatewayId.toLowerCase())?.[1];
  return operations.reduce((sum, op) => sum + (entry?.byOperation[op] ?? 0), 0);
}

async function screenshot(panel: Locator, name: string) {
  const dir = process.env.FAULT_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await panel.screenshot({ path: join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`) });
}

for (const c of CASES) {
  test(`fault: ${c.title}`, async ({ page, pageGuard }) => {
    const timeout = c.within + 2 * INTERVAL_MS + (c.recoverWithin ?? RECOVERY_MS) + 30_000;
    test.setTimeout(Math.max(90_000, timeout));
    pageGuard.allow(...(c.allow ?? []));
    // The healthy gateway is in another subscription: a 429 rightly holds the writes of the whole
    // subscription it answered for (e2e/scheduler.spec.ts), and must hold nothing else.
    const subscription = (id: string) => id.split('/')[2]?.toLowerCase();
    const [target] = emulator.fleet.gateways;
    const healthy = emulator.fleet.gateways.find((g) => target && subscription(g.id) !== subscription(target.id));
    if (!target || !healthy) throw new Error('the small fleet has gateways in two subscriptions');

    // The fault table is about direct requests (HTTP-level faults such as a dropped connection
    // look different inside a batch); the batch transport has its own spec.
    await useConfig(page, configFor(emulator.info, 'emulator', { arm: { endpoint: emulator.info.armEndpoint, transport: 'direct' } }));
    await signIn(page, 'emulator');
    const panel = gatewayPanel(page, target.id);
    const healthyPanel = gatewayPanel(page, healthy.id);
    const rows = peerRows(panel);
    await expect(rows.first()).toBeVisible();
    const goodRows = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-neighbor')).sort());

    await control(emulator.info).resetRequests();
    const injectedAt = Date.now();
    await control(emulator.info).injectFault({ ...c.fault, gatewayId: target.id });

    const stale = panel.getByTestId('stale-marker');
    const { outcome } = c;
    if (outcome.kind === 'failure') {
      // What the engineer reads: plain words, ARM's code, and the last good peers, marked STALE.
      await expect(stale).toContainText(outcome.code, { timeout: c.within });
      await expect(stale).toContainText(outcome.says);
      await expect(rows).toHaveCount(goodRows.length);
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-neighbor')).sort())).toEqual(goodRows);
    } else if (outcome.kind === 'odd-data') {
      // Odd values are data, not a failure: shown for what they are, with a note, not STALE.
      await expect(panel.getByText(outcome.note).first()).toBeVisible({ timeout: c.within });
      await expect(panel.getByText(outcome.shows).first()).toBeVisible();
      await expect(rows).toHaveCount(goodRows.length);
      await expect(stale).toHaveCount(0);
    } else {
      // A slow but working ARM: the gateway itself keeps updating, and is not called stale. An
      // operation started before the fault can still land after it, so wait until a slowed
      // request has reached the emulator and count only an update that comes after it.
      await expect.poll(() => requestCount(target.id, c.bound.operations), { timeout: c.within }).toBeGreaterThan(0);
      const slowedSentBy = Date.now();
      await expect.poll(() => lastUpdatedAt(panel), { timeout: c.within }).toBeGreaterThan(slowedSentBy);
      await expect(stale).toHaveCount(0);
    }
    await screenshot(panel, c.title);

    // The other gateways keep updating on their own schedule.
    await expect.poll(() => lastUpdatedAt(healthyPanel), { timeout: INTERVAL_MS + 5_000 }).toBeGreaterThan(injectedAt);
    await expect(healthyPanel.getByTestId('stale-marker')).toHaveCount(0);

    // Retries are bounded: the emulator's count over the window stays within the policy's bound.
    // The fault can show first through an operation started before it (a 404 on its status poll),
    // so the window runs until the requests the bound is about have reached the emulator.
    await expect.poll(() => requestCount(target.id, c.bound.operations), { timeout: INTERVAL_MS + 10_000 }).toBeGreaterThan(0);
    const windowMs = Date.now() - injectedAt;
    const seen = await requestCount(target.id, c.bound.operations);
    const max = c.bound.max(windowMs);
    console.log(`FAULT_OBSERVED ${JSON.stringify({ fault: c.title, operations: c.bound.operations, seen, max, windowMs, policy: c.bound.policy })}`);
    expect(seen, `${c.bound.operations.join('+')} requests in ${windowMs} ms (${c.bound.policy})`).toBeLessThanOrEqual(max);

    // When the fault clears, the gateway recovers without a click.
    const clearedAt = Date.now();
    await control(emulator.info).clearFaults();
    const recoverWithin = c.recoverWithin ?? RECOVERY_MS;
    await expect.poll(() => lastUpdatedAt(panel), { timeout: recoverWithin }).toBeGreaterThan(clearedAt);
    await expect(stale).toHaveCount(0);
    if (outcome.kind === 'odd-data') await expect(panel.getByText(outcome.note)).toHaveCount(0);
    await expect(rows).toHaveCount(goodRows.length);
  });
}
