// @groundtruth/client: a typed HTTP client and the network side of the `gt` CLI.
export {
  type ApiClient,
  type ApiClientOptions,
  type ApiOperations,
  type ApiPaths,
  type ApiSchemas,
  createApiClient,
} from './api.ts';
export { CLIENT_USAGE, runClientCommand } from './cli.ts';
export {
  type AttestationEvidence,
  type AttestationVerdict,
  BUNDLE_FORMAT,
  checkAttestation,
  type EvidenceReport,
  verifyBundle,
  writeBundle,
} from './evidence.ts';
export { ClientError, LedgerClient, type LedgerEntryPage } from './http.ts';
export { type AttestationReceipt, type ReceiptVerdict, verifyReceipt } from './receipt.ts';
export {
  type AttestOptions,
  attest,
  type KeyFile,
  mediaTypeOf,
  newSigningKey,
  publicHalf,
  readKeyFile,
  sha256OfFile,
  signJson,
  writeKeyFile,
} from './signing.ts';
export { type FullVerdict, verifyLogFull } from './verify-full.ts';
export { defaultStatePath, type LogVerdict, readState, type VerifyState, verifyLog } from './verify-log.ts';
