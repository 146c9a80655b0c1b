import { useMemo } from 'react';
import { useSearch } from 'wouter';
import { useAuth } from '../../auth/auth-context';
import type { AppConfig } from '../../config/app-config';
import { summarizeError } from '../../bgp/error-summary';
import { unlockAlertSound } from './alert-sound';
import { usePageRotation, useWallKeys } from './use-page-rotation';
import { useOnline, useResumePolling } from './use-resume-polling';
import { requestNotificationPermission } from './use-wall-alerts';
import { useWallModel } from './use-wall-model';
import { WallAlertBand } from './wall-alert-band';
import { WallChangesStrip } from './wall-changes-strip';
import { WallFrozenBanner } from './wall-frozen-banner';
import { fillScale, layoutWall } from './wall-layout';
import { describeSelection } from './wall-model';
import { WallPageIndicator } from './wall-page-indicator';
import { parseWallParams, WALL_PARAM_NAMES, type WallParams } from './wall-params';
import { useTileArea, useWallRootFontSize } from './wall-screen-size';
import { WallSummaryBand } from './wall-summary-band';
import { PALETTES, type WallTheme } from './wall-theme';
import { WallTileGrid } from './wall-tile-grid';
import './wall.css';

/** `/wall?…`: the NOC wall screen, configured entirely by its URL (see wall-params.ts). */
export default function WallPage({ config }: { config: AppConfig }) {
  const search = useSearch();
  const parsed = useMemo(() => parseWallParams(search), [search]);
  if (!parsed.ok) return <WallParamProblems problems={parsed.problems} />;
  return <Wall config={config} params={parsed.params} />;
}

function Wall({ config, params }: { config: AppConfig; params: WallParams }) {
  useWallRootFontSize();
  useResumePolling();
  const { needsInteraction, signInAgain } = useAuth();
  const online = useOnline();
  const model = useWallModel(config, params, { online, needsInteraction });
  const [areaRef, area] = useTileArea();
  // Few gateways: everything on the tiles grows to fill the screen instead of leaving it empty.
  const scale = useMemo(() => (area ? fillScale(model.tileSizes, area) : 1), [model.tileSizes, area]);
  const layout = useMemo(
    () => (area ? layoutWall(model.tileSizes, { ...area, remPx: area.remPx * scale }) : null),
    [model.tileSizes, area, scale],
  );
  const pageCount = layout?.pages.length ?? 0;
  const rotation = usePageRotation(pageCount, params.rotateSeconds, params.startPage);
  const { acknowledge } = model;
  const keys = useMemo(
    () => ({
      next: rotation.next,
      previous: rotation.previous,
      togglePause: rotation.togglePause,
      acknowledge,
      anyKey: () => {
        unlockAlertSound();
        requestNotificationPermission();
      },
    }),
    [rotation.next, rotation.previous, rotation.togglePause, acknowledge],
  );
  useWallKeys(keys);
  const theme = params.theme;
  const palette = PALETTES[theme];

  return (
    <div
      data-testid="wall"
      data-theme={theme}
      className={`fixed inset-0 flex flex-col gap-[0.5rem] overflow-hidden p-[0.5rem] text-[1rem] leading-[1.5rem] ${palette.page}`}
    >
      {model.frozenReasons.length > 0 && (
        <WallFrozenBanner
          reasons={model.frozenReasons}
          oldestUpdatedAt={model.health.oldestUpdatedAt}
          signInAgain={needsInteraction ? signInAgain : null}
          theme={theme}
        />
      )}
      {params.show.has('summary') && (
        <WallSummaryBand peersByState={model.peersByState} health={model.health} intervalMs={config.pollingIntervalSeconds * 1000} theme={theme} />
      )}
      {model.alerts.length > 0 && <WallAlertBand alerts={model.alerts} theme={theme} />}

      <div ref={areaRef} data-testid="wall-tiles" className="min-h-0 flex-1">
        {model.gatewayList === undefined ? (
          <GatewayListStatus error={model.gatewayListError} theme={theme} />
        ) : model.gateways.length === 0 ? (
          <p className={`text-[1.5rem] ${palette.muted}`}>No gateway matches this wall's URL ({describeSelection(params)}).</p>
        ) : (
          params.show.has('tiles') &&
          layout && (
            <WallTileGrid
              columns={layout.pages[rotation.page] ?? []}
              scale={scale}
              tiles={model.tiles}
              alertKeys={model.alertKeys}
              stateSince={model.stateSince}
              conditionOf={model.conditionOf}
              theme={theme}
            />
          )
        )}
      </div>

      {params.show.has('changes') && <WallChangesStrip changes={model.recentChanges} theme={theme} />}
      <WallPageIndicator
        page={rotation.page}
        pageCount={pageCount}
        paused={rotation.paused}
        rotateSeconds={params.rotateSeconds}
        pollingIntervalSeconds={config.pollingIntervalSeconds}
        sound={params.sound}
        theme={theme}
      />
    </div>
  );
}

function GatewayListStatus({ error, theme }: { error: unknown; theme: WallTheme }) {
  const palette = PALETTES[theme];
  if (!error) return <p className={`text-[1.5rem] ${palette.muted}`}>Finding virtual network gateways…</p>;
  const { code, headline } = summarizeError(error);
  return (
    <p role="alert" className={`rounded-[0.3rem] p-[0.75rem] text-[1.5rem] font-bold ${palette.stale}`}>
      Could not list the gateways: {headline} ({code}). Trying again automatically.
    </p>
  );
}

/** A mistyped wall URL says exactly what to fix, in type readable from the back of the room. */
function WallParamProblems({ problems }: { problems: string[] }) {
  useWallRootFontSize();
  return (
    <main role="alert" data-testid="wall-url-problems" className="fixed inset-0 flex flex-col gap-[1rem] overflow-hidden bg-slate-950 p-[2rem] text-slate-100">
      <h1 className="text-[2rem] font-bold text-amber-300">This wall screen's URL needs fixing</h1>
      <ul className="flex list-disc flex-col gap-[0.5rem] pl-[2rem] text-[1.25rem]">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="text-slate-300">
        Parameters: {WALL_PARAM_NAMES.join(', ')}. Example: <code>/wall?type=vpn&amp;rotate=30&amp;sound=on</code>
      </p>
    </main>
  );
}
