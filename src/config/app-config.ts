// zod/mini: the same parser as zod 4 with functions instead of methods, so the first screen
// carries only the checks this schema uses (about 25 kB gzip less than `zod`).
import { z } from 'zod/mini';

// zod 4 compiles object parsers with `new Function` when it can, and probes for that by trying
// it: under the app's Content Security Policy (no eval) the probe is a reported violation.
z.config({ jitless: true });

/**
 * Runtime configuration, fetched from `/config.json` at start so one build can serve any tenant
 * or sovereign cloud. Parsed here, at the boundary; the rest of the app trusts `AppConfig`.
 */
const httpsOrLocalUrl = z.url().check(
  z.refine((value) => {
    // zod 4 runs this check even when the URL format has already failed; that failure is reported once.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be an https:// URL (http:// is only allowed for localhost)'),
);

export const appConfigSchema = z
  .object({
    auth: z.object({
      /** `msal`: Microsoft Entra ID through MSAL (redirect flow). `emulator`: the local emulator's one-click demo sign-in. */
      mode: z.enum(['msal', 'emulator']),
      clientId: z.string().check(z.minLength(1, 'must not be empty')),
      authority: httpsOrLocalUrl,
      knownAuthorities: z._default(z.array(z.string().check(z.minLength(1))), []),
      /** `AAD` for Entra ID (and the emulator's AAD-style authority), `OIDC` for a generic OpenID Connect authority. */
      protocolMode: z._default(z.enum(['AAD', 'OIDC']), 'AAD'),
      /** `sessionStorage` signs out when the tab closes; `localStorage` survives reboots (wall screens). */
      cacheLocation: z._default(z.enum(['sessionStorage', 'localStorage']), 'sessionStorage'),
      /** Defaults to the page's own origin + `/`. */
      redirectUri: z.optional(z.url()),
    }),
    arm: z.object({
      endpoint: httpsOrLocalUrl,
      apiVersion: z._default(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2023-09-01')), '2023-09-01'),
      /**
       * How requests reach ARM. `auto` (default): ARM's batch endpoint (a tick's requests in one
       * POST, inner headers as JSON whatever CORS exposes), falling back to direct while the batch
       * endpoint is refused. `batch`: always batch. `direct`: one HTTP request each, switching by
       * itself to batch when the browser cannot read a 202's polling headers (CORS).
       */
      transport: z._default(z.enum(['auto', 'batch', 'direct']), 'auto'),
      /** HTTP requests to ARM on the wire at once (a batch POST counts as one); the rest wait their turn. */
      maxRequestsInFlight: z._default(z.int().check(z.minimum(1), z.maximum(64)), 16),
    }),
    /** How often each gateway's BGP peer status is refreshed, in seconds. */
    pollingIntervalSeconds: z._default(z.int().check(z.minimum(5), z.maximum(3600)), 60),
    /** Gateways to watch (ARM resource IDs). Empty or missing: discover every gateway through Resource Graph. */
    gateways: z._default(z.array(z.string()), []),
    /** How long the browser keeps the peer history it collects (samples, gaps, events), in hours. */
    historyRetentionHours: z._default(z.number().check(z.minimum(1), z.maximum(24 * 31)), 24),
  })
  .check(
    z.superRefine((config, ctx) => {
      if (
        config.auth.mode === 'emulator' &&
        URL.canParse(config.arm.endpoint) &&
        !isLoopbackHost(new URL(config.arm.endpoint).hostname)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['auth', 'mode'],
          message: '"emulator" sign-in only works with a localhost ARM endpoint; use "msal" for real Azure',
        });
      }
    }),
  );

export type AppConfig = z.infer<typeof appConfigSchema>;

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The delegated ARM permission, derived from the endpoint so sovereign clouds work unchanged. */
export function armScope(config: AppConfig): string {
  return `${config.arm.endpoint.replace(/\/+$/, '')}/user_impersonation`;
}
