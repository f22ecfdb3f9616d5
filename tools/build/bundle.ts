/**
 * One CommonJS file per entry point, bundled from the compiled `dist/src` (so the bundle runs exactly the code the
 * plain build runs) into `build/`. CommonJS because V8 can cache its compiled code and Node 20 can snapshot it,
 * neither of which works for ES modules on Node 20.
 *
 * Two rewrites keep the modules' behaviour: `import.meta.url` becomes the URL of the module's own file in
 * `dist/src` (the modules find `package.json`, `proto/` and `bin/` relative to themselves), and
 * `createRequire(import.meta.url)(…)` becomes a plain `require(…)`, so that the module it loads is bundled too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';

const builtin = createRequire(import.meta.url);

/**
 * Each bundle and the modules whose exports it exports, in build order: a part before the entry point whose
 * warm-up runs make the part's code cache too.
 */
export const ENTRIES = {
  // First: the CLI and the plugin run bundled only when the emulator, a part of theirs, is bundled too.
  emulator: ['dist/src/emulator/main.js'],
  // The whole CLI, for its commands: its entry point and the commands it would otherwise load on first use.
  cli: ['dist/src/cli/main.js', 'dist/src/cli/commands/index.js'],
  // The CLI's declarations, for `--help` and `--version`; it loads the whole CLI as a part if a command runs.
  'cli-declarations': ['dist/src/cli/main.js'],
  'plugin-driver': ['dist/src/plugin/driver-core.js'],
  plugin: ['dist/src/plugin/main.js'],
} as const satisfies Record<string, readonly string[]>;

export type EntryName = keyof typeof ENTRIES;

/**
 * Parts: a module that a bundle imports dynamically and finds in another bundle, loaded through the launchers'
 * loader with its code cache, so that the first starts without it. A part has its own copies of the modules it
 * shares with the bundle that loads it: only plain data may cross, and a class's instances are recognised only on
 * their side (the CLI's commands are reported by the reporter in their own bundle).
 */
export const PARTS: Partial<Record<EntryName, Partial<Record<EntryName, string>>>> = {
  // The emulator runs short pot calls in the process that makes them (src/pot/emulated.ts).
  cli: { emulator: ENTRIES.emulator[0] },
  'cli-declarations': { cli: 'dist/src/cli/commands/index.js' },
  'plugin-driver': { emulator: ENTRIES.emulator[0] },
  plugin: { 'plugin-driver': ENTRIES['plugin-driver'][0] },
};

export interface BundleResult {
  name: EntryName;
  file: string;
  bytes: number;
}

/**
 * The bundle's own location as a file URL with a trailing slash; a module's `import.meta.url` is resolved
 * against it. Computed once per process, when the bundle is evaluated.
 */
const BASE = '__potNomadBundleBase';

export async function bundle(root: string, outDir: string, name: EntryName): Promise<BundleResult> {
  const file = path.join(outDir, `${name}.cjs`);
  const modules = ENTRIES[name].map((m) => path.join(root, m));
  const result = await build({
    absWorkingDir: root,
    ...(modules.length === 1
      ? { entryPoints: modules }
      : { stdin: { contents: modules.map((m) => `export * from ${JSON.stringify(m)};`).join('\n'), resolveDir: root, sourcefile: `${name}-entry.js` } }),
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Less text is less to read, hash and cache; functions and classes keep their names (error names, traces).
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    // A module that loads another synchronously where Node can require ES modules, and with top-level await where
    // it cannot, takes the synchronous way in a bundle: there every module is the bundle's own, loaded by require.
    define: { 'process.features.require_module': 'true' },
    // The directive first, or the bundle would run in sloppy mode.
    banner: { js: `"use strict";\nvar ${BASE} = require("node:url").pathToFileURL(__dirname + "/").href;` },
    plugins: [moduleUrls(outDir), lazyBuiltins(), parts(root, outDir, PARTS[name] ?? {})],
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) throw new Error(`bundling ${name}: ${problems.map((p) => p.text).join('; ')}`);
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
  return { name, file, bytes };
}

/**
 * Node's built-in modules that cost most to load (each pulls in a dozen internal modules) and that a run often does
 * not use: `--help` needs no child_process, `pot version` no crypto. A module importing one gets a stand-in that
 * loads it on the first use of any of its members. A default or namespace import still loads it at once.
 */
const LAZY_BUILTINS = ['child_process', 'crypto', 'dgram', 'dns', 'fs/promises', 'http2', 'net', 'os', 'readline', 'tls', 'v8', 'worker_threads', 'zlib'];
const LAZY = 'lazy-builtin';

function lazyBuiltins(): Plugin {
  const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.map((m) => m.replace('/', '\\/')).join('|')})$`);
  return {
    name: LAZY,
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const name = args.path.replace(/^node:/, '');
        // The stand-in's own require() is of the real module.
        return args.namespace === LAZY ? { path: `node:${name}`, external: true } : { path: name, namespace: LAZY };
      });
      b.onLoad({ filter: /.*/, namespace: LAZY }, (args) => ({ loader: 'js', contents: standIn(args.path) }));
    },
  };
}

/**
 * A module whose members are those of built-in `name`, loaded on first use. Its keys are known without loading it,
 * so that the bundler's import interop, which copies every key as a getter, stays lazy too. The keys come from
 * this node, the one the bundle runs on.
 */
function standIn(name: string): string {
  const keys = Object.getOwnPropertyNames(builtin(`node:${name}`));
  return `const keys = ${JSON.stringify(keys)};
let real;
const load = () => (real ??= require(${JSON.stringify(`node:${name}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => keys.includes(key) || key in load(),
  ownKeys: () => [...keys],
  getOwnPropertyDescriptor: (_, key) =>
    keys.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined,
});
`;
}

const PART = 'bundle-part';

function parts(root: string, outDir: string, split: Partial<Record<EntryName, string>>): Plugin {
  const byModule = new Map(Object.entries(split).map(([part, module]) => [path.join(root, module), part]));
  const loader = path.relative(outDir, path.join(root, 'bin/load-entry.js')).split(path.sep).join('/');
  return {
    name: PART,
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === PART) return { path: args.path, external: true };
        const part = args.path.startsWith('.') ? byModule.get(path.resolve(args.resolveDir, args.path)) : undefined;
        return part === undefined ? undefined : { path: part, namespace: PART };
      });
      b.onLoad({ filter: /.*/, namespace: PART }, (args) => ({
        loader: 'js',
        // The loader resolves from the bundle's directory: bin/ sits next to build/ in the source tree and installed.
        contents: `module.exports = require(${JSON.stringify(loader)}).loadPart(${JSON.stringify(args.path)});`,
      }));
    },
  };
}

function moduleUrls(outDir: string): Plugin {
  return {
    name: 'module-urls',
    setup(b) {
      b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = path.relative(outDir, args.path).split(path.sep).join('/');
        const contents = text
          .replace(/createRequire\(import\.meta\.url\)\(/g, 'require(')
          .replace(/import\.meta\.url/g, `new URL(${JSON.stringify(own)}, ${BASE}).href`);
        return { contents, loader: 'js' };
      });
    },
  };
}
