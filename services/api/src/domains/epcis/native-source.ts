// Native custody facts read from their projection tables, for the EPCIS query interface: each becomes an
// EPCIS event (native-mapping.ts) with the keys the query filters on; the hash ID (its eventID) is
// computed only for the events a page serves or a query by hash ID compares. Only the
// facts of organisations the caller may see are read (decision 0003's visibility, as /v1 applies it).
//
// Facts recorded from a captured EPCIS event (decision 0025) are left out: the captured event itself
// is served. Not indexed: every visible fact is read and mapped per query, then filtered here. Fine at the size
// of a chain's demo (hundreds of events); an index written with each native entry is the way on.
import { isoTime, jsonValue, type SqlExecutor } from '@groundtruth/db';
import {
  canonicalVocabularyValue,
  epcMatchPatterns,
  type JsonObject,
  MATCH_PARAMETERS,
  type QueryKeys,
  queryKeysOf,
  type TermLists,
} from '@groundtruth/epcis';
import {
  type NativeFact,
  type NativeLot,
  type NativeParty,
  nativeToEpcis,
  voidToEpcis,
  withHashId,
} from './native-mapping.ts';

/** One served event with what ordering, paging and filtering need. */
export interface NativeCandidate {
  /** Event time in whole µs since the epoch, as the SQL side computes it. */
  timeKey: bigint;
  entryIndex: bigint;
  /** Position among the events of one ledger entry (a receipt and the transit loss it records). */
  sub: number;
  recordTime: string;
  /** The id /v1 gives the fact, as a URI (`gt:event`): queries by eventID find it by this too. */
  nativeId: string;
  /** The CBV 2.0 hash ID, which is the served eventID: computed on first use (it costs ~0.3 ms). */
  hashId: () => string;
  keys: QueryKeys;
  /** The event as served, with its hash ID as eventID and its record time. */
  event: () => JsonObject;
}

type Id = string;
const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

