import { ArmError } from './arm-error';
import { isObject } from './json';
import type { ArmTransport } from './transport';

/** A guard against a server that keeps handing out next pages. */
export const MAX_PAGES = 500;

/** Reads an ARM list (`{value, nextLink}`) to its end, each next page checked to be on the endpoint. */
export async function readAllPages(transport: ArmTransport, firstUrl: URL, signal?: AbortSignal): Promise<unknown[]> {
  const items: unknown[] = [];
  let url: URL | undefined = firstUrl;
  const seen = new Set<string>();
  for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
    seen.add(url.href);
    const { body } = await transport.send({ method: 'GET', url, signal });
    if (!isObject(body) || !Array.isArray(body.value)) {
      throw new ArmError({ code: 'InvalidResponse', message: `The list at ${url.pathname} was not {"value": [...]}.` });
    }
    items.push(...body.value);
    url = undefined;
    if (typeof body.nextLink === 'string' && body.nextLink !== '') {
      const next = transport.urls.fromServer(body.nextLink, firstUrl, 'The next page link');
      if (!seen.has(next.href)) url = next;
    }
  }
  return items;
}
