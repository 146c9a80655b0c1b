import { API_VERSIONS } from './arm-urls';
import { isObject } from './json';
import { readAllPages } from './list-pages';
import type { ArmTransport } from './transport';

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string | null;
  state: string | null;
}

/** The subscriptions the signed-in user can see; entries without a subscription ID are left out. */
export async function listSubscriptions(
  transport: ArmTransport,
  options: { signal?: AbortSignal } = {},
): Promise<ArmSubscription[]> {
  const url = transport.urls.request('/subscriptions', API_VERSIONS.subscriptions);
  const items = await readAllPages(transport, url, options.signal);
  const result: ArmSubscription[] = [];
  for (const item of items) {
    if (!isObject(item) || typeof item.subscriptionId !== 'string' || item.subscriptionId === '') continue;
    result.push({
      subscriptionId: item.subscriptionId,
      displayName: typeof item.displayName === 'string' && item.displayName !== '' ? item.displayName : item.subscriptionId,
      tenantId: typeof item.tenantId === 'string' ? item.tenantId : null,
      state: typeof item.state === 'string' ? item.state : null,
    });
  }
  return result;
}
