import { useQuery } from '@tanstack/react-query';
import { useArmClient } from '../../app/arm-client-context';
import { peersQueryOptions } from './peer-queries';

/**
 * Polls one gateway's BGP peers. Panels of the same gateway share one cache entry and one
 * in-flight operation; after a failed refresh `data` still holds the last good peers.
 */
export function useGatewayPeers(gatewayId: string, intervalMs: number) {
  const client = useArmClient();
  return useQuery(peersQueryOptions(client, gatewayId, intervalMs));
}
