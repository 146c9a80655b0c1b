import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { createArmClient, createArmScheduler, type GetToken } from '../azure/arm-client';
import { AuthProvider, useAuth, type TokenOptions } from '../auth/auth-provider';
import type { AppConfig } from '../config/app-config';
import { HistoryProvider } from '../features/history/store/history-context';
import { ArmClientProvider } from '../queries/arm-client-context';
import { SharedPollingProvider } from '../queries/shared-polling/shared-polling-provider';
import { profilePollingSeed } from '../queries/shared-polling/polling-seed';
import { createTransportStatus, TransportStatusProvider } from '../queries/transport-status';
import { useKeepTenantInUrl, useTenantId } from '../queries/use-tenant';
import { TenantGate } from './tenant-gate';

/** Sign-in first; only a signed-in user gets a query cache and an ARM client, one per tenant. */
export function AppProviders({ config, children }: { config: AppConfig; children: ReactNode }) {
  return (
    <AuthProvider config={config}>
      <TenantScope config={config}>{children}</TenantScope>
    </AuthProvider>
  );
}

/**
 * Everything below belongs to one tenant: switching tenant mounts a new query cache, ARM client
 * (its scheduler and budget) and shared poller, so no answer of one tenant is ever shown, counted
 * or polled under another. Gateway history is keyed by gateway ID and stays shared.
 */
function TenantScope({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { account } = useAuth();
  const chosen = useTenantId();
  useKeepTenantInUrl(chosen);
  const home = account?.homeTenantId;
  // The home tenant, chosen or not, gets the sign-in's own token and cache.
  const tenantId = chosen && chosen.toLowerCase() !== home?.toLowerCase() ? chosen : null;
  const scopeKey = tenantId ?? 'home';
  return (
    <TenantGate key={scopeKey} tenantId={tenantId}>
      <TenantClients key={scopeKey} config={config} tenantId={tenantId}>
        {children}
      </TenantClients>
    </TenantGate>
  );
}

function TenantClients({ config, tenantId, children }: { config: AppConfig; tenantId: string | null; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Polling policy lives in each feature's queryOptions; these are the safe defaults.
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ArmClientFromConfig config={config} tenantId={tenantId}>
        {/* Records every peers poll into the history, whichever page is open. */}
        <HistoryProvider config={config}>{children}</HistoryProvider>
      </ArmClientFromConfig>
    </QueryClientProvider>
  );
}

/**
 * Creates the one ARM client of the tenant. It asks for a token through a relay, so a new
 * `getToken` after a token renewal or account change reaches the same client.
 */
function ArmClientFromConfig({ config, tenantId, children }: { config: AppConfig; tenantId: string | null; children: ReactNode }) {
  const { getToken, account } = useAuth();
  const [relay] = useState(() => createTokenRelay(getToken, tenantId));
  useEffect(() => relay.set(getToken), [relay, getToken]);

  const [transportStatus] = useState(createTransportStatus);
  const [client] = useState(() =>
    createArmClient({
      endpoint: config.arm.endpoint,
      apiVersion: config.arm.apiVersion,
      getToken: relay.getToken,
      transport: config.arm.transport,
      // One polling phase per browser profile: a tab taking over polling ticks on the same clock.
      scheduler: createArmScheduler({ maxInFlight: config.arm.maxRequestsInFlight, seed: profilePollingSeed() }),
      onTransportChange: (mode, reason) => transportStatus.report({ mode, reason }),
    }),
  );
  return (
    <ArmClientProvider client={client}>
      <TransportStatusProvider status={transportStatus}>
        {/* One tab per browser profile polls ARM for each tenant; the others show its results. */}
        <SharedPollingProvider
          scope={`${config.arm.endpoint}|${account?.username ?? ''}|${tenantId ?? 'home'}`}
          intervalMs={config.pollingIntervalSeconds * 1000}
        >
          {children}
        </SharedPollingProvider>
      </TransportStatusProvider>
    </ArmClientProvider>
  );
}

type AuthGetToken = (signal?: AbortSignal, options?: TokenOptions) => Promise<string>;

function createTokenRelay(initial: AuthGetToken, tenantId: string | null) {
  let current = initial;
  return {
    set: (next: AuthGetToken) => {
      current = next;
    },
    getToken: ((signal, options) => current(signal, { ...options, ...(tenantId ? { tenantId } : {}) })) satisfies GetToken,
  };
}