export async function loadNativeCandidates(
  db: SqlExecutor,
  visible: string[] | 'all',
): Promise<NativeCandidate[]> {
  const scope = (column: string) => (visible === 'all' ? 'true' : `${column} = ANY($1::uuid[])`);
  const scoped = visible === 'all' ? [] : [visible];
  const events = await db.query<{
    id: Id;
    kind: 'harvest' | 'transfer' | 'transformation' | 'loss';
    organisation_id: Id;
    event_time: Date | string;
    entry_index: string | number;
    time_key: string | number | bigint;
    recorded_at: Date | string;
    from_receipt: boolean;
  }>(
    `SELECT e.id, e.kind, e.organisation_id, e.event_time, e.entry_index, l.recorded_at,
            (extract(epoch FROM e.event_time) * 1000000)::bigint AS time_key,
            EXISTS (SELECT 1 FROM transfer_receipts r WHERE r.loss_event_id = e.id) AS from_receipt
       FROM trace_events e JOIN ledger_entries l ON l.idx = e.entry_index
      WHERE ${scope('e.organisation_id')}
        AND NOT EXISTS (SELECT 1 FROM epcis_custody_links c WHERE c.fact_kind = 'event' AND c.fact_id = e.id)`,
    scoped,
  );
  const receipts = await db.query<{
    event_id: Id;
    entry_index: string | number;
    quantity_value: string;
    quantity_unit: string;
    received_at: Date | string;
    time_key: string | number | bigint;
    recorded_at: Date | string;
    sender: Id;
    receiver: Id;
    batch_id: Id;
    lot: string;
    gtin: string | null;
  }>(
    `SELECT r.event_id, r.entry_index, r.quantity_value::text AS quantity_value, r.quantity_unit, r.received_at,
            (extract(epoch FROM r.received_at) * 1000000)::bigint AS time_key, l.recorded_at,
            e.organisation_id AS sender, b.organisation_id AS receiver, b.id AS batch_id, b.lot, p.gtin
       FROM transfer_receipts r JOIN trace_events e ON e.id = r.event_id
       JOIN batches b ON b.produced_by = e.id LEFT JOIN products p ON p.id = b.product_id
       JOIN ledger_entries l ON l.idx = r.entry_index
      WHERE ${scope('b.organisation_id')}
        AND NOT EXISTS (SELECT 1 FROM epcis_custody_links c WHERE c.fact_kind = 'receipt' AND c.fact_id = r.event_id)`,
    scoped,
  );
  const voids = await db.query<{
    event_id: Id;
    entry_index: string | number;
    reason: string;
    recorded_at: Date | string;
    corrective: string[] | string | null;
  }>(
    `SELECT v.event_id, v.entry_index, v.reason, l.recorded_at,
            convert_from(l.data, 'UTF8')::jsonb #> '{body,correctiveEvents}' AS corrective
       FROM trace_event_voids v JOIN trace_events e ON e.id = v.event_id
       JOIN ledger_entries l ON l.idx = v.entry_index
      WHERE ${scope('e.organisation_id')}
        AND NOT EXISTS (SELECT 1 FROM epcis_custody_links c WHERE c.fact_kind = 'event' AND c.fact_id = e.id)`,
    scoped,
  );
  const ids = events.map((e) => e.id);
  const [inputs, outputs] = await Promise.all([
    db.query<{
      event_id: Id;
      batch_id: Id | null;
      plot_id: Id | null;
      quantity_value: string | null;
      quantity_unit: string | null;
      lot: string | null;
      gtin: string | null;
    }>(
      `SELECT i.event_id, i.batch_id, i.plot_id, i.quantity_value::text AS quantity_value, i.quantity_unit,
              b.lot, p.gtin
         FROM trace_event_inputs i LEFT JOIN batches b ON b.id = i.batch_id
         LEFT JOIN products p ON p.id = b.product_id
        WHERE i.event_id = ANY($1::uuid[]) ORDER BY i.event_id, i.position`,
      [ids],
    ),
    db.query<{
      id: Id;
      produced_by: Id;
      organisation_id: Id;
      lot: string;
      quantity_value: string;
      quantity_unit: string;
      gtin: string | null;
    }>(
      `SELECT b.id, b.produced_by, b.organisation_id, b.lot, b.quantity_value::text AS quantity_value,
              b.quantity_unit, p.gtin
         FROM batches b LEFT JOIN products p ON p.id = b.product_id
        WHERE b.produced_by = ANY($1::uuid[]) ORDER BY b.produced_by, b.lot, b.id`,
      [ids],
    ),
  ]);
  const organisationIds = [
    ...new Set([
      ...events.map((e) => e.organisation_id),
      ...outputs.map((o) => o.organisation_id),
      ...receipts.flatMap((r) => [r.sender, r.receiver]),
    ]),
  ];
  const glns = new Map(
    (
      await db.query<{ id: Id; gln: string | null }>(
        `SELECT id, identifiers ->> 'gln' AS gln FROM organisations WHERE id = ANY($1::uuid[])`,
        [organisationIds],
      )
    ).map((o) => [o.id, o.gln]),
  );
  const party = (id: Id): NativeParty => ({ id, gln: glns.get(id) ?? null });
  const group = <T extends Record<K, Id>, K extends string>(rows: T[], key: K) => {
    const map = new Map<Id, T[]>();
    for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
    return map;
  };
  const inputsOf = group(inputs, 'event_id');
  const outputsOf = group(outputs, 'produced_by');

  const facts = new Map<Id, NativeFact>();
  for (const e of events) {
    const base = { entryIndex: Number(e.entry_index), eventTime: isoTime(e.event_time), eventId: e.id };
    const ins: NativeLot[] = (inputsOf.get(e.id) ?? []).flatMap((i) =>
      i.batch_id && i.quantity_value && i.quantity_unit
        ? [
            {
              batchId: i.batch_id,
              lot: i.lot ?? '',
              gtin: i.gtin,
              quantity: { value: trim(i.quantity_value), unit: i.quantity_unit },
            },
          ]
        : [],
    );
    const outs = outputsOf.get(e.id) ?? [];
    const outLots: NativeLot[] = outs.map((o) => ({
      batchId: o.id,
      lot: o.lot,
      gtin: o.gtin,
      quantity: { value: trim(o.quantity_value), unit: o.quantity_unit },
    }));
    const organisation = party(e.organisation_id);
    let fact: NativeFact | undefined;
    if (e.kind === 'harvest') {
      const plotId = (inputsOf.get(e.id) ?? []).find((i) => i.plot_id)?.plot_id;
      if (plotId && outLots[0]) fact = { ...base, kind: 'harvest', organisation, plotId, output: outLots[0] };
    } else if (e.kind === 'transfer') {
      if (ins[0] && outLots[0] && outs[0])
        fact = {
          ...base,
          kind: 'transfer',
          from: organisation,
          to: party(outs[0].organisation_id),
          input: ins[0],
          output: outLots[0],
        };
    } else if (e.kind === 'transformation') {
      fact = { ...base, kind: 'transformation', organisation, inputs: ins, outputs: outLots };
    } else if (ins[0]) {
      fact = { ...base, kind: 'loss', organisation, input: ins[0] };
    }
    if (fact) facts.set(e.id, fact);
  }

  const candidates: NativeCandidate[] = [];
  const add = (
    content: Record<string, unknown>,
    at: {
      timeKey: string | number | bigint;
      entryIndex: string | number;
      sub: number;
      recordedAt: Date | string;
    },
  ) => {
    let served: JsonObject | undefined;
    const recordTime = isoTime(at.recordedAt);
    const event = () => {
      served ??= { ...withHashId(content), recordTime };
      return served;
    };
    candidates.push({
      timeKey: BigInt(at.timeKey),
      entryIndex: BigInt(at.entryIndex),
      sub: at.sub,
      recordTime,
      nativeId: String(content['gt:event']),
      hashId: () => String(event().eventID),
      keys: queryKeysOf(content),
      event,
    });
  };
  const timeKeys = new Map(events.map((e) => [e.id, e.time_key]));
  for (const e of events) {
    const fact = facts.get(e.id);
    if (!fact) continue;
    add(nativeToEpcis(fact), {
      timeKey: e.time_key,
      entryIndex: e.entry_index,
      sub: e.from_receipt ? 1 : 0,
      recordedAt: e.recorded_at,
    });
  }
  for (const r of receipts) {
    const fact: NativeFact = {
      kind: 'receipt',
      entryIndex: Number(r.entry_index),
      eventTime: isoTime(r.received_at),
      transferId: r.event_id,
      from: party(r.sender),
      to: party(r.receiver),
      received: {
        batchId: r.batch_id,
        lot: r.lot,
        gtin: r.gtin,
        quantity: { value: trim(r.quantity_value), unit: r.quantity_unit },
      },
    };
    add(nativeToEpcis(fact), {
      timeKey: r.time_key,
      entryIndex: r.entry_index,
      sub: 0,
      recordedAt: r.recorded_at,
    });
  }
  for (const v of voids) {
    const voided = facts.get(v.event_id);
    if (!voided) continue;
    const corrective = jsonValue<unknown>(v.corrective);
    // Named by their hash IDs, as they are served; one the caller cannot see keeps its /v1 id.
    const correctiveEventIds = (Array.isArray(corrective) ? corrective : [])
      .filter((c): c is string => typeof c === 'string' && c.startsWith('event:'))
      .map((c) => c.slice('event:'.length))
      .map((id) => {
        const fact = facts.get(id);
        return fact ? String(withHashId(nativeToEpcis(fact)).eventID) : `urn:uuid:${id}`;
      });
    // Stored as "<CBV error reason>: <explanation>"; the explanation is confidential to the owner.
    const reason = v.reason.startsWith('did_not_occur') ? 'did_not_occur' : 'incorrect_data';
    add(
      voidToEpcis({
        entryIndex: Number(v.entry_index),
        voided,
        declarationTime: isoTime(v.recorded_at),
        reason,
        correctiveEventIds,
      }),
      { timeKey: timeKeys.get(v.event_id)!, entryIndex: v.entry_index, sub: 0, recordedAt: v.recorded_at },
    );
  }
  return candidates;
}

