/**
 * Loaded with `--import` before the emulator. oidc-provider (the emulator's sign-in server) prints
 * two warnings on every start that a newcomer cannot act on, so these two, and nothing else, are
 * dropped; any other warning still goes through:
 * - "Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release." on Node older than 22
 *   LTS. This project supports Node 20.19 and later (package.json `engines`, docs/install.md): the
 *   emulator's unit and end-to-end tests pass on Node 20, and the emulator only ever serves localhost.
 * - "a quick start development-only in-memory adapter is used …": on purpose. The emulator is a
 *   local stand-in for Entra ID; its sign-ins are meant to vanish when it stops.
 */
const knownWarnings = [
  'oidc-provider WARNING: Unsupported runtime.',
  'oidc-provider WARNING: a quick start development-only in-memory adapter is used',
];
const warn = console.warn;

console.warn = (...args: unknown[]) => {
  const first = args[0];
  // oidc-provider wraps the line in colour codes when stderr is a terminal, hence `includes`.
  if (typeof first === 'string' && knownWarnings.some((known) => first.includes(known))) return;
  warn(...args);
};
