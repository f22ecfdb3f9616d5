/**
 * One CommonJS file per entry point, bundled from the compiled `dist/src` (so the bundle runs exactly the code the
 * plain build runs) into `build/`. CommonJS because V8 can cache its compiled code and Node 20 can snapshot it,
 * neither of which works for ES modules on Node 20.
 *
 * Two rewrites keep the modules' behaviour: `import.meta.url` becomes the URL of the module's own file in
 * `dist/src` (the modules find `package.json`, `proto/` and `bin/` relative to themselves), and the one
 * `createRequire(import.meta.url)(…)` becomes a plain `require(…)`, so that the module it loads is bundled too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export const ENTRIES = {
  cli: 'dist/src/cli/main.js',
  plugin: 'dist/src/plugin/main.js',
  emulator: 'dist/src/emulator/main.js',
} as const;

export type EntryName = keyof typeof ENTRIES;

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
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, ENTRIES[name])],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Names stay readable in stack traces of internal errors; the code cache makes size matter little.
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    banner: { js: `var ${BASE} = require("node:url").pathToFileURL(__dirname + "/").href;` },
    plugins: [moduleUrls(outDir)],
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) throw new Error(`bundling ${name}: ${problems.map((p) => p.text).join('; ')}`);
  const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
  return { name, file, bytes };
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
