import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createArmClient, type ArmClient } from '../azure/arm-client';
import { useAuth } from '../auth/auth-provider';
import type { AppConfig } from '../config/app-config';

const ArmClientContext = createContext<ArmClient | null>(null);

/**
 * Creates the one ARM client of the page. It asks for a token through a relay, so a new
 * `getToken` after a token renewal or account change reaches the same client and its caches.
 */
export function ArmClientProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { getToken } = useAuth();
  const [relay] = useState(() => createTokenRelay(getToken));
  useEffect(() => relay.set(getToken), [relay, getToken]);

  const [client] = useState(() =>
    createArmClient({ endpoint: config.arm.endpoint, apiVersion: config.arm.apiVersion, getToken: relay.getToken }),
  );
  return <ArmClientContext value={client}>{children}</ArmClientContext>;
}

export function useArmClient(): ArmClient {
  const client = useContext(ArmClientContext);
  if (!client) throw new Error('useArmClient must be used inside <ArmClientProvider>');
  return client;
}

type GetToken = (signal?: AbortSignal) => Promise<string>;

function createTokenRelay(initial: GetToken) {
  let current = initial;
  return {
    set: (next: GetToken) => {
      current = next;
    },
    getToken: (signal?: AbortSignal) => current(signal),
  };
}
