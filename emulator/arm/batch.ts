import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RequestCounts } from '../control/request-counts';
import { BadRequestBody, readJsonBody, sendEmpty, sendJson } from '../http-io';
import type { IdentityServer } from '../identity/identity-types';
import { authenticate } from './arm-authentication';
import { baseOf, checkApiVersion, setRequestIds, type ArmPipeline } from './arm-pipeline';
import { searchParamIgnoreCase, type ArmOutgoing } from './arm-request';
import { InnerAnswer, InnerRequest } from './batch-exchange';
import { BatchOperations, batchPage, type BatchOperation, type BatchResponse } from './batch-operations';
import { InvalidBatchRequest, parseBatchRequest, type InnerRequestSpec } from './batch-request';
import { sendCloudError } from './cloud-error';

/**
 * ARM's batch endpoint, as the Azure portal uses it (undocumented by Microsoft):
 * `POST /batch?api-version=2020-06-01` with `{requests: [...]}` → 200 `{responses: [...]}`, each
 * inner response's status, headers and content as JSON. Every inner request runs through the same
 * pipeline as a direct one (route, the outer bearer token, throttling, faults, counts).
 *
 * - Up to 20 requests: answered at once (the batch waits for slow inner requests).
 * - 21 to 500: 202 with `Location` (`/batch/operations/{id}`) and `Retry-After: 1`; GET it with the
 *   same token: 202 with the responses finished so far, then 200 with all of them; past 100 the
 *   array is `value`, in pages of 100 with `nextLink`.
 * - The envelope's token is not checked on its own: with a bad one each inner answer is ARM's 401.
 * - An inner dropConnection fault becomes an inner 502 BadGateway CloudError: ARM stands between the
 *   client and the resource provider, so the batch itself still answers.
 */

/** ARM answers batches of more than 20 requests asynchronously. */
export const MAX_SYNC_BATCH_REQUESTS = 20;
/** Inner requests of an async batch run this many at a time. */
const ASYNC_CONCURRENCY = 10;

export interface BatchRouteParts {
  pipeline: ArmPipeline;
  identity: Promise<IdentityServer>;
  counts: RequestCounts;
  realNow: () => number;
  /** `http://localhost:PORT`: the emulator's own origin, besides the Host a caller names. */
  ownBase: () => string;
  log: (line: string) => void;
}

export function isBatchPath(pathname: string): boolean {
  const lower = pathname.toLowerCase().replace(/\/+$/, '');
  return lower === '/batch' || lower.startsWith('/batch/');
}

