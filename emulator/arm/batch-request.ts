/**
 * The body of `POST /batch`: `{requests: [{httpMethod, name, url, requestHeaderDetails?, content?}]}`,
 * checked the way ARM refuses a batch: as a whole, with a 400 naming the first thing wrong.
 */

/** ARM's limits: 500 requests a batch, of which at most 20 may carry a body. */
export const MAX_BATCH_REQUESTS = 500;
export const MAX_BATCH_REQUESTS_WITH_CONTENT = 20;

export interface InnerRequestSpec {
  name: string;
  /** Upper-cased. */
  httpMethod: string;
  /** Resolved against the emulator's own origin. */
  url: URL;
  /** Whether `content` was given (null included): it becomes the inner request's JSON body. */
  hasContent: boolean;
  content: unknown;
}

export class InvalidBatchRequest extends Error {}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `origins` are the emulator's own (`http://localhost:PORT` and the Host the caller used); a URL on
 * any other origin is refused, so a batch never carries the caller's token elsewhere.
 */
export function parseBatchRequest(body: unknown, origins: string[]): InnerRequestSpec[] {
  if (!isObject(body) || !Array.isArray(body.requests)) {
    throw new InvalidBatchRequest("The batch request body must be a JSON object with a 'requests' array.");
  }
  const requests: unknown[] = body.requests;
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw new InvalidBatchRequest(`A batch holds at most ${MAX_BATCH_REQUESTS} requests; this one has ${requests.length}.`);
  }
  const own = new Set(origins.map((origin) => origin.toLowerCase()));
  const seen = new Map<string, number>();
  const specs = requests.map((request, index) => {
    const where = `requests[${index}]`;
    if (!isObject(request)) throw new InvalidBatchRequest(`${where} must be an object.`);
    const { name, httpMethod, url } = request;
    if (typeof name !== 'string' || name === '') throw new InvalidBatchRequest(`${where} has no 'name' (a non-empty string unique in the batch).`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new InvalidBatchRequest(`${where} and requests[${earlier}] share the name '${name}'; names must be unique in a batch.`);
    seen.set(name, index);
    if (typeof httpMethod !== 'string' || !HTTP_METHODS.has(httpMethod.toUpperCase())) {
      throw new InvalidBatchRequest(`${where} ('${name}') has no valid 'httpMethod' (one of ${[...HTTP_METHODS].join(', ')}).`);
    }
    if (typeof url !== 'string' || url === '') throw new InvalidBatchRequest(`${where} ('${name}') has no 'url'.`);
    const [firstOrigin = 'http://localhost'] = origins;
    let resolved: URL;
    try {
      resolved = new URL(url, firstOrigin);
    } catch {
      throw new InvalidBatchRequest(`${where} ('${name}') has a 'url' that is not a URL: '${url}'.`);
    }
    if (!own.has(resolved.origin.toLowerCase())) {
      throw new InvalidBatchRequest(`${where} ('${name}') names '${resolved.origin}', which is not this ARM endpoint (${firstOrigin}); a batch only carries requests to its own endpoint.`);
    }
    if (request.requestHeaderDetails !== undefined && !isObject(request.requestHeaderDetails)) {
      throw new InvalidBatchRequest(`${where} ('${name}') has a 'requestHeaderDetails' that is not an object.`);
    }
    const hasContent = 'content' in request && request.content !== undefined;
    return { name, httpMethod: httpMethod.toUpperCase(), url: resolved, hasContent, content: request.content };
  });
  const withContent = specs.filter((spec) => spec.hasContent).length;
  if (withContent > MAX_BATCH_REQUESTS_WITH_CONTENT) {
    throw new InvalidBatchRequest(`At most ${MAX_BATCH_REQUESTS_WITH_CONTENT} requests of a batch may carry 'content'; this one has ${withContent}.`);
  }
  return specs;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
