// Browser safety of the packages (architecture.md, "Rules of the house"): each
// entry of a package's `exports` map is bundled the way a web app would bundle
// it (esbuild, platform browser, workspace packages through their `development`
// condition to src/), and every Node built-in module or Node global (`process`,
// `Buffer`, ...) the bundle would need is reported with the chain of imports
// that pulls it in.
import { builtinModules } from 'node:module';
import { relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * The rule for Node-only entry points: a subpath named `./node` or ending in
 * `/node` (`./node`, `./sweep/node`) may use Node built-ins; every other entry
 * must bundle for a browser. Documented in docs/architecture.md.
 */
export const NODE_ONLY_SUBPATH = /^\.(?:\/.+)?\/node$/;

export interface PackageManifest {
  readonly name: string;
  readonly exports?: unknown;
}

/** Globals that exist in Node but not in a browser (free references only; a local of that name is fine). */
export const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename'] as const;

export interface NodeDependency {
  /** `module`: an import of a built-in; `global`: a free reference to one of NODE_GLOBALS. */
  readonly kind: 'module' | 'global';
  /** The built-in as written in the source (`node:fs`, `crypto`) or the global's name. */
  readonly name: string;
  /** Files from the entry to the file that needs it, repository-relative; the entry itself is `<entry>`. */
  readonly chain: readonly string[];
}

export function isNodeOnlySubpath(subpath: string): boolean {
  return NODE_ONLY_SUBPATH.test(subpath);
}

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/** Subpaths of the exports map, whichever of its shorthand forms is used. */
export function exportSubpaths(manifest: PackageManifest): string[] {
  const { exports } = manifest;
  if (exports === undefined) {
    throw new Error(`${manifest.name}: package.json has no "exports" map; declare its entry points there (architecture.md)`);
  }
  if (typeof exports === 'string' || Array.isArray(exports)) return ['.'];
  const keys = Object.keys(exports as object);
  // A conditions object without subpaths ({ "import": ..., "default": ... }) is the "." entry.
  return keys.every((key) => key.startsWith('.')) ? keys : ['.'];
}

/**
 * The subpaths that must bundle for a browser: all but the Node-only ones and
 * JSON files (`./package.json`, which imports nothing). Subpath patterns (`./*`)
 * are refused, since there is no single file to bundle.
 */
export function browserEntries(manifest: PackageManifest): string[] {
  return exportSubpaths(manifest).filter((subpath) => {
    if (subpath.includes('*')) {
      throw new Error(`${manifest.name}: export pattern "${subpath}" cannot be checked for browser safety; list its subpaths one by one`);
    }
    return !subpath.endsWith('.json') && !isNodeOnlySubpath(subpath);
  });
}

const ENTRY = '<stdin>';
const RESOLVING = Symbol('resolving');

/**
 * Node built-ins that esbuild cannot resolve for a browser become external, to be
 * read back from the metafile; ones it can resolve (a `browser` field mapping
 * `crypto` to false, as seedrandom's does, or a polyfill package) stay as they are.
 */
const nodeBuiltinsExternal: Plugin = {
  name: 'node-builtins-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || !isNodeBuiltin(args.path)) return undefined;
      const { errors } = await esbuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        namespace: args.namespace,
        pluginData: RESOLVING,
      });
      // Resolvable (a polyfill package, or disabled by a browser field): let esbuild resolve it as usual.
      return errors.length === 0 ? undefined : { path: args.path, external: true };
    });
  },
};

// Each Node global is renamed to a marker no source contains, so the output shows every free reference
// in code that survives tree shaking (everything an entry exports can reach; dead code never runs).
const GLOBAL_MARKER = '__browserBundleNodeGlobal_';
// `process.env.NODE_ENV` is the one exception: every browser bundler (Vite, webpack, esbuild's
// `define`) replaces it with a string, and libraries such as ECharts gate their dev warnings on it.
const defineMarkers = {
  ...Object.fromEntries(NODE_GLOBALS.map((name) => [name, GLOBAL_MARKER + name])),
  'process.env.NODE_ENV': '"production"',
};

/**
 * Bundles `packageName` + `subpath` for a browser from inside `packageDir` (a
 * package may import itself by name) and returns the Node built-ins and globals
 * it needs. Paths in the chains are relative to `root`. Other bundling errors throw.
 */
export async function nodeDependenciesOfBrowserBundle(root: string, packageDir: string, packageName: string, subpath: string): Promise<NodeDependency[]> {
  const specifier = packageName + subpath.slice(1);
  const result = await build({
    stdin: { contents: `import * as entry from '${specifier}';\nexport { entry };\n`, resolveDir: packageDir, loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    conditions: ['development'],
    define: defineMarkers,
    // Kept readable: the `// path` line esbuild writes before each module locates a global.
    minify: false,
    logLevel: 'silent',
    plugins: [nodeBuiltinsExternal],
  });
  const { inputs } = result.metafile;
  // Breadth-first from the entry, so each file's chain is a shortest import chain.
  const parent = new Map<string, string | undefined>([[ENTRY, undefined]]);
  const queue = [ENTRY];
  const found: NodeDependency[] = [];
  const chainTo = (file: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = file; at !== undefined; at = parent.get(at)) chain.unshift(at === ENTRY ? '<entry>' : at);
    return chain;
  };
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.external === true) {
        found.push({ kind: 'module', name: imported.original ?? imported.path, chain: chainTo(file) });
      } else if (!parent.has(imported.path)) {
        parent.set(imported.path, file);
        queue.push(imported.path);
      }
    }
  }
  for (const { file, name } of globalsByModule(result.outputFiles[0].text)) {
    found.push({ kind: 'global', name, chain: parent.has(file) ? chainTo(file) : [file] });
  }
  return found;
}

/**
 * Each (module, Node global) pair in an unminified esbuild bundle, once. A
 * third-party module (under node_modules) that tests `typeof <global>` is feature
 * detection that also runs in a browser (zrender uses Buffer for base64 only when
 * it exists), so its uses of that global are not counted; our own code may not
 * touch a Node global at all.
 */
function globalsByModule(bundle: string): { file: string; name: string }[] {
  const uses = new Map<string, { file: string; name: string; guarded: boolean }>();
  let file = ENTRY;
  for (const line of bundle.split('\n')) {
    const header = /^\/\/ (\S+)$/.exec(line);
    if (header !== null) file = header[1];
    for (const match of line.matchAll(new RegExp(`(typeof\\s+)?${GLOBAL_MARKER}(\\w+)`, 'g'))) {
      const key = `${file} ${match[2]}`;
      const use = uses.get(key) ?? { file, name: match[2], guarded: false };
      if (match[1] !== undefined) use.guarded = true;
      uses.set(key, use);
    }
  }
  return [...uses.values()].filter((use) => !(use.guarded && use.file.includes('node_modules/'))).map(({ file, name }) => ({ file, name }));
}

/** One line per built-in or global with its import chain, for a failure message. */
export function describeNodeDependencies(packageName: string, subpath: string, found: readonly NodeDependency[], root: string, packageDir: string): string {
  const lines = found.map(({ kind, name, chain }) => `  ${kind === 'module' ? `import "${name}"` : `global ${name}`} via ${chain.join(' -> ')}`);
  return [
    `${packageName} export "${subpath}" (${relative(root, packageDir)}) needs Node in a browser bundle:`,
    ...lines,
    `Move Node-only code behind a subpath matching ${NODE_ONLY_SUBPATH} (e.g. "./node"), or use a browser-safe alternative.`,
  ].join('\n');
}
