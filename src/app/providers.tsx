import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AuthProvider } from '../auth/auth-provider';
import type { AppConfig } from '../config/app-config';
import { ArmClientProvider } from './arm-client-context';

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
        <ArmClientProvider config={config}>{children}</ArmClientProvider>
      </QueryClientProvider>
    </AuthProvider>
  );
}
