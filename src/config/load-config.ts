import * as v from 'valibot';
import { parseGatewayId } from '../azure/resource-id';
import { appConfigSchema, type AppConfig } from './app-config';
import { cloudProblems } from './azure-clouds';

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/**
 * Fetches and validates `/config.json`. Never throws: every way it can go wrong becomes a
 * sentence naming the field, because the person reading it is editing that file on a server.
 */
export async function loadConfig(
  fetchImpl: typeof fetch = fetch,
  url = '/config.json',
): Promise<ConfigResult> {
  let text: string;
  try {
    // no-store: an edited config must take effect on the next reload, not after a cache expiry.
    const response = await fetchImpl(url, { cache: 'no-store' });
    if (!response.ok) return failed(`config.json could not be loaded (HTTP ${response.status})`);
    text = await response.text();
  } catch (e) {
    return failed(`config.json could not be loaded (${e instanceof Error ? e.message : String(e)})`);
  }
  // A dev server or SPA host answers a missing file with index.html and status 200.
  if (/^\s*</.test(text)) {
    return failed('config.json could not be loaded (the server answered with an HTML page; is the file missing?)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return failed(`config.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseConfig(raw);
}

/** Validates already-parsed config JSON; lists every problem at once, not just the first. */
export function parseConfig(raw: unknown): ConfigResult {
  const parsed = v.safeParse(appConfigSchema, raw);
  const problems = parsed.success ? [] : parsed.issues.map(describeIssue);

  // Checked on the raw file, so they are listed even when other fields are wrong too.
  for (const { path, message } of cloudProblems(readCloudFields(raw))) problems.push(`${formatPath(path)}: ${message}`);
  const gateways = readGatewayIds(raw, problems);
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { ...parsed.output, gateways } };
}

function readCloudFields(raw: unknown): Parameters<typeof cloudProblems>[0] {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const auth = record(record(raw).auth);
  return {
    auth: {
      mode: text(auth.mode),
      clientId: text(auth.clientId),
      authority: text(auth.authority),
      knownAuthorities: Array.isArray(auth.knownAuthorities) ? auth.knownAuthorities.filter((h): h is string => typeof h === 'string') : [],
    },
    arm: { endpoint: text(record(record(raw).arm).endpoint) },
  };
}

function failed(problem: string): ConfigResult {
  return { ok: false, problems: [problem] };
}

/** Checks every gateway ID even when other fields are wrong, so one round of edits fixes all. */
function readGatewayIds(raw: unknown, problems: string[]): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const list = (raw as { gateways?: unknown }).gateways;
  if (!Array.isArray(list)) return [];

  const ids: string[] = [];
  // ARM IDs are case-insensitive; the same gateway listed twice would be polled twice.
  const seen = new Map<string, number>();
  list.forEach((entry, index) => {
    if (typeof entry !== 'string') return; // already reported by the schema
    try {
      const { id } = parseGatewayId(entry);
      const key = id.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push(`gateways[${index}]: is the same gateway as gateways[${first}]`);
        return;
      }
      seen.set(key, index);
      ids.push(id);
    } catch (e) {
      problems.push(`gateways[${index}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return ids;
}

type Issue = v.BaseIssue<unknown>;

export function describeIssue(issue: Issue): string {
  const path = issue.path?.map((item) => item.key as PropertyKey) ?? [];
  return `${formatPath(path)}: ${describeProblem(issue, path)}`;
}

type SchemaNode = { kind?: string; type?: string; options?: readonly unknown[]; entries?: Record<string, SchemaNode>; item?: SchemaNode; wrapped?: SchemaNode; pipe?: readonly SchemaNode[] };

/** The schema at `path`: what a missing field should have been ("is required (a string)"). */
function schemaAt(path: readonly PropertyKey[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = appConfigSchema as SchemaNode;
  const unwrap = (schema: SchemaNode | undefined): SchemaNode | undefined => {
    if (schema?.wrapped) return unwrap(schema.wrapped);
    // A pipe is its first item's type; a section is a list check followed by the object.
    return schema?.pipe?.find((item) => item.kind === 'schema' && item.type !== 'custom') ?? schema;
  };
  for (const key of path) {
    node = unwrap(node);
    node = typeof key === 'number' ? node?.item : node?.entries?.[String(key)];
  }
  return unwrap(node);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'config.json';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

const KIND: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function describeProblem(issue: Issue, path: readonly PropertyKey[]): string {
  // The schema's own messages are written for this page ("must not be empty"); valibot's
  // defaults ("Invalid type: …") are rewritten below, with the value that was given.
  if (/^[a-z"]/.test(issue.message)) return issue.message;
  const given = describeValue(issue.input);

  // A missing field is reported by its object, as an object issue; what was wanted is the field's schema.
  const missing = issue.type === 'object' && issue.input === undefined && path.length > 0;
  const wanted = missing ? schemaAt(path) : undefined;
  if (missing && wanted?.options) return `is required (one of ${oneOf(wanted.options)})`;

  switch (issue.type) {
    case 'picklist':
      return `must be one of ${oneOf(schemaAt(path)?.options ?? [])}, not ${given}`;
    case 'integer':
      return `must be a whole number, not ${given}`;
    case 'min_value':
      return `must be at least ${String(issue.requirement)}, not ${given}`;
    case 'max_value':
      return `must be at most ${String(issue.requirement)}, not ${given}`;
    case 'url':
      return `must be a valid URL, not ${given}`;
    default: {
      const kind = KIND[wanted?.type ?? issue.type];
      if (issue.kind === 'schema' && kind) return issue.input === undefined ? `is required (${kind})` : `must be ${kind}, not ${given}`;
      return issue.message;
    }
  }
}

function oneOf(options: readonly unknown[]): string {
  return options.map((option) => JSON.stringify(option)).join(', ');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return String(value);
}
