import type { ServerResponse } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { demoUser } from './demo-user.ts';

/** The identity face's HTML: the one-click sign-in, its errors, and sign-out. */

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

export function signInPage(action: string): string {
  return page(
    'Sign in — Azure emulator',
    `<h1>Sign in to the local Azure emulator</h1>
<p class="note">Local emulator identity — not Microsoft Entra ID.</p>
<p>Signs you in as <strong>${escapeHtml(demoUser.name)}</strong> (${escapeHtml(demoUser.username)}). No password; access to the emulator's ARM API is granted automatically.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" autofocus>Sign in as ${escapeHtml(demoUser.name)} (emulator)</button>
</form>`,
  );
}

export function signInExpiredPage(reason: string): string {
  return page('Sign-in expired', `<h1>This sign-in request is no longer valid</h1><p>${escapeHtml(reason)}</p><p>Go back to the dashboard and sign in again.</p>`);
}

/** oidc-provider's `renderError`. */
export function renderSignInError(ctx: KoaContextWithOIDC, out: Record<string, string>): void {
  ctx.type = 'html';
  ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`).join('')}`);
}

// The end-session endpoint's own confirmation page would add a click to every sign-out; the
// emulator submits it straight away.
export function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  ctx.body = page(
    'Signing out — Azure emulator',
    `<h1>Signing out…</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<script>document.querySelector('button[name=logout]').click()</script>`,
  );
}

export function renderSignedOutPage(ctx: KoaContextWithOIDC): void {
  ctx.type = 'html';
  ctx.body = page('Signed out — Azure emulator', '<h1>Signed out</h1><p>You are signed out of the local Azure emulator.</p>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:flex;justify-content:center;padding-top:10vh;margin:0}
main{background:#1e293b;border-radius:8px;padding:2rem 2.5rem;max-width:28rem}
h1{font-size:1.4rem;margin-top:0}
p{line-height:1.5}
.note{color:#fbbf24;font-weight:600}
button{font-size:1rem;padding:.75rem 1.25rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer;width:100%}
button:focus-visible{outline:3px solid #fbbf24;outline-offset:2px}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}
