import path from 'node:path'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const root = import.meta.dirname
/** Zone paths as absolute globs: `except` globs are matched against absolute paths as they are. */
const at = (...globs) => globs.map((glob) => path.join(root, glob))

// The capability folders under app/ (everything but the shared platform and the routes).
const CAPABILITIES = [
  'access',
  'accounts',
  'organisations',
  'pacts',
  'document',
  'pact-model',
  'sign-off',
  'audit',
  'demo',
  'tracking',
]
const capabilities = `app/{${CAPABILITIES.join(',')}}`

/**
 * The shape of the code (README "Map of the code"), checked on every import after resolving it to
 * a file, so `#app/...` and relative imports are judged alike.
 */
const boundaries = {
  appToServer: {
    target: at('app/**'),
    from: at('server/**'),
    message: 'app/ reaches the server only through the ports in app/platform/ports.ts.',
  },
  collabToApp: {
    // The socket server may use the app's rules and schema, never its pages or UI. Its tests may
    // use any fixture (the demo document, the template).
    target: at('server/collab/**/!(*.test).ts'),
    from: at('app/**'),
    except: at(
      'app/access/**',
      'app/platform/**',
      'app/{pacts/lifecycle,document/extensions,document/clause,document/pact-data,document/collab-close-codes}.ts',
      'app/pact-model/!(*.server|*.test).ts',
    ),
    message:
      'server/collab may import from app/ only access, platform, pacts/lifecycle.ts, the document schema and pure pact-model modules.',
  },
  collabToUi: {
    target: at('server/collab/**'),
    from: at('app/routes/**', 'app/**/ui/**', 'app/**/*.tsx'),
    message: 'server/collab never imports routes or UI.',
  },
  toRoutes: {
    target: at(`${capabilities}/**`, 'app/platform/**'),
    from: at('app/routes/**'),
    message: 'Routes call capabilities, not the other way round: move what is shared into the capability.',
  },
  toServerOnly: {
    // Server-only modules stay out of anything the browser bundle may load; routes and other
    // server modules (and their tests) may use them. The database schema is types only, read by
    // server code alone.
    target: at(
      `${capabilities}/**/!(*.server|*.server.test|*.test).{ts,tsx}`,
      'app/platform/**/!(*.server|*.server.test|*.test|schema).{ts,tsx}',
      // root.tsx is a route module (its loader is server-only, like every route's); entry.server.tsx is server code.
      'app/!(root|*.server|*.server.test|*.test).{ts,tsx}',
    ),
    from: at('app/**/*.server.{ts,tsx}'),
    message: 'Only *.server.ts modules and routes may import *.server.ts.',
  },
  platformToCapabilities: {
    // The platform is shared by every capability, so it depends on none. Two places gather from all
    // of them: the i18n resources (each capability's texts) and the database schema (db/schema.ts
    // types enum columns with the unions their capability owns). Tests may use capabilities' fixtures.
    target: at('app/platform/**/!(*.test|schema).{ts,tsx}'),
    from: at(`${capabilities}/**`),
    except: at(`${capabilities}/**/texts.{nl,en}.ts`, `${capabilities}/**/*-texts.{nl,en}.ts`),
    message: 'app/platform does not depend on capability folders.',
  },
}
const restrictedPaths = (zones) => ['error', { zones: Object.values(zones) }]

export default defineConfig(
  {
    ignores: ['build/', 'data/', '.react-router/', 'bench/.build/', 'bench/results/', 'node_modules/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': restrictedPaths(boundaries),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The classic hooks rules. The React Compiler rules of recommended-latest are left out: we do not
    // use the compiler, and they flag ordinary effect patterns (setState on subscribe, a ref of the latest props).
    files: ['app/**/*.tsx', 'app/**/use-*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Migrations must not depend on today's schema (it changes after them), so they take Kysely<any>.
    files: ['app/platform/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests call route functions with hand-made arguments and read untyped bodies.
    files: ['tests/**', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
