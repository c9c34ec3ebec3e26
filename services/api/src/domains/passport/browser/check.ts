// Runs in the consumer's browser (bundled by ../bundle.ts; no Node built-ins): checks the claim the
// passport shows against the public log with @groundtruth/verify, and turns the badge from "signed
// claim" into "verified in your browser", or into a failure naming what did not hold. The page works
// without it; it only adds the check.
//
// What it checks: the log's checkpoint is signed by the log key this site serves; the claim's entry
// bytes are in that checkpoint's tree (RFC 9162 inclusion proof, leaf hash computed here); its
// disclosures hash to digests in the entry (RFC 9901); the entry is a batch claim; and the values on
// the page (its data-facts) are the disclosed values. What it cannot check alone: that the key is the log's real key
// (compare it with one obtained elsewhere, e.g. `gt verify`'s pinned state).
import { canonicalJson, fromBase64 } from '@groundtruth/ledger';
import { inclusionFailures, openEntry, verifyCheckpoint } from '@groundtruth/verify';

interface ProofPackage {
  index: number;
  data: string;
  disclosures: { disclosure: string }[];
  inclusionProof: { treeSize: number; proof: string[] };
  checkpoint: string;
}

async function check(badge: HTMLElement): Promise<string[]> {
  const index = Number(badge.dataset.entry);
  const [key, pkg] = await Promise.all([
    fetch(badge.dataset.key!).then((r) =>
      r.ok ? r.text() : Promise.reject(new Error(`log key: ${r.status}`)),
    ),
    fetch(badge.dataset.proof!).then((r) =>
      r.ok ? (r.json() as Promise<ProofPackage>) : Promise.reject(new Error(`proof: ${r.status}`)),
    ),
  ]);
  const failures: string[] = [];
  const checkpoint = await verifyCheckpoint(pkg.checkpoint, key.trim());
  const data = fromBase64(pkg.data);
  if (!data || pkg.index !== index) return ['the proof is not for this entry'];
  failures.push(...inclusionFailures(index, data, pkg.inclusionProof, checkpoint));
  const opened = openEntry(
    data,
    pkg.disclosures.map((d) => d.disclosure),
  );
  failures.push(...opened.failures);
  if (opened.entry?.type !== 'batch.claim_published') failures.push('the entry is not a batch claim');
  const body = opened.body ?? {};
  // Every fact the page shows must be the value the log holds, and nothing the log does not hold.
  let shown: Record<string, unknown>;
  try {
    shown = JSON.parse(badge.dataset.facts ?? '{}') as Record<string, unknown>;
  } catch {
    return [...failures, 'the page’s facts cannot be read'];
  }
  for (const [key, value] of Object.entries(shown)) {
    if (!(key in body)) failures.push(`the page shows ${key}, which the log does not disclose`);
    else if (canonicalJson(body[key]) !== canonicalJson(value))
      failures.push(`the ${key} shown is not the one the log holds`);
  }
  badge.dataset.treeSize = String(checkpoint.size);
  return failures;
}

async function main(): Promise<void> {
  const badge = document.querySelector<HTMLElement>('[data-verify-claim]');
  if (!badge) return;
  const label = badge.querySelector<HTMLElement>('.badge-text') ?? badge;
  let failures: string[];
  try {
    failures = await check(badge);
  } catch (error) {
    failures = [(error as Error).message];
  }
  if (failures.length === 0) {
    badge.classList.add('verified');
    label.textContent = (badge.dataset.verifiedText ?? '').replace('{size}', badge.dataset.treeSize ?? '?');
    badge.dataset.verified = 'true';
  } else {
    badge.classList.add('failed');
    label.textContent = `${badge.dataset.failedText ?? ''} ${failures.join('; ')}`;
    badge.dataset.verified = 'false';
  }
}

void main();
