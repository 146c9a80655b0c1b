import { useState } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDayClock, formatDecimal } from '../../../lib/format';
import type { RobustScale } from '../model/chart-scale';
import { nearestTimeSync, timeLabelFormatter, timeTicks, zoomRange } from '../model/history-time';
import type { ChartRow } from '../model/history-view';

// Dark wall theme: light text and grid on slate, lines bright enough to read from across a room.
const AXIS = { stroke: '#94a3b8', fontSize: 12 };
const GRID = '#334155';
const SENT = '#38bdf8';
const RECEIVED = '#f472b6';
const ROUTES = '#34d399';
const MONITOR = '#fbbf24';
const RESET = '#f87171';
const CUT = '#fde047';
/** Most recent reset markers drawn; more would hide the lines. */
const MAX_RESET_MARKERS = 200;
/** Most cut-value markers drawn along the top edge. */
const MAX_CUT_MARKERS = 100;
/** The crosshair of another chart snaps to a row at most 1/100 of the range away (the downsampling's slice). */
const SYNC_SLICES = 100;
/** A drag narrower than this is a click, not a zoom. */
const MIN_ZOOM_MS = 30_000;

export interface ChartProps {
  rows: readonly ChartRow[];
  resetTimes: readonly number[];
  fromMs: number;
  toMs: number;
  /** Charts of one page share it: one crosshair moves across all of them. */
  syncId: string;
  scale: RobustScale;
  /** A drag across the chart asks to show that time range. */
  onZoom: (range: { fromMs: number; toMs: number }) => void;
  height?: number;
  legend?: boolean;
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
  if (!active || !payload || payload.length === 0) return null;
  const row = payload[0]?.payload as ChartRow | undefined;
  // The row's own time: a chart following another's crosshair shows its nearest row, not the other's.
  const time = row?.time ?? (typeof label === 'number' ? label : null);
  if (time === null) return null;
  return (
    <div className="rounded border border-slate-500 bg-slate-950/95 px-3 py-2 text-sm text-slate-100 shadow-lg">
      <p className="font-mono font-semibold">{formatDayClock(time)}</p>
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

/** Values above a capped axis: a triangle on the top edge at their time, so a cut spike is seen, not lost. */
function CutMarkers({ rows, keys, top }: { rows: readonly ChartRow[]; keys: readonly (keyof ChartRow)[]; top: number }) {
  const cut = rows.filter((row) => keys.some((key) => typeof row[key] === 'number' && (row[key] as number) > top)).slice(-MAX_CUT_MARKERS);
  return cut.map((row) => (
    <ReferenceDot
      key={row.time}
      x={row.time}
      y={top}
      r={5}
      fill={CUT}
      stroke="#0f172a"
      shape={(props: { cx?: number; cy?: number }) => (
        <path className="cut-marker" d={`M${(props.cx ?? 0) - 6},${(props.cy ?? 0) + 4} L${props.cx ?? 0},${(props.cy ?? 0) - 6} L${(props.cx ?? 0) + 6},${(props.cy ?? 0) + 4} Z`} fill={CUT} stroke="#0f172a" />
      )}
      ifOverflow="extendDomain"
    />
  ));
}

/** One line of a chart, and its entry in the legend. */
interface LineSpec {
  dataKey: keyof ChartRow;
  name: string;
  color: string;
  type: 'linear' | 'stepAfter';
  /** Dashed lines mean "another source" (Azure Monitor), in the legend too. */
  dash?: string;
  dots: boolean;
  className?: string;
}

interface ChartFrameProps extends ChartProps {
  unit: string;
  cutKeys: readonly (keyof ChartRow)[];
  lines: readonly LineSpec[];
}

/**
 * The legend as plain HTML above the plot: Recharts' own legend measures itself and draws the
 * chart a second time, which cost a quarter of the time to draw a day (measured by `npm run bench`).
 */
function LineLegend({ lines }: { lines: readonly LineSpec[] }) {
  return (
    <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-slate-200" aria-label="Chart legend">
      {lines.map((line) => (
        <li key={line.dataKey} className="flex items-center gap-1.5">
          <svg width="24" height="10" aria-hidden="true" focusable="false">
            <line x1="0" y1="5" x2="24" y2="5" stroke={line.color} strokeWidth="3" strokeDasharray={line.dash} />
          </svg>
          {line.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * What every chart shares: the time axis (no seconds from an hour up), a value axis of round
 * ticks with thousands separators, capped above a high percentile when a spike would flatten the
 * rest, the exact tooltip, resets, one crosshair across the page's charts, and drag to zoom.
 */
function ChartFrame({ rows, resetTimes, fromMs, toMs, syncId, scale, onZoom, height = 220, legend = true, unit, cutKeys, lines }: ChartFrameProps) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dragTo, setDragTo] = useState<number | null>(null);
  const labelTime = (label: unknown) => (typeof label === 'number' ? label : null);
  const endDrag = () => {
    const range = zoomRange(dragFrom, dragTo, MIN_ZOOM_MS);
    setDragFrom(null);
    setDragTo(null);
    if (range) onZoom(range);
  };
  return (
    <>
      {legend && <LineLegend lines={lines} />}
      {/* `responsive` measures its box while it mounts: the lines are drawn in the first pass, not a frame later. */}
      <ComposedChart
        responsive
        style={{ width: '100%', height }}
        data={rows as ChartRow[]}
        margin={{ top: 10, right: 16, bottom: 0, left: 0 }}
        syncId={syncId}
        syncMethod={nearestTimeSync((toMs - fromMs) / SYNC_SLICES)}
        onMouseDown={(state) => setDragFrom(labelTime(state.activeLabel))}
        onMouseMove={(state) => dragFrom !== null && setDragTo(labelTime(state.activeLabel))}
        onMouseUp={endDrag}
        onMouseLeave={() => {
          setDragFrom(null);
          setDragTo(null);
        }}
      >
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          domain={[fromMs, toMs]}
          ticks={timeTicks(fromMs, toMs)}
          allowDataOverflow
          tickFormatter={timeLabelFormatter(fromMs, toMs)}
          tick={AXIS}
          stroke={AXIS.stroke}
        />
        <YAxis
          tick={AXIS}
          stroke={AXIS.stroke}
          width={64}
          domain={[0, scale.top]}
          ticks={scale.ticks}
          allowDataOverflow
          tickFormatter={formatDecimal}
        />
        <Tooltip content={(props) => <ExactTooltip active={props.active} payload={props.payload} label={props.label} unit={unit} />} />
        {lines.map((line) => (
          <Line
            key={line.dataKey}
            type={line.type}
            dataKey={line.dataKey}
            name={line.name}
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dash}
            dot={line.dots}
            isAnimationActive={false}
            className={line.className}
          />
        ))}
        {ResetMarkers({ resetTimes })}
        {scale.capped && CutMarkers({ rows, keys: cutKeys, top: scale.top })}
        {dragFrom !== null && dragTo !== null && <ReferenceArea x1={dragFrom} x2={dragTo} fill="#38bdf8" fillOpacity={0.2} ifOverflow="hidden" />}
      </ComposedChart>
    </>
  );
}

/** Messages sent and received per minute, breaks at gaps, a dashed red line at each reset. */
export function MessageRateChart(props: ChartProps) {
  const dots = props.rows.length <= 60;
  return (
    <ChartFrame
      {...props}
      unit="/min"
      cutKeys={['sentPerMinute', 'receivedPerMinute']}
      lines={[
        { dataKey: 'sentPerMinute', name: 'Messages sent per minute', color: SENT, type: 'linear', dots },
        { dataKey: 'receivedPerMinute', name: 'Messages received per minute', color: RECEIVED, type: 'linear', dots },
      ]}
    />
  );
}

/** Routes received from local polls, and Azure Monitor's 5-minute averages before them. */
export function RoutesChart(props: ChartProps) {
  const dots = props.rows.length <= 60;
  return (
    <ChartFrame
      {...props}
      unit="routes"
      cutKeys={['routesReceived', 'monitorRoutes']}
      lines={[
        { dataKey: 'monitorRoutes', name: 'Azure Monitor, 5-minute average', color: MONITOR, type: 'stepAfter', dash: '6 4', dots: false, className: 'monitor-line' },
        { dataKey: 'routesReceived', name: 'Routes received', color: ROUTES, type: 'stepAfter', dots },
      ]}
    />
  );
}
