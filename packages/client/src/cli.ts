// The `gt` commands that need only the network: verifying a log as an outsider would.
import { parseArgs } from 'node:util';
import { LedgerClient } from './http.ts';
import { defaultStatePath, verifyLog } from './verify-log.ts';

export const CLIENT_USAGE = `  gt verify --url <base URL> [--state <file>] [--key <verifier key>]
      Verifies the log's latest checkpoint signature and its consistency with the last
      checkpoint this machine saw (kept in --state, default ${defaultStatePath()}).`;

export async function runClientCommand(
  command: string,
  args: string[],
  out = console,
): Promise<number | undefined> {
  if (command !== 'verify') return undefined;
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, state: { type: 'string' }, key: { type: 'string' } },
    strict: true,
  });
  if (!values.url) {
    out.error('gt verify: --url is required');
    return 2;
  }
  const verdict = await verifyLog(new LedgerClient(values.url), {
    statePath: values.state ?? defaultStatePath(),
    trustedKey: values.key,
  });
  (verdict.ok ? out.log : out.error)(verdict.message);
  return verdict.ok ? 0 : 1;
}