export function createBatchRoute(parts: BatchRouteParts): (req: IncomingMessage, res: ArmOutgoing, url: URL) => Promise<void> {
  const { pipeline, identity, counts, realNow, ownBase, log } = parts;
  const batches = new BatchOperations(realNow);

  const runInner = async (spec: InnerRequestSpec, outer: IncomingHttpHeaders): Promise<BatchResponse> => {
    counts.recordBatch('innerRequests');
    const body = spec.hasContent ? JSON.stringify(spec.content) : '';
    const headers: IncomingHttpHeaders = {
      ...(outer.host ? { host: outer.host } : {}),
      ...(outer.authorization ? { authorization: outer.authorization } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
    const request = new InnerRequest(spec.httpMethod, headers, body);
    let answer = new InnerAnswer();
    try {
      await pipeline(request, answer, spec.url);
    } catch (error) {
      log(`error answering inner ${spec.httpMethod} ${spec.url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    let captured = answer.captured();
    if (!captured) {
      if (answer.headersSent) answer = new InnerAnswer();
      if (request.dropped) {
        sendCloudError(answer, 502, 'BadGateway', 'The resource provider closed the connection before answering (emulated dropConnection fault).');
      } else {
        sendCloudError(answer, 500, 'InternalServerError', 'The emulator failed to answer this request.');
      }
      captured = answer.captured() ?? { status: 500, headers: {}, body: '' };
    }
    const { 'Content-Length': _length, ...innerHeaders } = captured.headers;
    const contentLength = Buffer.byteLength(captured.body);
    return { name: spec.name, httpStatusCode: captured.status, headers: innerHeaders, ...(contentLength > 0 ? { content: contentOf(captured.body) } : {}), contentLength };
  };

  const runAsync = async (batch: BatchOperation, specs: InnerRequestSpec[], outer: IncomingHttpHeaders): Promise<void> => {
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        const index = next++;
        const spec = specs[index];
        if (spec) batch.responses[index] = await runInner(spec, outer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(ASYNC_CONCURRENCY, specs.length) }, worker));
  };

  const answerPost = async (req: IncomingMessage, res: ArmOutgoing, apiVersion: string): Promise<void> => {
    const base = baseOf(req, ownBase);
    let specs: InnerRequestSpec[];
    try {
      specs = parseBatchRequest(await readJsonBody(req), [...new Set([base, ownBase()])]);
    } catch (error) {
      if (!(error instanceof InvalidBatchRequest || error instanceof BadRequestBody)) throw error;
      return sendCloudError(res, 400, 'InvalidBatchRequest', error instanceof BadRequestBody ? `The batch request body is not valid: ${error.message}.` : error.message);
    }
    if (specs.length <= MAX_SYNC_BATCH_REQUESTS) {
      const responses = await Promise.all(specs.map((spec) => runInner(spec, req.headers)));
      return sendJson(res, 200, { responses });
    }
    const owner = await authenticate(req, new InnerAnswer(), await identity);
    const batch = batches.start(specs.length, owner?.oid, apiVersion);
    runAsync(batch, specs, req.headers).catch((error: unknown) => log(`batch ${batch.id} failed: ${String(error)}`));
    return sendEmpty(res, 202, { Location: batchUrl(base, batch), 'Retry-After': '1' });
  };

  const answerPoll = async (req: IncomingMessage, res: ArmOutgoing, url: URL, id: string): Promise<void> => {
    const principal = await authenticate(req, res, await identity);
    if (!principal) return;
    if (!checkApiVersion(url, res)) return;
    if (req.method !== 'GET') return sendCloudError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
    const batch = batches.get(id);
    if (!batch || (batch.ownerOid !== undefined && batch.ownerOid !== principal.oid)) {
      return sendCloudError(res, 404, 'BatchOperationNotFound', `The batch operation '${id}' could not be found. Batch results are kept for 10 minutes.`);
    }
    const skip = Number(searchParamIgnoreCase(url, '$skipToken') ?? '0');
    const base = baseOf(req, ownBase);
    const page = batchPage(batch, Number.isInteger(skip) && skip >= 0 ? skip : 0, (at) => `${batchUrl(base, batch)}&$skipToken=${at}`);
    if (page.done) return sendJson(res, 200, page.body);
    return sendJson(res, 202, page.body, { Location: batchUrl(base, batch), 'Retry-After': '1' });
  };

  return async (req, res, url) => {
    setRequestIds(req, res);
    const segments = url.pathname.split('/').filter(Boolean);
    const [, operations, id] = segments;
    if (segments.length === 3 && operations?.toLowerCase() === 'operations' && id) {
      counts.recordBatch('polls');
      return answerPoll(req, res, url, decodeURIComponent(id));
    }
    counts.recordBatch('calls');
    const apiVersion = checkApiVersion(url, res);
    if (!apiVersion) return;
    if (segments.length !== 1) {
      return sendCloudError(res, 404, 'NotFound', `No HTTP resource was found that matches the request URI '${baseOf(req, ownBase)}${url.pathname}'.`);
    }
    if (req.method !== 'POST') return sendCloudError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
    return answerPost(req, res, apiVersion);
  };
}

function batchUrl(base: string, batch: BatchOperation): string {
  return `${base}/batch/operations/${batch.id}?api-version=${encodeURIComponent(batch.apiVersion)}`;
}

/** JSON content as JSON; anything else (a malformedJson fault's truncated text) as the string it was. */
function contentOf(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
