import { ArmError } from './arm-error';
import { API_VERSIONS } from './arm-urls';
import { isObject } from './json';
import { MAX_PAGES } from './list-pages';
import type { ArmTransport } from './transport';

// Resource Graph's page size ceiling and its documented limit on subscriptions per query.
const PAGE_SIZE = 1000;
const SUBSCRIPTIONS_PER_QUERY = 1000;

/**
 * Runs a Resource Graph query over the subscriptions, a thousand subscriptions per query, and
 * follows `$skipToken` to the last page. The query must project `id`, or Resource Graph cannot
 * page it. Rows come back as Resource Graph sent them, in order.
 */
export async function queryResourceGraph(
  transport: ArmTransport,
  query: string,
  subscriptionIds: readonly string[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  const rows: unknown[] = [];
  const url = transport.urls.request('/providers/Microsoft.ResourceGraph/resources', API_VERSIONS.resourceGraph);
  for (let i = 0; i < subscriptionIds.length; i += SUBSCRIPTIONS_PER_QUERY) {
    const subscriptions = subscriptionIds.slice(i, i + SUBSCRIPTIONS_PER_QUERY);
    let skipToken: string | undefined;
    const seenTokens = new Set<string>();
    for (let page = 0; page < MAX_PAGES; page++) {
      const options: Record<string, unknown> = { $top: PAGE_SIZE, resultFormat: 'objectArray' };
      if (skipToken !== undefined) options.$skipToken = skipToken;
      const { body } = await transport.send({
        method: 'POST',
        url,
        body: { subscriptions, query, options },
        signal,
      });
      if (!isObject(body) || !Array.isArray(body.data)) {
        throw new ArmError({ code: 'InvalidResponse', message: 'The Resource Graph answer has no "data" array.' });
      }
      rows.push(...body.data);
      const next = body.$skipToken;
      if (typeof next !== 'string' || next === '' || seenTokens.has(next)) break;
      seenTokens.add(next);
      skipToken = next;
    }
  }
  return rows;
}
