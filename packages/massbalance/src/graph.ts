// The flow graph the origin rules walk: batches, and the events that produce and consume them.
// Its own module, so the compiled form (compiled.ts) and the rules (origin.ts) both depend on it
// rather than on each other.

/** ISO 22095 chain-of-custody models, strictest first: a site may only downgrade along this list. */
export type CustodyModel = 'identity_preserved' | 'segregated' | 'mass_balance';

export interface FlowBatch {
  id: string;
  organisationId: string;
  material: string;
  grams: string;
  cocoaContent?: string;
  /** The event that produced it. */
  producedBy: string;
}

export interface FlowEvent {
  id: string;
  kind: 'harvest' | 'transfer' | 'transformation' | 'loss';
  plotId?: string;
  /** Batches consumed, with the grams taken from each. */
  inputs: { batchId: string; grams: string }[];
}

export interface FlowGraph {
  batches: ReadonlyMap<string, FlowBatch>;
  events: ReadonlyMap<string, FlowEvent>;
}
