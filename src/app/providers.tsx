import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { createArmClient, createArmScheduler, type GetToken } from '../azure/arm-client';
import { AuthProvider, useAuth } from '../auth/auth-provider';
import type { AppConfig } from '../config/app-config';
import { HistoryProvider } from '../features/history/store/history-context';
import { ArmClientProvider } from '../queries/arm-client-context';
import { SharedPollingProvider } from '../queries/shared-polling/shared-polling-provider';
import { profilePollingSeed } from '../queries/shared-polling/polling-seed';
import { createTransportStatus, TransportStatusProvider } from '../queries/transport-status';

/** Sign-in first; only a signed-in user gets a query cache and an ARM client. */
export function AppProviders({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Polling policy lives in each feature's queryOptions; these are the safe defaults.
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <AuthProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <ArmClientFromConfig config={config}>
          {/* Records every peers poll into the history, whichever page is open. */}
          <HistoryProvider config={config}>{children}</HistoryProvider>
        </ArmClientFromConfig>
      </QueryClientProvider>
    </AuthProvider>
  );
}

/**
 * Creates the one ARM client of the page. It asks for a token through a relay, so a new
 * `getToken` after a token renewal or account change reaches the same client.
 */
function ArmClientFromConfig({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { getToken, account } = useAuth();
  const [relay] = useState(() => createTokenRelay(getToken));
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
        {/* One tab per browser profile polls ARM; the others show its results. */}
        <SharedPollingProvider scope={`${config.arm.endpoint}|${account?.username ?? ''}`} intervalMs={config.pollingIntervalSeconds * 1000}>
          {children}
        </SharedPollingProvider>
      </TransportStatusProvider>
    </ArmClientProvider>
  );
}

function createTokenRelay(initial: GetToken) {
  let current = initial;
  return {
    set: (next: GetToken) => {
      current = next;
    },
    getToken: ((signal, options) => current(signal, options)) satisfies GetToken,
  };
}
