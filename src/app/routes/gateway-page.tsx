import { Link, useSearchParams } from 'wouter';
import { parseGatewayId } from '../../azure/resource-id';
import { ErrorBoundary } from '../../components/error-boundary';
import type { AppConfig } from '../../config/app-config';
import { GatewayPanel } from '../../features/peers/gateway-panel';
import { useWatchedGateways } from '../../queries/get-gateways';
import { GatewayHistory } from '../../features/history/components/gateway-history';

/** `/gateway?id={resourceId}`: one gateway's live peers, then their history. */
export default function GatewayPage({ config }: { config: AppConfig }) {
  const [params] = useSearchParams();
  const id = params.get('id') ?? '';
  let problem: string | null = null;
  try {
    parseGatewayId(id);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem !== null) {
    return (
      <div role="alert" className="flex flex-col gap-2 rounded border-2 border-red-400 bg-red-950/70 p-4 text-red-50">
        <p className="font-bold">This is not a gateway address</p>
        <p>{problem}</p>
        <Link href="/" className="underline">
          Back to all gateways
        </Link>
      </div>
    );
  }
  return <GatewayPageFor key={id} gatewayId={id} config={config} />;
}

function GatewayPageFor({ gatewayId, config }: { gatewayId: string; config: AppConfig }) {
  const intervalMs = config.pollingIntervalSeconds * 1000;
  const gateways = useWatchedGateways([gatewayId], intervalMs);
  const gateway = gateways.data?.[0] ?? { id: gatewayId, name: parseGatewayId(gatewayId).name, summary: null, error: null };
  return (
    <div className="flex flex-col gap-6">
      <nav>
        <Link href="/" className="text-sky-300 underline-offset-4 hover:underline">
          ← All gateways
        </Link>
      </nav>
      <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The peer table stopped drawing: {error.message}</p>}>
        <GatewayPanel gateway={gateway} intervalMs={intervalMs} />
      </ErrorBoundary>
      <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The history stopped drawing: {error.message}</p>}>
        <GatewayHistory
          gatewayId={gatewayId}
          gatewayName={gateway.name}
          intervalMs={intervalMs}
          retentionMs={config.historyRetentionHours * 3_600_000}
          activeActive={gateway.summary?.activeActive ?? false}
        />
      </ErrorBoundary>
    </div>
  );
}
