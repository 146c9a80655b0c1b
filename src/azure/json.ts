/**
 * Readers for JSON that arrived from outside (ARM answers, stored records): nothing here trusts
 * a shape it has not checked.
 */

export const MAX_TEXT_LENGTH = 256;

/** A JSON object: not null and not an array, whose fields can be read one by one. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, in words for a message ("null", "an array", "a string", "a number"). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** A bounded string field; missing or wrong-typed becomes null with a note. */
export function readText(
  entry: Record<string, unknown>,
  field: string,
  problems: string[],
  { optional = false } = {},
): string | null {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (!optional) problems.push(`${field} was missing`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.push(`${field} was ${describeValue(value)}, not a string`);
    return null;
  }
  if (value.length > MAX_TEXT_LENGTH) {
    problems.push(`${field} was longer than ${MAX_TEXT_LENGTH} characters and was cut`);
    return value.slice(0, MAX_TEXT_LENGTH);
  }
  return value;
}

/**
 * A whole number in [0, max]. ARM's int64 fields are JSON numbers, but a serializer may send
 * large int64 values as digit strings, so those are accepted too.
 */
export function readWholeNumber(
  entry: Record<string, unknown>,
  field: string,
  problems: string[],
  max: number,
  { optional = false } = {},
): number | null {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (!optional) problems.push(`${field} was missing`);
    return null;
  }
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
    problems.push(`${field} was not a whole number between 0 and ${max}`);
    return null;
  }
  return n;
}