/** SQL LIKE (as the captured events' index is searched) over a string, with `\` escapes. */
function like(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

export interface NativeFilter {
  eventType?: string[] | undefined;
  EQ_action?: string[] | undefined;
  EQ_bizStep?: string[] | undefined;
  EQ_disposition?: string[] | undefined;
  EQ_readPoint?: string[] | undefined;
  EQ_bizLocation?: string[] | undefined;
  EQ_eventID?: string[] | undefined;
  GE_eventTime?: string | undefined;
  LT_eventTime?: string | undefined;
  GE_recordTime?: string | undefined;
  LT_recordTime?: string | undefined;
  match: Record<string, string[]>;
}

const µs = (time: string) =>
  BigInt(Date.parse(time)) * 1000n + BigInt(/\.\d{3}(\d{0,3})/.exec(time)?.[1]?.padEnd(3, '0') ?? 0);

/** Whether a native event passes the query's filters, with the captured events' semantics. */
export function nativeMatches(c: NativeCandidate, q: NativeFilter, terms: TermLists): boolean {
  const oneOf = (value: string | null, values: string[] | undefined) =>
    !values || values.length === 0 || (value !== null && values.includes(value));
  const vocabulary = (name: 'bizStep' | 'disposition', values: string[] | undefined) =>
    values?.map((v) => canonicalVocabularyValue(name, v, terms));
  if (!oneOf(c.keys.eventType, q.eventType)) return false;
  if (!oneOf(c.keys.action, q.EQ_action)) return false;
  if (!oneOf(c.keys.bizStep, vocabulary('bizStep', q.EQ_bizStep))) return false;
  if (!oneOf(c.keys.disposition, vocabulary('disposition', q.EQ_disposition))) return false;
  if (!oneOf(c.keys.readPoint, q.EQ_readPoint)) return false;
  if (!oneOf(c.keys.bizLocation, q.EQ_bizLocation)) return false;
  if (
    q.EQ_eventID &&
    !q.EQ_eventID.includes(c.nativeId) &&
    !(q.EQ_eventID.some((id) => id.startsWith('ni:')) && q.EQ_eventID.includes(c.hashId()))
  )
    return false;
  if (q.GE_eventTime && c.timeKey < µs(q.GE_eventTime)) return false;
  if (q.LT_eventTime && c.timeKey >= µs(q.LT_eventTime)) return false;
  const recorded = µs(c.recordTime);
  if (q.GE_recordTime && recorded < µs(q.GE_recordTime)) return false;
  if (q.LT_recordTime && recorded >= µs(q.LT_recordTime)) return false;
  for (const [name, values] of Object.entries(q.match)) {
    const roles = MATCH_PARAMETERS[name];
    if (!roles || values.length === 0) continue;
    const patterns = values.flatMap(epcMatchPatterns);
    if (!c.keys.epcs.some((e) => roles.includes(e.role) && patterns.some((p) => like(p, e.value))))
      return false;
  }
  return true;
}
