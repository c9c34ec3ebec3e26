// @groundtruth/schemas: the wire contract. JSON Schemas in schemas/json/ are generated from these.
export { Base64Hash, Problem, TreeIndexParam } from './common.ts';
export { Contact, ContactInput } from './contacts.ts';
export {
  CaptureErrorBehaviour,
  CaptureJob,
  EPCIS_MATCH_PARAMETERS,
  EPCISQueryDocument,
  EpcisEventQuery,
} from './epcis.ts';
export {
  AttestationEvidence,
  AttestationManifest,
  AttestationReceipt,
  AuditorStatement,
  EvidenceBlob,
  EvidenceReport,
  PublicJwk,
  Sha256Hex,
  LoggedEntry,
  SigningKey,
} from './evidence.ts';
export { ImportReport } from './imports.ts';
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
  TransitionInput,
} from './onboarding.ts';
export {
  Commodity,
  CountryCode,
  hasValidGs1CheckDigit,
  Organisation,
  OrganisationInput,
  OrganisationKind,
  Plot,
  PlotGeometry,
  PlotInput,
  Relationship,
  RelationshipInput,
  SupplyChain,
  Uuid,
} from './registry.ts';
export {
  Batch,
  EventInput,
  Gtin,
  Product,
  ProductInput,
  QuantityInput,
  Trace,
  TraceEvent,
} from './traceability.ts';
export { IssuedToken, Role, TokenRequest, User, UserInput } from './users.ts';
