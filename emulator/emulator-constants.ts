/**
 * Fixed identities of the local emulator. Constant so that e2e tests, scripts and the app's
 * emulator config can name them without reading the ready line first.
 */
export const EMULATOR_TENANT_ID = 'e1a7e000-0000-4000-a000-000000000001';
export const EMULATOR_SPA_CLIENT_ID = '0b8a4c1e-5d2f-4e6a-9b7c-000000005a01';
export const EMULATOR_SCRIPT_CLIENT_ID = '0b8a4c1e-5d2f-4e6a-9b7c-00000000c11e';
/** Not a secret: the emulator only listens on localhost and holds no real data. */
export const EMULATOR_SCRIPT_CLIENT_SECRET = 'emulator-script-secret-not-for-production';

export const DEFAULT_ARM_PORT = 8710;
export const DEFAULT_IDENTITY_PORT = 8711;

/** Where the Vite dev server (5173) and preview server (4173) serve the SPA. */
export const DEFAULT_REDIRECT_URIS = [
  'http://localhost:5173/',
  'http://localhost:4173/',
  'http://127.0.0.1:5173/',
  'http://127.0.0.1:4173/',
];

/** Reserved path prefix of the control API on the ARM server. */
export const CONTROL_PATH = '/_emulator';
