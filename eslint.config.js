import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

// The architecture as a rule (README, "Code layout"): code flows
//   lib, azure → bgp → components, queries → features → app
// config and auth sit beside azure; a feature never imports another feature or the app, and
// production code never imports test fakes.
const FEATURES = ['peers', 'history', 'wall', 'budget', 'picker', 'gateway'];
const LAYERS = {
  lib: [],
  azure: [],
  config: ['azure', 'lib'],
  auth: ['config', 'azure', 'lib'],
  bgp: ['azure', 'lib'],
  components: ['bgp', 'azure', 'lib'],
  queries: ['bgp', 'azure', 'auth', 'config', 'lib'],
};
const SHARED_FOR_FEATURES = ['bgp', 'queries', 'components', 'lib', 'azure', 'auth', 'config'];

/** Tests may also use src/testing; production code may not (see the block below). */
function layerZones({ tests }) {
  const testing = tests ? ['./testing'] : [];
  const zones = Object.entries(LAYERS).map(([layer, allowed]) => ({
    target: `./src/${layer}`,
    from: './src',
    except: [`./${layer}`, ...allowed.map((name) => `./${name}`), ...testing],
    message: `src/${layer} may import only ${allowed.length ? allowed.map((n) => `src/${n}`).join(', ') : 'itself'}.`,
  }));
  for (const feature of FEATURES) {
    zones.push({
      target: `./src/features/${feature}`,
      from: './src',
      except: [`./features/${feature}`, ...SHARED_FOR_FEATURES.map((name) => `./${name}`), ...testing],
      message: 'A feature imports bgp, queries, components, lib, azure, auth and config, never another feature or the app; compose features in src/app.',
    });
  }
  zones.push({
    target: './src',
    from: ['./emulator', './e2e', './bench', './scripts'],
    message: 'The app ships alone: it never imports the emulator, tests, benchmarks or scripts.',
  });
  zones.push({ target: './src/testing', from: './src/app', message: 'Test helpers do not depend on the app.' });
  return zones;
}

const PRODUCTION_DIRS = [...Object.keys(LAYERS), 'features', 'app'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.emulator-certs'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      // Without these, import-x treats .ts files as foreign and no-cycle never follows them.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.app.json', 'tsconfig.node.json', 'tsconfig.bench.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones({ tests: true }) }],
    },
  },
  {
    // Production code: no test fakes or fixtures.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones({ tests: false }),
            {
              target: PRODUCTION_DIRS.map((dir) => `./src/${dir}`),
              from: './src/testing',
              message: 'src/testing holds fakes and fixtures for tests; production code does not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The ARM client must stay framework-free so Node scripts and benchmarks can use it.
    files: ['src/azure/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@tanstack/*', '@azure/msal-*', '../*'] }],
    },
  },
);
