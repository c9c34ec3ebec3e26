// The passport's browser check (browser/check.ts with @groundtruth/verify and @groundtruth/ledger),
// bundled for browsers with esbuild the first time a page asks for it and then kept in memory.
// Bundling refuses any Node built-in: what runs in the consumer's browser must not need one.
import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const refuseBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path : args.path.split('/')[0]!;
      if (BUILTINS.has(bare) || BUILTINS.has(args.path))
        return { errors: [{ text: `${args.importer} imports the Node built-in ${args.path}` }] };
      return undefined;
    });
  },
};

export interface CheckScript {
  code: string;
  etag: string;
}

let pending: Promise<CheckScript> | undefined;

export function passportCheckScript(): Promise<CheckScript> {
  pending ??= build({
    entryPoints: [join(import.meta.dirname, 'browser/check.ts')],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [refuseBuiltins],
  }).then((result) => {
    const code = result.outputFiles[0]!.text;
    return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"` };
  });
  // A failed build is retried on the next request rather than remembered.
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}
