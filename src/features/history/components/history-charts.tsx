import type { ReactNode } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatClock, formatDayClock, formatDecimal } from '../../../lib/format';
import { timeTicks } from '../model/history-time';
import type { ChartRow } from '../model/history-view';

// Dark wall theme: light text and grid on slate, lines bright enough to read from across a room.
const AXIS = { stroke: '#94a3b8', fontSize: 12 };
const GRID = '#334155';
const SENT = '#38bdf8';
const RECEIVED = '#f472b6';
const ROUTES = '#34d399';
const MONITOR = '#fbbf24';
const RESET = '#f87171';
/** Most recent reset markers drawn; more would hide the lines. */
const MAX_RESET_MARKERS = 200;

interface ChartProps {
  rows: readonly ChartRow[];
  resetTimes: readonly number[];
  fromMs: number;
  toMs: number;
}

function formatValue(value: unknown, unit: string): string {
  if (typeof value !== 'number') return '—';
  return `${formatDecimal(value)} ${unit}`;
}

interface TooltipEntry {
  dataKey?: unknown;
  name?: unknown;
  value?: unknown;
  color?: string;
  payload?: unknown;
}
interface ExactTooltipProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: unknown;
  unit: string;
}

function ExactTooltip({ active, payload, label, unit }: ExactTooltipProps) {
  if (!active || !payload || payload.length === 0 || typeof label !== 'number') return null;
  const row = payload[0]?.payload as ChartRow | undefined;
  return (
    <div className="rounded border border-slate-500 bg-slate-950/95 px-3 py-2 text-sm text-slate-100 shadow-lg">
      <p className="font-mono font-semibold">{formatDayClock(label)}</p>
      {payload.map((entry) => (
        <p key={String(entry.dataKey)} style={{ color: entry.color }}>
          {String(entry.name)}: {formatValue(entry.value, unit)}
        </p>
      ))}
      {row?.reset && <p className="font-bold text-red-300">Session reset before this sample</p>}
    </div>
  );
}

function ResetMarkers({ resetTimes }: { resetTimes: readonly number[] }) {
  return resetTimes
    .slice(-MAX_RESET_MARKERS)
    .map((time) => <ReferenceLine key={time} x={time} stroke={RESET} strokeDasharray="4 3" strokeWidth={2} className="reset-marker" ifOverflow="hidden" />);
}

function TimeAxis({ fromMs, toMs }: { fromMs: number; toMs: number }) {
  return (
    <XAxis
      dataKey="time"
      type="number"
      domain={[fromMs, toMs]}
      ticks={timeTicks(fromMs, toMs)}
      allowDataOverflow
      tickFormatter={formatClock}
      tick={AXIS}
      stroke={AXIS.stroke}
    />
  );
}

interface ChartFrameProps extends ChartProps {
  unit: string;
  allowDecimals: boolean;
  /** The chart's lines, passed through as ComposedChart's direct children. */
  children: ReactNode;
}

/** What both charts share: the time axis, a value axis with thousands separators, the exact tooltip, resets. */
function ChartFrame({ rows, resetTimes, fromMs, toMs, unit, allowDecimals, children }: ChartFrameProps) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <ComposedChart data={rows as ChartRow[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <TimeAxis fromMs={fromMs} toMs={toMs} />
        <YAxis tick={AXIS} stroke={AXIS.stroke} width={56} allowDecimals={allowDecimals} tickFormatter={formatDecimal} />
        <Tooltip content={(props) => <ExactTooltip active={props.active} payload={props.payload} label={props.label} unit={unit} />} />
        <Legend wrapperStyle={{ color: '#e2e8f0' }} />
        {children}
        {ResetMarkers({ resetTimes })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** Messages sent and received per minute, breaks at gaps, a dashed red line at each reset. */
export function MessageRateChart(props: ChartProps) {
  const dots = props.rows.length <= 60;
  return (
    <ChartFrame {...props} unit="/min" allowDecimals>
      <Line type="linear" dataKey="sentPerMinute" name="Messages sent per minute" stroke={SENT} strokeWidth={2} dot={dots} isAnimationActive={false} />
      <Line type="linear" dataKey="receivedPerMinute" name="Messages received per minute" stroke={RECEIVED} strokeWidth={2} dot={dots} isAnimationActive={false} />
    </ChartFrame>
  );
}

/** Routes received from local polls, and Azure Monitor's 5-minute averages before them. */
export function RoutesChart(props: ChartProps) {
  const dots = props.rows.length <= 60;
  return (
    <ChartFrame {...props} unit="routes" allowDecimals={false}>
      <Line
        type="stepAfter"
        dataKey="monitorRoutes"
        name="Azure Monitor, 5-minute average"
        stroke={MONITOR}
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
        className="monitor-line"
      />
      <Line type="stepAfter" dataKey="routesReceived" name="Routes received" stroke={ROUTES} strokeWidth={2} dot={dots} isAnimationActive={false} />
    </ChartFrame>
  );
}
