import { ArmError } from './arm-error';

/** The api-version of each ARM API the client calls; `network` is the default for any other path. */
export const API_VERSIONS = {
  network: '2023-09-01',
  subscriptions: '2022-12-01',
  resourceGroups: '2021-04-01',
  tenants: '2022-12-01',
  resourceGraph: '2024-04-01',
  metrics: '2023-10-01',
} as const;

/**
 * The URL rules of one ARM endpoint. The bearer token goes only to this endpoint's origin, so
 * every URL, the caller's or the server's, is checked here before anything is sent to it.
 */
export interface ArmUrls {
  /** The endpoint without its trailing slash, e.g. https://management.azure.com. */
  readonly endpoint: string;
  readonly origin: string;
  /**
   * A caller's path (joined to the endpoint) or absolute URL (which must be on the endpoint),
   * with `apiVersion` added unless the URL already names one.
   */
  request(pathOrUrl: string, apiVersion?: string): URL;
  /** A URL the server handed us (polling header, next page), resolved and kept on the endpoint. */
  fromServer(raw: string, base: URL, what?: string): URL;
  /** The single gate before a token is attached: throws `ForeignUrl` for another origin. */
  checkOnEndpoint(url: URL): void;
}

/** `defaultApiVersion` applies to every path that is given none; default `API_VERSIONS.network`. */
export function createArmUrls(endpointText: string, defaultApiVersion: string = API_VERSIONS.network): ArmUrls {
  let endpointUrl: URL;
  try {
    endpointUrl = new URL(endpointText);
  } catch {
    throw new Error(`The ARM endpoint "${endpointText}" is not an absolute URL.`);
  }
  const endpoint = endpointUrl.href.replace(/\/+$/, '');
  const origin = endpointUrl.origin;

  function foreign(code: 'ForeignUrl' | 'ForeignPollingUrl', what: string, raw: string): ArmError {
    const shown = raw.length > 300 ? `${raw.slice(0, 300)}…` : raw;
    return new ArmError({
      code,
      message: `${what} "${shown}" is not on the ARM endpoint ${origin}; it was not called, so the sign-in token stays with ARM.`,
    });
  }

  function request(pathOrUrl: string, apiVersion: string = defaultApiVersion): URL {
    let url: URL;
    if (pathOrUrl.startsWith('/') && !pathOrUrl.startsWith('//')) {
      url = new URL(endpoint + pathOrUrl);
    } else {
      try {
        url = new URL(pathOrUrl);
      } catch {
        throw foreign('ForeignUrl', 'The URL', pathOrUrl);
      }
      if (url.origin !== origin) throw foreign('ForeignUrl', 'The URL', pathOrUrl);
    }
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', apiVersion);
    return url;
  }

  function fromServer(raw: string, base: URL, what = 'The polling URL'): URL {
    // ARM always sends absolute polling URLs; a relative one means something between us and ARM
    // rewrote the answer, so it is refused rather than guessed at.
    if (!/^https?:\/\//i.test(raw)) {
      throw new ArmError({
        code: 'InvalidPollingUrl',
        message: `${what} "${raw.slice(0, 200)}" is not an absolute URL; ARM always sends absolute polling URLs, so the operation cannot be followed.`,
      });
    }
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      throw foreign('ForeignPollingUrl', what, raw);
    }
    if (url.origin !== origin) throw foreign('ForeignPollingUrl', what, raw);
    return url;
  }

  function checkOnEndpoint(url: URL): void {
    if (url.origin !== origin) throw foreign('ForeignUrl', 'The URL', url.href);
  }

  return { endpoint, origin, request, fromServer, checkOnEndpoint };
}
