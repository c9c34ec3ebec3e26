// The `gt` commands that need only the network (or nothing at all): verifying a log, a file and an
// evidence bundle as an outsider would.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkAttestation, verifyBundle, writeBundle } from './evidence.ts';
import { LedgerClient } from './http.ts';
import { verifyLogFull } from './verify-full.ts';
import { defaultStatePath, verifyLog } from './verify-log.ts';

export const CLIENT_USAGE = `  gt verify --url <base URL> [--state <file>] [--key <verifier key>] [--full [--token <token>]]
      Verifies the log's latest checkpoint signature and its consistency with the last
      checkpoint this machine saw (kept in --state, default ${defaultStatePath()}).
      --full also downloads every entry (tlog-tiles entry bundles), recomputes every leaf hash
      from the served bytes, rebuilds the tree and checks it against every signed checkpoint;
      it reports the first bad entry index. --token is sent if the tiles need one.
  gt verify-file <file> --url <base URL> [--key <verifier key>]
      Hashes the file locally, asks which attestations cover it, and checks every signature
      and proof on this machine. Only the digest is sent.
  gt bundle export <plot:<id>|batch:<id>> --url <base URL> --token <token> --out <dir>
      Writes an offline evidence bundle: attestations, entries, proofs, checkpoint, keys, media.
  gt bundle verify <dir> [--key <verifier key>]
      Checks a bundle with no network at all.`;

type Out = Pick<Console, 'log' | 'error'>;

export async function runClientCommand(
  command: string,
  args: string[],
  out: Out = console,
): Promise<number | undefined> {
  if (command === 'verify') return verify(args, out);
  if (command === 'verify-file') return verifyFile(args, out);
  if (command === 'bundle') return bundle(args, out);
  return undefined;
}

async function verify(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      state: { type: 'string' },
      key: { type: 'string' },
      full: { type: 'boolean', default: false },
      token: { type: 'string' },
    },
    strict: true,
  });
  if (!values.url) {
    out.error('gt verify: --url is required');
    return 2;
  }
  const client = new LedgerClient(values.url, values.token);
  const verdict = await verifyLog(client, {
    statePath: values.state ?? defaultStatePath(),
    trustedKey: values.key,
  });
  (verdict.ok ? out.log : out.error)(verdict.message);
  if (!verdict.ok) return 1;
  if (!values.full) return 0;
  // The key was pinned (--key) or checked against the state file by verifyLog just now.
  const full = await verifyLogFull(client, { trustedKey: values.key });
  (full.ok ? out.log : out.error)(full.message);
  return full.ok ? 0 : 1;
}

async function verifyFile(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { url: { type: 'string' }, key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file] = positionals;
  if (!file || !values.url) {
    out.error('gt verify-file: a file and --url are required');
    return 2;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = hash.digest('hex');
  const report = await new LedgerClient(values.url).evidenceForDigest(digest);
  if (values.key && values.key !== report.logKey) {
    out.error('FAILED: the server answered with another log key than the one pinned with --key');
    return 1;
  }
  if (!values.key) out.log(`log key ${report.logKey} (as the server sent it; pin it with --key)`);
  if (report.attestations.length === 0) {
    out.error(`FAILED: no attestation covers ${file} (sha256 ${digest})`);
    return 1;
  }
  let ok = true;
  for (const attestation of report.attestations) {
    const verdict = await checkAttestation(attestation, report, new Map([[digest, digest]]));
    ok &&= verdict.ok;
    out.log(
      `attestation ${attestation.attestationId} by ${attestation.organisationId}: ${verdict.ok ? 'OK' : 'FAILED'}`,
    );
    for (const f of verdict.failures) out.error(`  ✗ ${f}`);
    for (const n of verdict.notes) out.log(`  · ${n}`);
  }
  (ok ? out.log : out.error)(`${ok ? 'OK' : 'FAILED'}: ${file} (sha256 ${digest})`);
  return ok ? 0 : 1;
}

async function bundle(args: string[], out: Out): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'export') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { url: { type: 'string' }, token: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [subject] = positionals;
    if (!subject || !/^(plot|batch):/.test(subject) || !values.url || !values.token || !values.out) {
      out.error('gt bundle export: plot:<id> or batch:<id>, --url, --token and --out are required');
      return 2;
    }
    const client = new LedgerClient(values.url, values.token);
    const report = await client.attestations(subject);
    const files = await writeBundle(values.out, report, subject, (sha256) => client.media(sha256));
    out.log(`wrote ${report.attestations.length} attestations and ${files} media files to ${values.out}`);
    return 0;
  }
  if (action === 'verify') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { key: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [dir] = positionals;
    if (!dir) {
      out.error('gt bundle verify: a bundle directory is required');
      return 2;
    }
    const result = await verifyBundle(dir, values.key ? { trustedKey: values.key } : {});
    for (const line of result.lines)
      (line.includes('✗') || line.includes('FAILED') ? out.error : out.log)(line);
    (result.ok ? out.log : out.error)(result.ok ? `OK: ${dir}` : `FAILED: ${dir}`);
    return result.ok ? 0 : 1;
  }
  out.error('gt bundle: export or verify');
  return 2;
}
