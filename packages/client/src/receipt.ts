// `gt verify-receipt`: checks an attestation receipt with no network. The checks are
// @groundtruth/verify's; this side only hashes the files the caller names.

import type { AttestationReceipt } from '@groundtruth/verify';
import { type ReceiptVerdict, verifyReceipt as verifyReceiptWith } from '@groundtruth/verify';
import { sha256OfFile } from './signing.ts';

export type { AttestationReceipt, ReceiptVerdict } from '@groundtruth/verify';

/** Checks a receipt offline, with each file hashed as it streams from disk. */
export async function verifyReceipt(
  receipt: Partial<AttestationReceipt>,
  files: string[] = [],
  trustedLogKey?: string,
): Promise<ReceiptVerdict> {
  const held = await Promise.all(files.map(async (name) => ({ name, sha256: await sha256OfFile(name) })));
  return verifyReceiptWith(receipt, held, trustedLogKey);
}
