import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small JSON-over-node:http helpers shared by the ARM routes and the control API. */

export class BadRequestBody extends Error {}

/** Where an answer is written: a node ServerResponse, or one answer of an ARM batch, kept in memory. */
export interface AnswerSink {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(text?: string): unknown;
}

const MAX_BODY_BYTES = 1_000_000;

export async function readJsonBody(req: AsyncIterable<unknown>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequestBody('request body is larger than 1 MB');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestBody('request body is not valid JSON');
  }
}

export function sendJson(res: AnswerSink, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendEmpty(res: AnswerSink, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

/** The headers a browser app must be able to read to follow ARM's long-running protocol and throttling. */
export const EXPOSED_HEADERS = [
  'Location',
  'Azure-AsyncOperation',
  'Retry-After',
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'x-ms-ratelimit-remaining-subscription-writes',
  'x-ms-ratelimit-remaining-subscription-reads',
  'WWW-Authenticate',
];

/**
 * `all` exposes the polling and throttling headers; `none` exposes nothing, so a browser reads only
 * the CORS-safelisted headers, as a strict ARM would (the batch transport carries them as JSON).
 */
export type CorsExpose = 'all' | 'none';

/** Echoes the Origin (no cookies are used, but echoing keeps credentialed fetches working too). */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse, expose: CorsExpose = 'all'): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  res.setHeader('Vary', 'Origin');
  if (expose === 'all') res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    requested ?? 'Authorization, Content-Type, x-ms-client-request-id, x-ms-return-client-request-id',
  );
  // ARM's value: a browser asks once an hour per URL (Chromium caps it at two hours).
  res.setHeader('Access-Control-Max-Age', '3600');
  sendEmpty(res, 204);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
