/**
 * The Content Security Policy of the built app. The app's only script is its own bundle, and it
 * talks to exactly two services: the sign-in authority and the ARM endpoint. Both come from
 * config.json, which is edited per deployment after the build, so the full policy is made from
 * that file (`_headers` at build, the preview server, or a host's own header); the page itself
 * carries only the part that holds for every tenant (`TENANT_INDEPENDENT_POLICY`).
 */
export interface CspSources {
  /** `auth.authority` from config.json. */
  authority: string;
  /** `arm.endpoint` from config.json. */
  armEndpoint: string;
  /** `auth.knownAuthorities`: hosts MSAL may also call for the same sign-in. */
  knownAuthorities?: readonly string[];
}

/**
 * Directives that do not depend on the tenant, for a `<meta>` in index.html: no inline or
 * injected scripts, no plugins, no `<base>` hijack. Policies combine by intersection, so the
 * meta cannot list endpoints (it would block a sovereign cloud the header allows).
 */
export const TENANT_INDEPENDENT_POLICY = "script-src 'self'; object-src 'none'; base-uri 'self'";

// Kept free of imports: vite.config.ts loads this file in Node to build the policy.
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `https://host:port` of a URL, or null when it is not an absolute http(s) URL. */
function originOf(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
}

/** A source expression for a host MSAL knows as an authority ("login.example.com" or "localhost:8711"). */
function knownAuthoritySource(host: string): string | null {
  const trimmed = host.trim();
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(trimmed)) return null;
  return `https://${trimmed}`;
}

/**
 * The full policy for one deployment. A loopback endpoint means the local emulator, whose ports
 * are chosen at start (`--port 0` in tests): then any local port is allowed, and nothing else.
 */
export function contentSecurityPolicy(sources: CspSources): string {
  const authority = originOf(sources.authority);
  const arm = originOf(sources.armEndpoint);
  const local = [authority, arm].some((origin) => origin !== null && isLoopbackHost(new URL(origin).hostname));
  const services = new Set<string>();
  if (local) {
    for (const host of ['localhost', '127.0.0.1']) {
      services.add(`http://${host}:*`);
      services.add(`https://${host}:*`);
    }
  }
  for (const origin of [authority, arm]) if (origin !== null) services.add(origin);
  for (const host of sources.knownAuthorities ?? []) {
    const source = knownAuthoritySource(host);
    if (source !== null) services.add(source);
  }
  const connect = ["'self'", ...services].join(' ');
  // MSAL renews tokens in a hidden iframe on the authority when it has no refresh token.
  const frames = authority !== null ? [authority, ...(local ? ['https://localhost:*'] : [])].join(' ') : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src ${connect}`,
    `frame-src ${frames}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy for a config.json as deployed (already parsed JSON). It reads only the two URLs and
 * the known authorities, so it works on a file the app would refuse for other reasons.
 */
export function contentSecurityPolicyForConfig(config: unknown): string {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const auth = record(record(config).auth);
  const arm = record(record(config).arm);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return contentSecurityPolicy({
    authority: text(auth.authority),
    armEndpoint: text(arm.endpoint),
    knownAuthorities: Array.isArray(auth.knownAuthorities) ? auth.knownAuthorities.filter((h): h is string => typeof h === 'string') : [],
  });
}

/** Security headers for static hosts, in the `_headers` format (Netlify, Cloudflare Pages). */
export function headersFile(policy: string): string {
  return [
    '/*',
    `  Content-Security-Policy: ${policy}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '',
  ].join('\n');
}
