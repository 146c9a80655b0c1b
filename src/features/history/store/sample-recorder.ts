import type { QueryClient } from '@tanstack/react-query';
import { isArmError } from '../../../azure/arm-error';
import type { BgpPeer } from '../../../azure/bgp-peer-status';
import { onPeersPoll } from '../../../queries/peers-poll';
import { DEFAULT_EVENT_RULES, peerEvents, pollEvents, type EventRules } from '../model/history-events';
import type { HistoryStore } from './history-store';
import { samplesFromPeers, type PeerSample, type PollOutcome } from '../model/peer-sample';

/** How far back a reload looks for each peer's previous sample (to tell what changed since). */
const BASELINE_LOOKBACK_MS = 2 * 3_600_000;

function errorCode(error: unknown): string {
  if (isArmError(error)) return error.code;
  if (error instanceof Error) return error.name === 'TypeError' ? 'NetworkError' : error.name;
  return 'Error';
}

interface GatewayBaseline {
  lastByPeer: Map<string, PeerSample>;
  lastOk: boolean | undefined;
  lastTime: number;
}

/**
 * Records every poll of every watched gateway into the history store by listening to the query
 * cache, so the peers feature's own polling is the only getBgpPeerStatus ever made: a successful
 * poll adds a sample per peer row and the events it implies; a failed poll adds a gap and, the
 * first time, "gateway stopped answering". Returns the unsubscribe function.
 */
export function startSampleRecorder(queryClient: QueryClient, store: HistoryStore, rules: EventRules = DEFAULT_EVENT_RULES): () => void {
  const baselines = new Map<string, Promise<GatewayBaseline>>();
  let stopped = false;

  const baselineOf = (gatewayId: string, nowMs: number): Promise<GatewayBaseline> => {
    let baseline = baselines.get(gatewayId);
    if (!baseline) {
      baseline = store
        .read(gatewayId, nowMs - BASELINE_LOOKBACK_MS, nowMs)
        .then(({ samples, polls }) => {
          const lastByPeer = new Map<string, PeerSample>();
          for (const sample of samples) {
            const known = lastByPeer.get(sample.peerKey);
            if (!known || known.time <= sample.time) lastByPeer.set(sample.peerKey, sample);
          }
          const lastPoll = polls.reduce<PollOutcome | undefined>((last, p) => (!last || p.time >= last.time ? p : last), undefined);
          return { lastByPeer, lastOk: lastPoll?.ok, lastTime: lastPoll?.time ?? 0 };
        })
        .catch(() => ({ lastByPeer: new Map<string, PeerSample>(), lastOk: undefined, lastTime: 0 }));
      baselines.set(gatewayId, baseline);
    }
    // Awaits of one promise resume in the order they began, and what follows each is synchronous,
    // so each poll of a gateway is compared with the one before it, in order.
    return baseline;
  };

  const recordSuccess = async (gatewayId: string, peers: readonly BgpPeer[], time: number) => {
    const baseline = await baselineOf(gatewayId, time);
    if (stopped || time <= baseline.lastTime) return;
    const samples = samplesFromPeers(gatewayId, time, peers);
    const events = pollEvents(baseline.lastOk, { gatewayId, time, ok: true });
    for (const sample of samples) {
      events.push(...peerEvents(baseline.lastByPeer.get(sample.peerKey), sample, rules));
      baseline.lastByPeer.set(sample.peerKey, sample);
    }
    baseline.lastOk = true;
    baseline.lastTime = time;
    store.record({ samples, polls: [{ gatewayId, time, ok: true }], events });
  };

  const recordFailure = async (gatewayId: string, error: unknown, time: number) => {
    const baseline = await baselineOf(gatewayId, time);
    if (stopped || time <= baseline.lastTime) return;
    const poll: PollOutcome = { gatewayId, time, ok: false, errorCode: errorCode(error) };
    const events = pollEvents(baseline.lastOk, poll);
    baseline.lastOk = false;
    baseline.lastTime = time;
    store.record({ samples: [], polls: [poll], events });
  };

  const unsubscribe = onPeersPoll(queryClient, (poll) => {
    if (poll.ok) void recordSuccess(poll.gatewayId, poll.peers, poll.time);
    else void recordFailure(poll.gatewayId, poll.error, poll.time);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
