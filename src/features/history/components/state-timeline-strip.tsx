import { formatDuration } from '../../../lib/format';
import { formatDayClock } from '../../../lib/format';
import { peerLabel } from '../../../bgp/peer-identity';
import type { PeerTimeline } from '../model/history-view';
import type { TimelineState } from '../model/state-timeline';

interface StateLook {
  label: string;
  fill: string;
}

// Colour AND pattern per state (colour-blind safe, readable on the dark wall theme); Azure
// Monitor's 5-minute view is hatched horizontally so it never passes for local polls.
const LOOKS: Record<TimelineState, StateLook> = {
  Connected: { label: 'Connected', fill: '#10b981' },
  Connecting: { label: 'Connecting', fill: 'url(#timeline-connecting)' },
  Idle: { label: 'Idle', fill: 'url(#timeline-idle)' },
  Stopped: { label: 'Stopped', fill: 'url(#timeline-stopped)' },
  Unknown: { label: 'Unknown', fill: 'url(#timeline-unknown)' },
  'no-data': { label: 'No data', fill: 'transparent' },
  'monitor-up': { label: 'Up (Azure Monitor, 5-minute average)', fill: 'url(#timeline-monitor-up)' },
  'monitor-partial': { label: 'Partly up (Azure Monitor, 5-minute average)', fill: 'url(#timeline-monitor-partial)' },
  'monitor-down': { label: 'Down (Azure Monitor, 5-minute average)', fill: 'url(#timeline-monitor-down)' },
};

/** The patterns, once per page; strips refer to them by id. */
export function TimelinePatterns() {
  const hatch = (id: string, background: string, stroke: string, path: string, size = 6) => (
    <pattern id={id} width={size} height={size} patternUnits="userSpaceOnUse">
      <rect width={size} height={size} fill={background} />
      <path d={path} stroke={stroke} strokeWidth="2" />
    </pattern>
  );
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      <defs>
        {hatch('timeline-connecting', '#78350f', '#fcd34d', 'M0,6 L6,0')}
        {hatch('timeline-idle', '#7c2d12', '#fb923c', 'M0,0 L6,6 M0,6 L6,0')}
        <pattern id="timeline-stopped" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#dc2626" />
          <circle cx="3" cy="3" r="1.3" fill="#fecaca" />
        </pattern>
        {hatch('timeline-unknown', '#334155', '#cbd5e1', 'M3,0 L3,6')}
        {hatch('timeline-monitor-up', '#064e3b', '#34d399', 'M0,3 L6,3')}
        {hatch('timeline-monitor-partial', '#713f12', '#facc15', 'M0,3 L6,3')}
        {hatch('timeline-monitor-down', '#7f1d1d', '#f87171', 'M0,3 L6,3')}
      </defs>
    </svg>
  );
}

export function TimelineLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-300" aria-label="Timeline legend">
      {(Object.keys(LOOKS) as TimelineState[]).map((state) => (
        <li key={state} className="flex items-center gap-1.5">
          <svg width="22" height="12" aria-hidden="true" focusable="false">
            <rect width="22" height="12" fill={LOOKS[state].fill} stroke="#64748b" strokeWidth="1" />
          </svg>
          {LOOKS[state].label}
        </li>
      ))}
    </ul>
  );
}

function summaryText(timeline: PeerTimeline): string {
  const { state, sinceMs, sinceIsLowerBound, flaps, reEstablished } = timeline.summary;
  const parts: string[] = [];
  if (state) {
    if (sinceMs !== null) {
      const since = `${formatDayClock(sinceMs)}${sinceIsLowerBound ? ' or earlier' : ''}`;
      const age = formatDuration(Math.max(0, (Date.now() - sinceMs) / 1000));
      parts.push(state === 'Connected' ? `up since ${since} (${age})` : `${state}, down since ${since} (${age})`);
    } else {
      parts.push(state);
    }
  } else {
    parts.push('no local samples');
  }
  parts.push(`${flaps} flap${flaps === 1 ? '' : 's'}`);
  if (reEstablished) parts.push('re-established < 5 min ago');
  return parts.join(' · ');
}

interface StripProps {
  timeline: PeerTimeline;
  fromMs: number;
  toMs: number;
  instanceLabel?: string;
}

/** One peer row's states over the range, like Grafana's state timeline. */
export function StateTimelineStrip({ timeline, fromMs, toMs, instanceLabel }: StripProps) {
  const span = Math.max(1, toMs - fromMs);
  const name = `${peerLabel(timeline.peerKey)}${instanceLabel ? ` (${instanceLabel})` : ''}`;
  const summary = summaryText(timeline);
  return (
    <li data-testid="peer-timeline" data-peer-key={timeline.peerKey} className="flex flex-col gap-0.5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-mono text-slate-100">{name}</span>
        <span data-testid="timeline-summary" data-flaps={timeline.summary.flaps} className="text-slate-300">
          {summary}
        </span>
      </div>
      <svg
        viewBox="0 0 1000 20"
        preserveAspectRatio="none"
        className="h-5 w-full rounded-sm bg-slate-800"
        role="img"
        aria-label={`${name}: ${summary}`}
      >
        {timeline.segments.map((segment) => (
          <rect
            key={`${segment.from}-${segment.state}`}
            data-testid="timeline-segment"
            data-state={segment.state}
            x={((segment.from - fromMs) / span) * 1000}
            width={Math.max(0.5, ((segment.to - segment.from) / span) * 1000)}
            y="0"
            height="20"
            fill={LOOKS[segment.state].fill}
          >
            <title>{`${LOOKS[segment.state].label}: ${formatDayClock(segment.from)} – ${formatDayClock(segment.to)}`}</title>
          </rect>
        ))}
      </svg>
    </li>
  );
}
