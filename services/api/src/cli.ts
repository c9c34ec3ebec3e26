// `pnpm gt …`: operator commands. `token` needs the server's configuration (it signs with the
// service's token key); the rest need only the network and live in @groundtruth/client.
import { parseArgs } from 'node:util';
import { CLIENT_USAGE, runClientCommand } from '@groundtruth/client';
import { migrate, openDatabase } from '@groundtruth/db';
import { mintToken, ROLES, type Role } from './auth.ts';
import { ConfigError, loadConfig } from './config.ts';
import { rebuildFromLog } from './rebuild.ts';
import { loadTokenKeys } from './runtime.ts';

const USAGE = `usage:
  gt rebuild --from <postgres://…|PGlite data dir> --to <postgres://…|PGlite data dir>
      Replays the log of --from into the empty database --to (migrated first) through the projectors
      (docs/decisions/0031-projectors-and-rebuild.md). A log holding an entry type this version
      has no projector for is refused before anything is written.
  gt token --role <${ROLES.join('|')}> [--subject <name>] [--org <organisation id>] [--ttl 12h]
      Prints a bearer token signed with this service's token key (GROUNDTRUTH_DATA_DIR or
      GROUNDTRUTH_AUTH_KEY) on its last line.
${CLIENT_USAGE}`;

async function token(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      subject: { type: 'string', default: 'operator' },
      org: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
    console.error(`gt token: --role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const ttl = values.ttl ?? config.tokenTtl;
  if (!/^\d+[smhd]$/.test(ttl)) {
    console.error('gt token: --ttl must be like 30m, 12h or 7d');
    return 2;
  }
  const jwt = await mintToken(loadTokenKeys(config), {
    subject: values.subject!,
    role: values.role as Role,
    organisationId: values.org,
    ttl,
  });
  console.error(`# ${values.role} token for ${values.subject}, valid ${ttl}, issuer ${config.origin}`);
  console.log(jwt);
  return 0;
}

/** A database named as the service names it: a postgres:// URL, or a directory holding PGlite's files. */
const openNamed = (name: string) =>
  /^postgres(ql)?:\/\//.test(name) ? openDatabase({ url: name }) : openDatabase({ dataDir: name });

async function rebuild(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
    },
    strict: true,
  });
  if (!values.from || !values.to || values.from === values.to) {
    console.error('gt rebuild: --from and --to must name two databases');
    return 2;
  }
  const source = await openNamed(values.from);
  try {
    const target = await openNamed(values.to);
    try {
      await migrate(target);
      const report = await rebuildFromLog(source, target);
      console.error(`# replayed ${report.entries} entries; copied ${JSON.stringify(report.copied)}`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'token') return token(args);
  if (command === 'rebuild') return rebuild(args);
  if (command) {
    const code = await runClientCommand(command, args);
    if (code !== undefined) return code;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `gt: ${(error as Error).message}`);
    process.exit(2);
  },
);
