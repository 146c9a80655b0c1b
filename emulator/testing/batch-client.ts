import type { TestArm } from './arm-test-server';

/** Sends ARM batches to a test ARM server and reads their answers, for the batch tests. */

export const BATCH_API = 'api-version=2020-06-01';

export interface InnerResponse {
  name: string;
  httpStatusCode: number;
  headers: Record<string, string>;
  content?: unknown;
  contentLength: number;
}

export interface BatchBody {
  responses?: InnerResponse[];
  value?: InnerResponse[];
  nextLink?: string;
}

export interface InnerRequestInput {
  name: string;
  httpMethod: string;
  url: string;
  content?: unknown;
  requestHeaderDetails?: { commandName: string };
}

export function sendBatch(arm: TestArm, requests: InnerRequestInput[], headers: Record<string, string> = {}): Promise<Response> {
  return arm.call(`/batch?${BATCH_API}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ requests }),
  });
}

/** Calls `read` every 20 ms until `done` says its answer is the one (about 5 s at most). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the batch never reached the expected state');
}

export async function readBatch(arm: TestArm, location: string, headers: Record<string, string> = {}): Promise<{ status: number; body: BatchBody; response: Response }> {
  const response = await arm.call(location, { headers });
  return { status: response.status, body: (await response.json()) as BatchBody, response };
}
