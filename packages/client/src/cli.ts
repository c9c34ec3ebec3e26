// The `gt` commands that need only the network (or nothing at all): verifying a log, a file, a
// receipt and an evidence bundle as an outsider would, and the signer's tools (keys, attest).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkAttestation, nameOf, standingOf, verifyBundle, writeBundle } from './evidence.ts';
import { ClientError, LedgerClient } from './http.ts';
import { verifyReceipt } from './receipt.ts';
import { attest, newSigningKey, readKeyFile, sha256OfFile, signJson, writeKeyFile } from './signing.ts';
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
      and proof on this machine. Only the digest is sent. Exit 0: verified and standing;
      1: a check failed; 3: verified but withdrawn or disputed.
  gt keys new [--out <file>]
      Makes an Ed25519 signing key: the private JWK goes to --out (default gt-signing-key.jwk,
      mode 0600, never overwritten); prints the public JWK and its kid (RFC 7638 thumbprint).
  gt keys register --org <organisation id> --key <file> --url <base URL> --token <token>
      Registers the key's public half for the organisation (POST /v1/organisations/{id}/keys).
  gt attest <plot:<id>|batch:<id>> <files…> --key <file> --statement <text> --url <base URL>
         --token <token> [--location=<lon>,<lat>] [--device <text>] [--at <RFC 3339 time>]
         [--out <receipt file>]
      Hashes and uploads the files, signs the manifest, records the attestation and saves the
      receipt (default receipt-<attestation id>.json). The location defaults to a photo's GPS.
  gt conclude-audit <audit id> --verdict <conforming|conforming_with_findings|nonconforming>
         --summary <text> --key <file> --url <base URL> --token <token>
      The assigned auditor closes an audit: reads the audit's findings, signs an AuditConclusion
      naming the audit and every finding with the key (its organisation's registered key), and
      records it (POST /v1/audits/{id}/conclusion). The auditor's access ends with it.
  gt verify-receipt <receipt.json> [--file <file>]… [--key <verifier key>]
      Checks a receipt with no network: the signature, each file's digest in the manifest, the
      leaf hash from the entry bytes, the inclusion proof and the checkpoint signature.
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
  try {
    return await dispatch(command, args, out);
  } catch (error) {
    // What the server refused (or an unreachable server, or a bad key file): said plainly, exit 1.
    if (error instanceof ClientError) {
      out.error(`gt ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function dispatch(command: string, args: string[], out: Out): Promise<number | undefined> {
  if (command === 'verify') return verify(args, out);
  if (command === 'verify-file') return verifyFile(args, out);
  if (command === 'bundle') return bundle(args, out);
  if (command === 'keys') return keys(args, out);
  if (command === 'attest') return attestCommand(args, out);
  if (command === 'verify-receipt') return verifyReceiptCommand(args, out);
  if (command === 'conclude-audit') return concludeAuditCommand(args, out);
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
  const digest = await sha256OfFile(file);
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
  let standing: string | undefined;
  for (const attestation of report.attestations) {
    const verdict = await checkAttestation(attestation, report, new Map([[digest, digest]]));
    const stands = standingOf(attestation);
    ok &&= verdict.ok;
    if (verdict.ok && stands) standing ??= stands;
    out.log(
      `attestation ${attestation.attestationId} by ${nameOf(attestation.organisationName, attestation.organisationId)}: ${verdict.ok ? (stands ?? 'OK') : 'FAILED'}`,
    );
    for (const f of verdict.failures) out.error(`  ✗ ${f}`);
    for (const n of verdict.notes) out.log(`  · ${n}`);
  }
  if (!ok) {
    out.error(`FAILED: ${file} (sha256 ${digest})`);
    return 1;
  }
  // Verified, but not something to rely on: a script should stop here too.
  if (standing) {
    out.error(
      `${standing}: ${file} (sha256 ${digest}) verifies, but its attestation is ${standing.toLowerCase()}`,
    );
    return 3;
  }
  out.log(`OK: ${file} (sha256 ${digest})`);
  return 0;
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
    if (!result.ok) {
      out.error(`FAILED: ${dir}`);
      return 1;
    }
    if (!result.stands) {
      out.error(`NOT STANDING: ${dir} verifies, but an attestation is withdrawn or disputed`);
      return 3;
    }
    out.log(`OK: ${dir}`);
    return 0;
  }
  out.error('gt bundle: export or verify');
  return 2;
}

async function keys(args: string[], out: Out): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'new') {
    const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } }, strict: true });
    const path = values.out ?? 'gt-signing-key.jwk';
    const key = await newSigningKey();
    try {
      await writeKeyFile(path, key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        out.error(`gt keys new: ${path} exists; a key is never overwritten (choose another --out)`);
        return 1;
      }
      throw error;
    }
    out.log(`private key written to ${path} (mode 0600): keep it; it cannot be recovered`);
    out.log(`kid ${key.kid}`);
    out.log(JSON.stringify(key.publicJwk));
    return 0;
  }
  if (action === 'register') {
    const { values } = parseArgs({
      args: rest,
      options: {
        org: { type: 'string' },
        key: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
      },
      strict: true,
    });
    if (!values.org || !values.key || !values.url || !values.token) {
      out.error('gt keys register: --org, --key, --url and --token are required');
      return 2;
    }
    const key = await readKeyFile(values.key);
    const client = new LedgerClient(values.url, values.token);
    const registered = await client.postJson<{ kid: string; entryIndex: number }>(
      `/v1/organisations/${encodeURIComponent(values.org)}/keys`,
      { jwk: key.publicJwk },
    );
    const [organisation] = await Promise.allSettled([
      client.getJson<{ name: string }>(`/v1/organisations/${encodeURIComponent(values.org)}`),
    ]);
    const who =
      organisation.status === 'fulfilled' ? nameOf(organisation.value.name, values.org) : values.org;
    out.log(`registered key ${registered.kid} for ${who} (ledger entry ${registered.entryIndex})`);
    return 0;
  }
  out.error('gt keys: new or register');
  return 2;
}

async function attestCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      statement: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      location: { type: 'string' },
      device: { type: 'string' },
      at: { type: 'string' },
      out: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [subject, ...files] = positionals;
  const match = /^(plot|batch):([0-9a-f-]{36})$/i.exec(subject ?? '');
  if (!match || files.length === 0 || !values.key || !values.statement || !values.url || !values.token) {
    out.error(
      'gt attest: plot:<id> or batch:<id>, at least one file, --key, --statement, --url and --token are required',
    );
    return 2;
  }
  let location: [number, number] | undefined;
  if (values.location) {
    const parts = values.location.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) {
      out.error('gt attest: --location is <longitude>,<latitude>, e.g. --location=-6.607812,5.783901');
      return 2;
    }
    location = [parts[0]!, parts[1]!];
  }
  const client = new LedgerClient(values.url, values.token);
  const receipt = await attest(client, {
    subject: { kind: match[1]!.toLowerCase() as 'plot' | 'batch', id: match[2]!.toLowerCase() },
    files,
    key: await readKeyFile(values.key),
    statement: values.statement,
    device: values.device,
    capturedAt: values.at,
    location,
    log: (line) => out.log(line),
  });
  const path = values.out ?? `receipt-${receipt.attestationId}.json`;
  await writeFile(path, `${JSON.stringify(receipt, null, 2)}\n`);
  out.log(`attestation ${receipt.attestationId} recorded as ledger entry ${receipt.entryIndex}`);
  out.log(`receipt saved to ${path}: check it any time with gt verify-receipt ${path} --file …`);
  return 0;
}

const VERDICTS = ['conforming', 'conforming_with_findings', 'nonconforming'];

async function concludeAuditCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      verdict: { type: 'string' },
      summary: { type: 'string' },
      key: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [auditId] = positionals;
  if (!auditId || !values.verdict || !values.summary || !values.key || !values.url || !values.token) {
    out.error('gt conclude-audit: an audit id, --verdict, --summary, --key, --url and --token are required');
    return 2;
  }
  if (!VERDICTS.includes(values.verdict)) {
    out.error(`gt conclude-audit: --verdict is one of ${VERDICTS.join(', ')}`);
    return 2;
  }
  const client = new LedgerClient(values.url, values.token);
  const key = await readKeyFile(values.key);
  const path = `/v1/audits/${encodeURIComponent(auditId)}`;
  // The conclusion names every finding recorded: the signature covers what was found.
  const audit = await client.getJson<{ id: string; findings: { id: string }[] }>(path);
  const jws = await signJson(key, {
    audit: audit.id,
    verdict: values.verdict,
    summary: values.summary,
    findings: audit.findings.map((f) => f.id),
  });
  const concluded = await client.postJson<{ verdict: string; entryIndex: number }>(`${path}/conclusion`, {
    jws,
  });
  out.log(
    `audit ${audit.id} concluded ${concluded.verdict} over ${audit.findings.length} finding(s), signed with key ${key.kid} (ledger entry ${concluded.entryIndex})`,
  );
  return 0;
}

async function verifyReceiptCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { file: { type: 'string', multiple: true }, key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [path] = positionals;
  if (!path) {
    out.error('gt verify-receipt: a receipt file is required');
    return 2;
  }
  let receipt: unknown;
  try {
    receipt = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    out.error(`FAILED: cannot read ${path} as JSON: ${(error as Error).message}`);
    return 1;
  }
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) {
    out.error(`FAILED: ${path} is not a receipt`);
    return 1;
  }
  const verdict = await verifyReceipt(receipt as Record<string, never>, values.file ?? [], values.key);
  for (const f of verdict.failures) out.error(`  ✗ ${f}`);
  for (const n of verdict.notes) out.log(`  · ${n}`);
  const id = (receipt as { attestationId?: string }).attestationId ?? '?';
  if (!verdict.ok) {
    out.error(`FAILED: receipt of attestation ${id}`);
    return 1;
  }
  out.log(`OK: receipt of attestation ${id}`);
  return 0;
}
