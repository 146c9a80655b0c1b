import { createContext, useContext, type ReactNode } from 'react';
import type { ArmClient } from '../azure/arm-client';

const ArmClientContext = createContext<ArmClient | null>(null);

/** Provides the page's one ARM client (created in providers.tsx; tests give a fake one). */
export function ArmClientProvider({ client, children }: { client: ArmClient; children: ReactNode }) {
  return <ArmClientContext value={client}>{children}</ArmClientContext>;
}

export function useArmClient(): ArmClient {
  const client = useContext(ArmClientContext);
  if (!client) throw new Error('useArmClient must be used inside <ArmClientProvider>');
  return client;
}
