// valibot: a schema is a tree of small functions, so the first screen carries only the checks this
// schema uses (about 3 kB gzip; zod's core was 14.6 kB even through `zod/mini`). It compiles
// nothing with `new Function`, which the app's Content Security Policy (no eval) would refuse.
import * as v from 'valibot';

/**
 * Runtime configuration, fetched from `/config.json` at start so one build can serve any tenant
 * or sovereign cloud. Parsed here, at the boundary; the rest of the app trusts `AppConfig`.
 * Messages written here are shown as they are (they start in lower case); the type and range
 * messages are written by `describeIssue` in load-config.ts, which knows the value given.
 */
const httpsOrLocalUrl = v.pipe(
  v.string(),
  v.url(),
  v.check((value) => {
    // The pipe runs this check even when the URL format has already failed; that failure is reported once.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be an https:// URL (http:// is only allowed for localhost)'),
);

// valibot's object() takes a list as an object with every field missing; a list is said to be one.
const notAList = v.custom<unknown>((input) => !Array.isArray(input), 'must be an object, not a list');
const section = <T extends v.ObjectEntries>(entries: T) => v.pipe(notAList, v.object(entries));

const wholeNumber = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const appConfigSchema = v.pipe(
  notAList,
  v.object({
    auth: section({
      /** `msal`: Microsoft Entra ID through MSAL (redirect flow). `emulator`: the local emulator's one-click demo sign-in. */
      mode: v.picklist(['msal', 'emulator']),
      clientId: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
      authority: httpsOrLocalUrl,
      knownAuthorities: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty'))), []),
      /** `AAD` for Entra ID (and the emulator's AAD-style authority), `OIDC` for a generic OpenID Connect authority. */
      protocolMode: v.optional(v.picklist(['AAD', 'OIDC']), 'AAD'),
      /** `sessionStorage` signs out when the tab closes; `localStorage` survives reboots (wall screens). */
      cacheLocation: v.optional(v.picklist(['sessionStorage', 'localStorage']), 'sessionStorage'),
      /** Defaults to the page's own origin + `/`. */
      redirectUri: v.optional(v.pipe(v.string(), v.url())),
    }),
    arm: section({
      endpoint: httpsOrLocalUrl,
      apiVersion: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2023-09-01')), '2023-09-01'),
      /**
       * How requests reach ARM. `auto` (default): ARM's batch endpoint (a tick's requests in one
       * POST, inner headers as JSON whatever CORS exposes), falling back to direct while the batch
       * endpoint is refused. `batch`: always batch. `direct`: one HTTP request each, switching by
       * itself to batch when the browser cannot read a 202's polling headers (CORS).
       */
      transport: v.optional(v.picklist(['auto', 'batch', 'direct']), 'auto'),
      /** HTTP requests to ARM on the wire at once (a batch POST counts as one); the rest wait their turn. */
      maxRequestsInFlight: v.optional(wholeNumber(1, 64), 16),
    }),
    /** How often each gateway's BGP peer status is refreshed, in seconds. */
    pollingIntervalSeconds: v.optional(wholeNumber(5, 3600), 60),
    /** Gateways to watch (ARM resource IDs). Empty or missing: discover every gateway through Resource Graph. */
    gateways: v.optional(v.array(v.string()), []),
    /** How long the browser keeps the peer history it collects (samples, gaps, events), in hours. */
    historyRetentionHours: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(24 * 31)), 24),
  }),
  // Runs whenever these two fields are valid, even when others are not, so one round of edits fixes all.
  v.forward(
    v.partialCheck(
      [['auth', 'mode'], ['arm', 'endpoint']],
      (config) =>
        !(config.auth.mode === 'emulator' && URL.canParse(config.arm.endpoint) && !isLoopbackHost(new URL(config.arm.endpoint).hostname)),
      '"emulator" sign-in only works with a localhost ARM endpoint; use "msal" for real Azure',
    ),
    ['auth', 'mode'],
  ),
);

export type AppConfig = v.InferOutput<typeof appConfigSchema>;

/** Parses known-good config (tests, scripts); throws on anything else. */
export function parseAppConfig(raw: unknown): AppConfig {
  return v.parse(appConfigSchema, raw);
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The delegated ARM permission, derived from the endpoint so sovereign clouds work unchanged. */
export function armScope(config: AppConfig): string {
  return `${config.arm.endpoint.replace(/\/+$/, '')}/user_impersonation`;
}
