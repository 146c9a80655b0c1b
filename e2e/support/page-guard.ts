import { expect, test as base, type Page } from '@playwright/test';

/**
 * What must never happen on a page, whatever the test: an uncaught exception, an unhandled
 * promise rejection, a Content Security Policy violation, or a console error the test did not
 * announce. Network failures a test causes on purpose (Chromium logs "Failed to load resource"
 * for every 4xx/5xx and dropped connection) are announced with `allow`.
 */
export interface PageGuard {
  /** Console errors, CSP violations or rejections matching any of these are expected in this test. */
  allow(...patterns: RegExp[]): void;
  /** Everything unexpected so far. */
  readonly problems: readonly string[];
  /** Every CSP violation so far, expected or not ("<directive> blocked <uri> in <file>:<line>"). */
  readonly cspViolations: readonly string[];
}

const REPORT_BINDING = '__e2eReport';

export async function guardPage(page: Page): Promise<PageGuard> {
  const allowed: RegExp[] = [];
  const problems: string[] = [];
  const cspViolations: string[] = [];
  const unexpected = (text: string) => !allowed.some((pattern) => pattern.test(text));
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (unexpected(text)) problems.push(`console.error: ${text}`);
  });
  await page.exposeBinding(REPORT_BINDING, (_source, kind: string, detail: string) => {
    if (kind === 'csp') cspViolations.push(detail);
    if (unexpected(detail)) problems.push(`${kind}: ${detail}`);
  });
  // Runs in every document before the app's own scripts, including after each navigation.
  await page.addInitScript((binding) => {
    const report = (window as unknown as Record<string, (kind: string, detail: string) => void>)[binding];
    window.addEventListener('securitypolicyviolation', (event) =>
      report?.('csp', `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} in ${event.sourceFile}:${event.lineNumber}`),
    );
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : String(event.reason);
      report?.('unhandled rejection', reason);
    });
  }, REPORT_BINDING);
  return {
    allow: (...patterns) => allowed.push(...patterns),
    problems,
    cspViolations,
  };
}

/**
 * The suite's `test`: every test's page is guarded, and the test fails at its end on anything
 * the guard saw. Tests that expect console errors say so with `pageGuard.allow(...)`.
 */
export const test = base.extend<{ pageGuard: PageGuard }>({
  pageGuard: [
    async ({ page }, use) => {
      const guard = await guardPage(page);
      await use(guard);
      expect(guard.problems, 'uncaught errors, unhandled rejections, CSP violations or console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Chromium's console line for an HTTP error answer or a failed request. */
export function failedLoad(what: number | string): RegExp {
  return typeof what === 'number'
    ? new RegExp(`Failed to load resource: the server responded with a status of ${what}\\b`)
    : new RegExp(`Failed to load resource: net::${what}`);
}
