// Bundles a module of this package for the browser platform with esbuild and reports every import
// of a Node built-in it met (bare `fs` or `node:fs` alike): the build check and the browser test
// share it, so what Chromium runs is what the check inspected.
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export interface BrowserBundle {
  code: string;
  /** `importer → specifier` for each Node built-in the bundle would need. */
  nodeImports: string[];
}

/** Bundles `entry` as an ES module for browsers; `globalName` exposes its exports as an IIFE instead. */
export async function bundleForBrowser(entry: string, globalName?: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const watchBuiltins: Plugin = {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.startsWith('node:') ? args.path : args.path.split('/')[0]!;
        if (!BUILTINS.has(bare) && !BUILTINS.has(args.path)) return undefined;
        nodeImports.push(`${args.importer} → ${args.path}`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: globalName ? 'iife' : 'esm',
    ...(globalName ? { globalName } : {}),
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [watchBuiltins],
  });
  return { code: result.outputFiles[0]!.text, nodeImports };
}
