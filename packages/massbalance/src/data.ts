// What the engine reads: the material graph as columns (compiled.ts), the plots, and each site's
// custody model and accounting periods, as of one ledger tree size. A loader fills it (the API's from
// the database); evaluate() and the rules read nothing else.
import type { CompiledGraph } from './compiled.ts';
import type { Subject } from './findings.ts';
import type { CustodyModel } from './graph.ts';
import type { Commodity } from './reference.ts';
import type { Period } from './site-accounts.ts';

export interface PlotColumns {
  ids: string[];
  organisation: string[];
  commodity: Commodity[];
  country: string[];
  geometryType: ('Point' | 'Polygon' | 'MultiPolygon')[];
  /** Hectares, exact decimal text. */
  areaHectares: string[];
  /** Registration time, epoch milliseconds. */
  createdAt: Float64Array;
  /** One point of each plot (a Point's, else the first vertex), for the country check. */
  longitude: Float64Array;
  latitude: Float64Array;
}

/** A record whose mass the engine cannot weigh (see unevaluable.ts). */
export interface UnevaluableRecord {
  subject: Subject;
  organisationId: string;
  /** What it is, for the finding's message: "batch LOT-1", "an input of event …". */
  what: string;
  /** The mass as stored, exact decimal grams. */
  grams: string;
}

export interface MassBalanceData {
  graph: CompiledGraph;
  eventOrganisation: string[];
  /** Event time, epoch milliseconds: what the recorder says. */
  eventTime: Float64Array;
  /** Record time, epoch milliseconds: when its ledger entry was written (our clock). */
  eventRecorded: Float64Array;
  /** The ledger entry that recorded each event. */
  eventEntry: Float64Array;
  /** 1 for a transfer its receiver confirmed by an entry below the tree size. */
  eventConfirmed: Uint8Array;
  /** The plot (index into `plots`) each harvest event took from; -1 for other events. */
  harvestPlot: Int32Array;
  plots: PlotColumns;
  /** The ledger entry that recorded each batch (graph order). */
  batchEntry: Float64Array;
  /** Each site's custody model as it was at any entry (custodyAt). */
  custodyChanges: Map<string, { entry: number; model: CustodyModel }[]>;
  /** Accounting periods of mass-balance sites, by organisation; closed only by an entry below the tree size. */
  periods: Map<string, Period[]>;
  /** Records left out of the balance (their milligrams are 0 in the graph), with what they said. */
  unevaluable: UnevaluableRecord[];
  /** Events with an unevaluable input or output: their conservation cannot be judged. */
  unevaluableEvents: Set<number>;
  /** Everything loaded was recorded by ledger entries below this index. */
  treeSize: number;
}

/** A site's custody model as it stood after `entry` was recorded: segregated until a change says otherwise. */
export function custodyAt(data: MassBalanceData, organisationId: string, entry: number): CustodyModel {
  let model: CustodyModel = 'segregated';
  for (const change of data.custodyChanges.get(organisationId) ?? []) {
    if (change.entry > entry) break;
    model = change.model;
  }
  return model;
}
