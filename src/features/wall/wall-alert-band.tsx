import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BgpPeerState } from '../../azure/bgp-peer-status';
import { alertDetail, alertHeadline, shortInstance } from '../../bgp/alert-words';
import { peerDataAttributes } from '../../bgp/peer-identity';
import type { PeerAlert } from '../../bgp/peer-signals';
import { PeerStateIcon } from '../../components/peer-state-badge';
import { formatClock } from '../../lib/format';
import { alertBandCapacity, alertBandPages } from './alert-band-pages';
import { usePageRotation } from './use-page-rotation';
import { AlertAge } from './wall-clock-text';
import { PALETTES, type WallTheme } from './wall-theme';

/** The narrowest an alert may be: its neighbor, instance, gateway and times on two lines. */
const ITEM_REM = 22;
const GAP_REM = 0.5;
/** Long enough to read two lines of four alerts from across the room. */
export const ALERT_PAGE_SECONDS = 8;

/** The state colour (and icon) an alert is drawn with: its state when down, else what it is like. */
function alertLook(alert: PeerAlert): BgpPeerState {
  if (alert.kind === 'routes-withdrawn') return 'Idle';
  if (alert.kind === 'flapping') return 'Connecting';
  return alert.state;
}

/**
 * Pinned above the tiles until each alert recovers. Every alert reaches the screen: those that fit
 * are listed, the last slot says "+N more", and the band turns its pages by itself. Acknowledged
 * alerts stay, drawn plainly (not flashing), until they recover.
 */
export const WallAlertBand = memo(function WallAlertBand({ alerts, theme }: { alerts: readonly PeerAlert[]; theme: WallTheme }) {
  const palette = PALETTES[theme];
  const listRef = useRef<HTMLUListElement>(null);
  const [capacity, setCapacity] = useState(1);
  useLayoutEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const measure = () => {
      const remPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setCapacity(alertBandCapacity(element.getBoundingClientRect().width, remPx, ITEM_REM, GAP_REM));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A second line when one is not enough: fewer pages to wait through, still a bounded band.
  const lines = alerts.length > capacity ? 2 : 1;
  const pages = useMemo(() => alertBandPages(alerts.length, capacity * lines), [alerts.length, capacity, lines]);
  const rotation = usePageRotation(pages.length, ALERT_PAGE_SECONDS, 1);
  const page = pages[rotation.page] ?? { start: 0, end: alerts.length, more: 0 };
  // The slots share the whole line, so long gateway names get all the room there is.
  const itemWidth = `calc((100% - ${(capacity - 1) * GAP_REM}rem) / ${capacity})`;
  const unacknowledged = alerts.filter((alert) => !alert.acknowledged).length;
  const acknowledged = alerts.length - unacknowledged;

  return (
    <section
      role="alert"
      aria-label="Alerts"
      data-testid="wall-alerts"
      className={`flex shrink-0 flex-col gap-[0.25rem] rounded-[0.3rem] border-[0.15rem] px-[0.75rem] py-[0.3rem] ${palette.alertBand} ${
        unacknowledged > 0 ? 'wall-flash' : ''
      }`}
    >
      <p className="text-[1.25rem] leading-[1.75rem] font-bold">
        {bandHeadline(alerts)}
        {acknowledged > 0 && ` (${acknowledged} acknowledged)`}
        {unacknowledged > 0 && ' · press A to acknowledge'}
        {pages.length > 1 && ` · page ${rotation.page + 1} of ${pages.length}, turning every ${ALERT_PAGE_SECONDS} s`}
      </p>
      <ul
        ref={listRef}
        className="flex min-w-0 flex-wrap overflow-hidden"
        style={{ gap: `${GAP_REM}rem`, height: `${lines * 3.25 + (lines - 1) * GAP_REM}rem` }}
      >
        {alerts.slice(page.start, page.end).map((alert) => {
          const instance = shortInstance(alert.instance);
          return (
            <li
              key={alert.key}
              data-testid="wall-alert"
              data-kind={alert.kind}
              data-acknowledged={alert.acknowledged}
              {...peerDataAttributes(alert)}
              data-gateway-id={alert.gatewayId}
              style={{ width: itemWidth }}
              className={`box-border flex h-[3.25rem] shrink-0 flex-col justify-center rounded-[0.25rem] border-[0.1rem] px-[0.5rem] leading-[1.4rem] ${
                alert.acknowledged ? palette.acknowledged : palette.states[alertLook(alert)]
              }`}
            >
              <div className="flex min-w-0 items-center gap-[0.4rem] whitespace-nowrap">
                <PeerStateIcon state={alertLook(alert)} />
                <span className="font-bold">{alertHeadline(alert)}</span>
                <span className="font-semibold tabular-nums">{alert.neighbor ?? '—'}</span>
                {instance && (
                  <span className="font-semibold" aria-label={alert.instance ?? undefined}>
                    {instance}
                  </span>
                )}
                {alert.kind !== 'down' && <span className="min-w-0 truncate">{alertDetail(alert)}</span>}
              </div>
              <div className="flex min-w-0 items-center gap-[0.4rem] whitespace-nowrap">
                <span className="min-w-0 truncate">on {alert.gatewayName}</span>
                <span className="shrink-0 tabular-nums">since {formatClock(alert.sinceMs)}</span>
                <span className="shrink-0">
                  (<AlertAge sinceMs={alert.sinceMs} />)
                </span>
              </div>
            </li>
          );
        })}
        {page.more > 0 && (
          <li
            data-testid="wall-alert-more"
            style={{ width: itemWidth }}
            className={`box-border flex h-[3.25rem] shrink-0 flex-col justify-center rounded-[0.25rem] border-[0.1rem] border-dashed px-[0.5rem] leading-[1.4rem] ${palette.acknowledged}`}
          >
            <span className="font-bold">+{page.more} more</span>
            <span>shown in turn on the next {pages.length === 2 ? 'page' : 'pages'}</span>
          </li>
        )}
      </ul>
    </section>
  );
});

/** "2 peers DOWN · 1 routes withdrawn · 1 flapping": what the band holds, by kind. */
export function bandHeadline(alerts: readonly PeerAlert[]): string {
  const count = (kind: PeerAlert['kind']) => alerts.filter((alert) => alert.kind === kind).length;
  const down = count('down');
  const parts: string[] = [];
  if (down > 0) parts.push(`${down} ${down === 1 ? 'peer' : 'peers'} DOWN`);
  if (count('routes-withdrawn') > 0) parts.push(`${count('routes-withdrawn')} routes withdrawn`);
  if (count('flapping') > 0) parts.push(`${count('flapping')} flapping`);
  return parts.join(' · ');
}
