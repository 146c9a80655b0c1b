import { describe, expect, it } from 'vitest';
import { createArmUrls } from './arm-urls';
import { queryResourceGraph } from './resource-graph';
import type { ArmRequest, ArmTransport } from './transport';

const ENDPOINT = 'https://arm.example.test';

/** A transport that answers each Resource Graph POST from `pages`, and records what was asked. */
function graph(pages: unknown[]) {
  const asked: { subscriptions: string[]; options: Record<string, unknown> }[] = [];
  const transport: ArmTransport = {
    urls: createArmUrls(ENDPOINT),
    send: async (request: ArmRequest) => {
      asked.push(request.body as (typeof asked)[number]);
      return { status: 200, headers: new Headers(), body: pages.shift(), url: request.url };
    },
  };
  return { transport, asked };
}

describe('Resource Graph paging', () => {
  it('asks for a thousand subscriptions at a time and keeps the rows in order', async () => {
    const subscriptions = Array.from({ length: 1001 }, (_, i) => `sub-${i}`);
    const { transport, asked } = graph([{ data: ['a', 'b'] }, { data: ['c'] }]);
    await expect(queryResourceGraph(transport, 'Resources | project id', subscriptions)).resolves.toEqual(['a', 'b', 'c']);
    expect(asked.map((body) => body.subscriptions.length)).toEqual([1000, 1]);
    expect(asked[1]?.subscriptions).toEqual(['sub-1000']);
  });

  it('follows $skipToken until there is none, and stops on a token it has already followed', async () => {
    const { transport, asked } = graph([
      { data: [1], $skipToken: 't1' },
      { data: [2], $skipToken: 't2' },
      { data: [3], $skipToken: 't1' },
    ]);
    await expect(queryResourceGraph(transport, 'Resources | project id', ['s'])).resolves.toEqual([1, 2, 3]);
    expect(asked.map((body) => body.options.$skipToken)).toEqual([undefined, 't1', 't2']);
  });
});
