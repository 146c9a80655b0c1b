import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ArmClient } from '../azure/arm-client';
import { ArmClientProvider } from '../queries/arm-client-context';

/**
 * Renders `ui` as the app would: a fresh QueryClient (no retries, as TanStack advises for tests)
 * and the given ARM client, usually a partial fake with only the calls the test needs.
 */
export function renderWithArm(ui: ReactNode, client: Partial<ArmClient>, { wrap = (node: ReactNode) => node } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ArmClientProvider client={client as ArmClient}>{wrap(ui)}</ArmClientProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
