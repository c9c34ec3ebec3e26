// @groundtruth/schemas: the wire contract. JSON Schemas in schemas/json/ are generated from these.

export {
  AssignAuditInput,
  AUDIT_VERDICTS,
  Audit,
  AuditConclusion,
  AuditFinding,
  AuditScope,
  CORRECTIVE_ACTION_STATUSES,
  ConcludeAuditInput,
  CorrectiveAction,
  CorrectiveActionProgressInput,
  FINDING_SEVERITIES,
  LotStatement,
  NewAuditFinding,
  NewCorrectiveAction,
  OpenAuditInput,
} from './audits.ts';
export {
  Base64Hash,
  jsonBodyIssues,
  MAX_JSON_DEPTH,
  Problem,
  safeText,
  TreeIndexParam,
  unsafeTextReason,
} from './common.ts';
export { Contact, ContactInput } from './contacts.ts';
export { type CataloguePolicy, entryCatalogue } from './entries/catalogue.ts';
export {
  bareUuid,
  compactJws,
  date,
  dateTime,
  decimalText,
  entryIndex,
  kid,
  quantity,
  ref,
} from './entries/define.ts';
export {
  defineEntry,
  ENTRY_DEFINITIONS,
  EntryBodyError,
  type EntryBodyIssue,
  type EntryDefinition,
  entryBodyChecker,
  entryRegistry,
  type TypedEntry,
} from './entries/index.ts';
export {
  CaptureErrorBehaviour,
  CaptureJob,
  EPCIS_MATCH_PARAMETERS,
  EPCISQueryDocument,
  EpcisDeadLetter,
  EpcisEventQuery,
  EpcisNamedQueryParameters,
  EpcisQueryDefinition,
  EpcisQueryName,
  EpcisSubscription,
  NewEpcisQuery,
  NewEpcisSubscription,
} from './epcis.ts';
export {
  ActivityType,
  DueDiligenceStatement,
  EudrFeatureCollection,
  StatementQuery,
  UpstreamStatement,
  UpstreamStatementInput,
} from './eudr.ts';
export {
  AttestationEvidence,
  AttestationManifest,
  AttestationReceipt,
  AuditorStatement,
  EvidenceBlob,
  EvidenceReport,
  LoggedEntry,
  PublicJwk,
  RegisterKeyInput,
  Sha256Hex,
  SigningKey,
} from './evidence.ts';
export { ImportReport } from './imports.ts';
export {
  CreatedInvitation,
  DEFAULT_INVITATION_DAYS,
  InvitationStatus,
  MAX_INVITATION_DAYS,
  NewSupplierInvitation,
  Redemption,
  RedemptionInput,
  SupplierInvitation,
} from './invitations.ts';
export {
  CheckpointsQuery,
  CheckpointsResponse,
  ConsistencyProofQuery,
  ConsistencyProofResponse,
  EntriesQuery,
  EntriesResponse,
  EntryDisclosures,
  EntryIndexParams,
  InclusionProofQuery,
  InclusionProofResponse,
  LedgerEntry,
  MAX_ENTRIES_PAGE,
  Publication,
  PublicationInput,
} from './ledger.ts';
export {
  EvidenceRequirementInput,
  InvitationInput,
  Onboarding,
  OnboardingStatus,
  OnboardingSummary,
  TransitionInput,
} from './onboarding.ts';
export {
  BATCH_CLAIMS,
  type BatchClaim,
  claimsAllowed,
  DEFAULT_PASSPORT_POLICY,
  PassportPolicy,
  PassportPolicyInput,
  type PassportPolicyValues,
} from './passport.ts';
export {
  Commodity,
  CountryCode,
  hasValidGs1CheckDigit,
  ManagerInput,
  Organisation,
  OrganisationInput,
  OrganisationKind,
  OrganisationUpdate,
  Plot,
  PlotGeometry,
  PlotInput,
  Relationship,
  RelationshipDecisionInput,
  RelationshipInput,
  RelationshipProposals,
  RelationshipStatus,
  SupplyChain,
  Uuid,
} from './registry.ts';
export {
  Batch,
  BatchBalance,
  EventInput,
  EventVoidInput,
  Gtin,
  Product,
  ProductInput,
  QuantityInput,
  Trace,
  TraceEvent,
  TransferReceiptInput,
} from './traceability.ts';
export { IssuedToken, Role, TokenRequest, User, UserInput } from './users.ts';
