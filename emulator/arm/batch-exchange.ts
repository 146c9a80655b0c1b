import type { IncomingHttpHeaders } from 'node:http';
import type { ArmIncoming, ArmOutgoing } from './arm-request';

/**
 * One inner request of an ARM batch and its answer, held in memory: ARM's pipeline reads and
 * writes them as it would a socket's, and the batch turns the answer into JSON.
 */

export class InnerRequest implements ArmIncoming {
  /** Set when a dropConnection fault destroys the "connection". */
  dropped = false;
  readonly socket = {
    destroy: () => {
      this.dropped = true;
    },
  };

  constructor(
    readonly method: string,
    readonly headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    if (this.body !== '') yield await Promise.resolve(Buffer.from(this.body, 'utf8'));
  }
}

export interface CapturedAnswer {
  status: number;
  /** Names as the pipeline spelled them (`Location`, `Retry-After`, `x-ms-ratelimit-remaining-…`). */
  headers: Record<string, string>;
  body: string;
}

export class InnerAnswer implements ArmOutgoing {
  private status = 200;
  /** Lower-cased name → the name as written and its value: a later write replaces, as on a ServerResponse. */
  private readonly headerValues = new Map<string, [string, string]>();
  private body = '';
  headersSent = false;
  writableEnded = false;
  destroyed = false;

  setHeader(name: string, value: string): void {
    if (this.headersSent) throw new Error(`header ${name} set after the answer's head was written`);
    this.headerValues.set(name.toLowerCase(), [name, value]);
  }

  writeHead(status: number, headers: Record<string, string> = {}): void {
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    this.status = status;
    this.headersSent = true;
  }

  end(text = ''): void {
    this.headersSent = true;
    this.body += text;
    this.writableEnded = true;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** An inner request has no client of its own that could leave while a slow fault holds it. */
  once(): void {}

  /** The answer, or undefined when none was finished (the connection was dropped or the pipeline failed). */
  captured(): CapturedAnswer | undefined {
    if (!this.writableEnded) return undefined;
    return { status: this.status, headers: Object.fromEntries(this.headerValues.values()), body: this.body };
  }
}
