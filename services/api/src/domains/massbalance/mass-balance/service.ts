// The mass-balance service: reads plots, events and batches, runs the pure rules of
// @groundtruth/massbalance, and stores what they find. A full recompute supersedes every current
// finding of its rules (decision 0020); a new harvest re-checks its own plot in a few queries. Nothing
// is deleted.
import { randomUUID } from 'node:crypto';
import { type Database, isoTime, jsonValue } from '@groundtruth/db';
import type { JsonValue } from '@groundtruth/ledger';
import type { LedgerWriter } from '@groundtruth/ledger-store';
import {
  baseEquivalent,
  batchAmount,
  type Commodity,
  CROP_YEAR_START_MONTH,
  checkConservation,
  checkSiteAccount,
  conversionBalances,
  custodyAt,
  DEFAULT_REFERENCE,
  evaluate,
  evidenceFindings,
  gramsToMilligrams,
  type HarvestTotal,
  harvestFindings,
  type MaterialAmount,
  milligramsToGrams,
  type ReferenceTable,
  type ScopedFinding,
  sitePostings,
  unevaluableRecord,
  upstreamShares,
} from '@groundtruth/massbalance';
import { type Decimal, formatDecimal, MAX_MASS_GRAMS } from '@groundtruth/quantity';
import { z } from 'zod';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { type CustodySettings, DEFAULT_CUSTODY } from '../../../config.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import { cursorFor, pageOf } from '../../../paging.ts';
import { appendRecord } from '../../../record.ts';
import { loadEvidence, SHARING_MEDIA } from './evidence.ts';
import { insertRecomputedFindings, writeIncrementalRun } from './findings-store.ts';
import { loadData, PLOT_POINT } from './load.ts';
import { coveringResolution, previousResolution, resolutionScope } from './resolutions.ts';

const msText = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint::text`;

/**
 * The start of the crop year of a harvest at `e.event_time` on plot `p`, in SQL: built from the
 * engine's CROP_YEAR_START_MONTH, so the crop year is defined once (cropYear() in the package).
 */
const CROP_YEAR_START_SQL = (() => {
  const utc = "(e.event_time AT TIME ZONE 'UTC')";
  const byMonth = new Map<number, string[]>();
  for (const [commodity, month] of Object.entries(CROP_YEAR_START_MONTH)) {
    // The package's own table of commodity names and months: written into the SQL, so checked here.
    if (!/^[a-z_]+$/.test(commodity) || !Number.isInteger(month) || month < 1 || month > 12)
      throw new Error(`crop year start ${commodity}: ${month} is not a commodity and a month`);
    byMonth.set(month, [...(byMonth.get(month) ?? []), commodity]);
  }
  const startIn = (month: number) =>
    `make_timestamptz(extract(year FROM ${utc} - interval '${month - 1} months')::int, ${month}, 1, 0, 0, 0, 'UTC')`;
  const cases = [...byMonth].map(
    ([month, commodities]) =>
      `WHEN p.commodity IN (${commodities.map((c) => `'${c}'`).join(', ')}) THEN ${startIn(month)}`,
  );
  return `CASE ${cases.join(' ')} ELSE ${startIn(1)} END`;
})();

export interface FindingResolution {
  justification: string;
  by: string;
  at: string;
  entryIndex: number;
  /** The organisation it was given for; null: by an administrator, for everyone. */
  resolvedFor: string | null;
}

export interface StoredFinding {
  id: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  subject: { kind: string; id: string };
  period: string | null;
  organisationId: string | null;
  message: string;
  numbers: Record<string, unknown>;
  referenceVersion: string;
  treeSize: number;
  computedAt: string;
  resolution: FindingResolution | null;
  /** When open: the resolution it had before its numbers changed (it came back after being resolved). */
  previousResolution: FindingResolution | null;
  exposure?: number;
}

export interface RunSummary {
  runId: string;
  kind: 'recompute' | 'incremental';
  treeSize: number;
  referenceVersion: string;
  findings: Record<string, number>;
  durationMs: number;
}

/** Rules of checks other than the recompute (decision 0020): a recompute leaves their findings alone. */
const NOT_RECOMPUTED = ['DEFORESTATION_RISK'];

/** A finding row's resolution columns: the covering one and, when none covers it, the one before. */
/** Each version's covering and previous resolution for the organisation `scope` (SQL, see resolutionScope). */
const withResolutions = (scope: string) =>
  `${coveringResolution('f', scope)} ${previousResolution('f', scope)}`;

/** The versions of one finding shown at most (newest first). */
const MAX_FINDING_VERSIONS = 100;

const iso = (v: Date | string | number) => new Date(v).toISOString();
const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

export function createMassBalanceService({
  db,
  writer,
  access,
  reference: base = DEFAULT_REFERENCE,
  custody = DEFAULT_CUSTODY,
}: {
  db: Database;
  writer: LedgerWriter;
  access: Access;
  reference?: ReferenceTable;
  custody?: CustodySettings;
}) {
  /**
   * The reference table in force: the shipped one with every recorded override applied (the newest
   * wins). Its version names the last override, so a finding says exactly which numbers it used.
   * Overrides are append-only, so the newest entry index identifies the table: it is rebuilt only
   * when that changes (another process may have recorded one), and a caller that already read the
   * index (the incremental check does, in its one read) asks no more.
   */
  let cachedReference: { newest: number | null; table: ReferenceTable } | undefined;
  const NEWEST_OVERRIDE = '(SELECT max(entry_index) FROM yield_overrides)';
  async function currentReference(newest?: number | null): Promise<ReferenceTable> {
    if (newest === undefined) {
      const [row] = await db.query<{ newest: string | number | null }>(`SELECT ${NEWEST_OVERRIDE} AS newest`);
      newest = row!.newest === null ? null : Number(row!.newest);
    }
    if (cachedReference?.newest === newest) return cachedReference.table;
    const rows = await db.query<{
      entry_index: string | number;
      commodity: Commodity;
      country: string | null;
      plot_id: string | null;
      plausible_max: string | null;
      hard_ceiling: string | null;
      justification: string;
    }>(
      `SELECT entry_index, commodity, country, plot_id, trim_scale(plausible_max)::text AS plausible_max,
              trim_scale(hard_ceiling)::text AS hard_ceiling, justification
         FROM yield_overrides WHERE entry_index <= $1 ORDER BY entry_index DESC`,
      [newest ?? -1],
    );
    const table: ReferenceTable =
      rows.length === 0
        ? base
        : {
            ...base,
            version: `${base.version}+overrides@${rows[0]!.entry_index}`,
            overrides: rows.map((r) => ({
              commodity: r.commodity,
              ...(r.country ? { country: r.country } : {}),
              ...(r.plot_id ? { plotId: r.plot_id } : {}),
              ...(r.plausible_max ? { plausibleMax: r.plausible_max } : {}),
              ...(r.hard_ceiling ? { hardCeiling: r.hard_ceiling } : {}),
              justification: r.justification,
              entryIndex: Number(r.entry_index),
            })),
          };
    cachedReference = { newest, table };
    return table;
  }

  /**
   * Supersedes every current finding and stores the new ones, in one transaction. Resolutions are not
   * touched: they are rows of their own (finding_resolutions), which cover any version of the finding
   * with the numbers they resolved (decision 0036).
   */
  async function store(
    version: string,
    principal: Principal,
    startedAt: Date,
    treeSize: number,
    findings: ScopedFinding[],
  ): Promise<RunSummary> {
    const runId = randomUUID();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO mass_balance_runs (id, kind, tree_size, reference_version, started_at, finding_count, requested_by)
         VALUES ($1, 'recompute', $2, $3, $4, $5, $6)`,
        [runId, treeSize, version, startedAt.toISOString(), findings.length, principal.subject],
      );
      // Findings of checks the recompute does not run (the forest check's) stand until those run again.
      await tx.query(
        'UPDATE mass_balance_findings SET superseded_at = now() WHERE superseded_at IS NULL AND rule <> ALL($1::text[])',
        [NOT_RECOMPUTED],
      );
      await insertRecomputedFindings(
        tx,
        { runId, treeSize, referenceVersion: version },
        findings,
        async (chunk, versions) => {
          const exposures = chunk.flatMap((f, n) =>
            [...(f.exposures ?? [])].map(([batchId, share]) => ({ version: versions[n]!, batchId, share })),
          );
          for (let e = 0; e < exposures.length; e += 5000) {
            const part = exposures.slice(e, e + 5000);
            await tx.query(
              `INSERT INTO mass_balance_exposures (finding_version_id, batch_id, share)
               SELECT f::uuid, b::uuid, s::float8 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(f, b, s)`,
              [part.map((x) => x.version), part.map((x) => x.batchId), part.map((x) => String(x.share))],
            );
          }
        },
      );
    });
    // A recompute replaces every current finding at once: the planner's statistics of the table are
    // stale from here until autovacuum comes by, and with them it filtered thousands of rows in the
    // incremental checks' superseding instead of looking the subject up in the index. Only the columns
    // those lookups and the lists filter on: the messages and numbers are most of the table's bytes and
    // no plan depends on them (all columns took about a second at 1M events).
    await db.query(
      'ANALYZE mass_balance_findings (subject_kind, subject_id, superseded_at, rule, organisation_id, id)',
    );
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind: 'recompute',
      treeSize,
      referenceVersion: version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  /**
   * An incremental check's one write, in one commit (writeIncrementalRun). Findings are derived from
   * ledger entries that are already durable: the commit need not wait for the disk. A crash may lose
   * the last few milliseconds of incremental findings, never an entry, and the next recompute restores
   * them.
   */
  async function writeIncremental(
    principal: Principal,
    startedAt: Date,
    version: string,
    found: ScopedFinding[],
    supersede: (param: (value: unknown) => string) => string,
  ): Promise<RunSummary> {
    const { runId, treeSize } = await writeIncrementalRun(db, {
      requestedBy: principal.subject,
      startedAt,
      referenceVersion: version,
      found,
      supersede,
      durable: false,
    });
    const counts: Record<string, number> = {};
    for (const f of found) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    return {
      runId,
      kind: 'incremental',
      treeSize,
      referenceVersion: version,
      findings: counts,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }

  async function recompute(principal: Principal): Promise<RunSummary> {
    const startedAt = new Date();
    const reference = await currentReference();
    const data = await loadData(db, reference);
    const findings = evaluate(reference, data, custody, startedAt.getTime());
    // Evidence plausibility, over the attestations recorded below the same tree size.
    findings.push(...judgeEvidence(reference, await loadEvidence(db, 'a.entry_index < $1', [data.treeSize])));
    return store(reference.version, principal, startedAt, data.treeSize, findings);
  }

  /** The evidence rules over loaded attestations (those in `judged`, or all), each finding with its owner. */
  function judgeEvidence(
    reference: ReferenceTable,
    evidence: Awaited<ReturnType<typeof loadEvidence>>,
    judged?: Set<string>,
  ): ScopedFinding[] {
    return evidenceFindings(reference, evidence.attestations, evidence.plotOf, custody.evidence, judged).map(
      (f) => ({ ...f, organisationId: evidence.organisationOf.get(f.subject.id)! }),
    );
  }

  /**
   * After attestations are recorded: the evidence rules over them (with every earlier attestation that
   * shares a medium, for EVIDENCE_REUSED), by the recompute's functions. Never a refusal.
   */
  async function checkAttestations(principal: Principal, attestationIds: string[]): Promise<RunSummary> {
    const startedAt = new Date();
    const reference = await currentReference();
    const evidence = await loadEvidence(db, SHARING_MEDIA, [attestationIds]);
    const found = judgeEvidence(reference, evidence, new Set(attestationIds));
    return writeIncremental(
      principal,
      startedAt,
      reference.version,
      found,
      // Only the evidence rules speak of attestations. The ids as a set to join: with `= ANY(array)` the
      // planner filtered every attestation finding instead of looking each subject up in the index.
      (param) =>
        `subject_kind = 'attestation' AND subject_id IN (SELECT unnest(${param(attestationIds)}::text[]))`,
    );
  }

  /**
   * After a harvest: re-check its plot's crop year and its harvest window. Three queries whatever the
   * size of the data: the plot with its crop year's total, the tree size, and the store.
   */
  async function checkHarvest(principal: Principal, eventId: string): Promise<RunSummary> {
    const startedAt = new Date();
    // One read: the plot, the harvest's time, its crop year's total (the crop year as in cropYear(),
    // by CROP_YEAR_START_SQL) and which reference overrides are in force. It was always the first row.
    const [row] = await db.query<{
      id: string;
      organisation_id: string;
      commodity: string;
      country: string;
      geometry_type: 'Point' | 'Polygon' | 'MultiPolygon';
      area_hectares: string;
      at: string;
      grams: string | null;
      newest: string | number | null;
      voided: boolean;
      point: string | null;
      event_ms: string;
      recorded_ms: string;
      registered_ms: string;
    }>(
      `WITH h AS (
         SELECT p.id, p.organisation_id, p.commodity, p.country, p.geometry->>'type' AS geometry_type,
                p.area_hectares::text AS area_hectares, p.created_at, e.event_time, e.recorded_at,
                ${PLOT_POINT} AS point, ${CROP_YEAR_START_SQL} AS period_start
           FROM trace_event_inputs i JOIN plots p ON p.id = i.plot_id JOIN trace_events e ON e.id = i.event_id
          WHERE i.event_id = $1
          -- A harvest takes from one plot. Said to the planner, so the plan it caches for this prepared
          -- statement serves every harvest: without it the generic plan's guess of several rows, each
          -- summing its crop year, cost more than a custom plan, and every check was planned afresh
          -- (about as long as it ran).
          LIMIT 1)
       SELECT h.*, to_char(h.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              (SELECT sum(b.mass_grams)::text
                 FROM trace_event_inputs i2 JOIN trace_events e2 ON e2.id = i2.event_id AND e2.kind = 'harvest'
                 JOIN batches b ON b.produced_by = e2.id
                WHERE i2.plot_id = h.id AND e2.event_time >= h.period_start
                  AND e2.event_time < h.period_start + interval '1 year'
                  AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e2.id)
                  -- As in the full load: a mass beyond the bound is left out (UNEVALUABLE_RECORD).
                  AND b.mass_grams <= $2::numeric) AS grams,
              ${NEWEST_OVERRIDE} AS newest,
              EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = $1) AS voided,
              ${msText('h.event_time')} AS event_ms, ${msText('h.recorded_at')} AS recorded_ms,
              ${msText('h.created_at')} AS registered_ms
         FROM h`,
      [eventId, MAX_MASS_GRAMS],
    );
    if (!row) throw notFound(`harvest ${eventId} not found`);
    const reference = await currentReference(row.newest === null ? null : Number(row.newest));
    const [longitude, latitude] = (row.point ?? '').split(' ').map(Number);
    const { period, findings: found } = harvestFindings(
      reference,
      {
        eventId,
        plot: {
          id: row.id,
          organisationId: row.organisation_id,
          commodity: row.commodity,
          country: row.country,
          geometryType: row.geometry_type,
          areaHectares: trim(row.area_hectares),
          registeredAt: Number(row.registered_ms),
          longitude: longitude ?? Number.NaN,
          latitude: latitude ?? Number.NaN,
        },
        at: row.at,
        eventTime: Number(row.event_ms),
        recordTime: Number(row.recorded_ms),
        cropYearMilligrams: gramsToMilligrams(row.grams ?? '0'),
        voided: row.voided,
      },
      custody,
    );

    // The superseding of this plot's and this harvest's findings, and the new ones.
    return writeIncremental(principal, startedAt, reference.version, found, (param) => {
      const plot = param(row.id);
      // The plot's findings under one condition on the subject, so the plot is looked up once in the
      // subject index (as two branches, the planner took OUTSIDE_COUNTRY from the rule index instead).
      return `(subject_kind = 'plot' AND subject_id = ${plot}
                AND ((period = ${param(period)} AND rule IN ('OVER_YIELD', 'IMPOSSIBLE_YIELD')) OR rule = 'OUTSIDE_COUNTRY'))
             OR (subject_kind = 'event' AND subject_id = ${param(eventId)} AND rule IN ('OUTSIDE_HARVEST_WINDOW', 'BACKDATED'))`;
    });
  }

  /**
   * After a transfer or transformation (or its void): re-check its conservation at once, with the
   * recompute's rule (checkConservation). Two reads and one write. Exposures downstream are left to
   * the recompute.
   */
  async function checkEvent(principal: Principal, eventId: string): Promise<RunSummary> {
    const startedAt = new Date();
    const [event] = await db.query<{
      kind: string;
      organisation_id: string;
      voided: boolean;
      newest: string | number | null;
    }>(
      `SELECT kind, organisation_id, EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id) AS voided,
              ${NEWEST_OVERRIDE} AS newest
         FROM trace_events e WHERE id = $1`,
      [eventId],
    );
    if (!event) throw notFound(`event ${eventId} not found`);
    const reference = await currentReference(event.newest === null ? null : Number(event.newest));
    const found: ScopedFinding[] = [];
    if ((event.kind === 'transfer' || event.kind === 'transformation') && !event.voided) {
      const amounts = await db.query<{
        side: 'in' | 'out';
        material: string;
        cocoa: string | null;
        grams: string | null;
      }>(
        `SELECT 'in' AS side, b.material, trim_scale(b.cocoa_content)::text AS cocoa, trim_scale(i.mass_grams)::text AS grams
           FROM trace_event_inputs i JOIN batches b ON b.id = i.batch_id WHERE i.event_id = $1
         UNION ALL
         SELECT 'out', b.material, trim_scale(b.cocoa_content)::text, trim_scale(b.mass_grams)::text
           FROM batches b WHERE b.produced_by = $1`,
        [eventId],
      );
      const amount = (r: (typeof amounts)[number]): MaterialAmount => ({
        material: r.material,
        // Counted in pieces or litres: no mass, weighs nothing, as in the recompute.
        grams: r.grams ?? '0',
        ...(r.cocoa ? { cocoaContent: r.cocoa } : {}),
      });
      const result = checkConservation(reference, {
        eventId,
        kind: event.kind,
        inputs: amounts.filter((r) => r.side === 'in').map(amount),
        outputs: amounts.filter((r) => r.side === 'out').map(amount),
      });
      for (const f of result.findings) found.push({ ...f, organisationId: event.organisation_id });
    }
    return writeIncremental(
      principal,
      startedAt,
      reference.version,
      found,
      (param) =>
        `subject_kind = 'event' AND subject_id = ${param(eventId)} AND rule IN ('MASS_IMBALANCE', 'UNKNOWN_MATERIAL')`,
    );
  }

  async function findings(
    principal: Principal,
    filter: {
      rule?: string[];
      severity?: string[];
      subjectKind?: string;
      subjectId?: string;
      batchId?: string;
      status: 'open' | 'resolved' | 'all';
      perPage: number;
      nextPageToken?: string | undefined;
    },
  ): Promise<{ findings: StoredFinding[]; nextPageToken: string | undefined }> {
    const { perPage, nextPageToken, ...filters } = filter;
    // Most serious first, then rule, subject and id: a unique key, so pages neither skip nor repeat.
    const cursor = cursorFor(
      'findings',
      filters,
      z.tuple([z.number().int().min(0).max(2), z.string(), z.string(), z.uuid()]),
      nextPageToken,
    );
    const where = ['f.superseded_at IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const visible = await access.visibleOrganisations(principal);
    if (visible !== 'all') where.push(`f.organisation_id = ANY(${p(visible)}::uuid[])`);
    const scope = `${p(resolutionScope(principal))}::uuid`;
    if (filter.rule) where.push(`f.rule = ANY(${p(filter.rule)}::text[])`);
    if (filter.severity) where.push(`f.severity = ANY(${p(filter.severity)}::text[])`);
    if (filter.subjectKind) where.push(`f.subject_kind = ${p(filter.subjectKind)}`);
    if (filter.subjectId) where.push(`f.subject_id = ${p(filter.subjectId)}`);
    if (filter.status === 'open') where.push('covering.resolution_entry IS NULL');
    if (filter.status === 'resolved') where.push('covering.resolution_entry IS NOT NULL');
    let exposure = 'NULL::float8';
    if (filter.batchId) {
      // The id twice: once as the text of a subject id, once as a uuid (one parameter cannot be both).
      const asText = p(filter.batchId);
      const asUuid = p(filter.batchId);
      exposure = `(SELECT x.share FROM mass_balance_exposures x WHERE x.finding_version_id = f.version_id AND x.batch_id = ${asUuid}::uuid)`;
      where.push(
        `((f.subject_kind = 'batch' AND f.subject_id = ${asText}::text) OR EXISTS (SELECT 1 FROM mass_balance_exposures x WHERE x.finding_version_id = f.version_id AND x.batch_id = ${asUuid}::uuid))`,
      );
    }
    const rank = `(CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)`;
    if (cursor.after) {
      const [r, rule, subject, id] = cursor.after;
      where.push(
        `(${rank}, f.rule COLLATE "C", f.subject_id COLLATE "C", f.id) > (${p(r)}::int, ${p(rule)} COLLATE "C", ${p(subject)} COLLATE "C", ${p(id)}::uuid)`,
      );
    }
    const rows = await db.query<FindingRow & { rank: number }>(
      `SELECT f.*, covering.*, previous.*, ${exposure} AS exposure, ${rank} AS rank
         FROM mass_balance_findings f ${withResolutions(scope)}
        WHERE ${where.join(' AND ')}
        ORDER BY ${rank}, f.rule COLLATE "C", f.subject_id COLLATE "C", f.id
        LIMIT ${p(perPage + 1)}`,
      params,
    );
    const page = pageOf(
      rows,
      perPage,
      cursor,
      (row) => [Number(row.rank), row.rule, row.subject_id, row.id] as [number, string, string, string],
    );
    return { findings: page.rows.map(toFinding), nextPageToken: page.nextPageToken };
  }

  /**
   * Resolves the finding as it stands now, with its numbers: the entry names the finding (its
   * name-based id) and what it resolved, and its projector adds it to the finding's thread (decision
   * 0036). Who may: an administrator, or a compliance officer who sees the organisation the finding is
   * about and does not speak for it (the party a finding is about does not clear its own finding).
   */
  async function resolve(
    principal: Principal,
    findingId: string,
    justification: string,
  ): Promise<StoredFinding> {
    // Each organisation resolves for itself; an administrator, for everyone (decision 0036, amended).
    const scope = resolutionScope(principal);
    if (principal.role !== 'admin' && scope === null)
      throw forbidden('a finding is resolved for an organisation: this caller acts for none');
    const [row] = await db.query<FindingRow>(
      `SELECT f.*, covering.*, previous.*, NULL::float8 AS exposure
         FROM mass_balance_findings f ${withResolutions('$2::uuid')}
        WHERE f.id = $1 AND f.superseded_at IS NULL
        ORDER BY f.computed_at DESC LIMIT 1`,
      [findingId, scope],
    );
    if (!row) throw notFound(`finding ${findingId} not found`);
    await requireVisibleFinding(principal, row);
    if (
      principal.role !== 'admin' &&
      row.organisation_id &&
      (await access.actsFor(principal, row.organisation_id))
    )
      throw forbidden(
        'a finding is resolved by an administrator or by a compliance officer of another organisation, not by the organisation it is about',
      );
    if (row.resolution_entry !== null) throw new AppError('conflict', 'this finding is already resolved');
    await appendRecord(writer, principal, {
      type: 'finding.resolved',
      subject: `finding:${findingId}`,
      body: {
        rule: row.rule,
        subject: `${row.subject_kind}:${row.subject_id}`,
        ...(row.period ? { period: row.period } : {}),
        numbers: jsonValue(row.numbers) as JsonValue,
        referenceVersion: row.reference_version,
        treeSize: Number(row.tree_size),
        justification,
        ...(scope !== null ? { resolvedFor: `organisation:${scope}` } : {}),
      },
      conflict: 'this finding is already resolved',
    });
    return (await finding(principal, findingId)).finding;
  }

  /** The organisations whose resolutions the caller may read (null: all, for administrators). */
  async function readableResolvers(principal: Principal): Promise<string[] | null> {
    if (principal.role === 'admin') return null;
    const visible = await access.visibleOrganisations(principal);
    if (visible === 'all') return null;
    return principal.organisationId ? [...new Set([...visible, principal.organisationId])] : visible;
  }

  /** 404 unless the principal may see the organisation the finding is about (admins alone when none). */
  async function requireVisibleFinding(
    principal: Principal,
    row: { id: string; organisation_id: string | null },
  ) {
    if (row.organisation_id)
      await access.requireVisible(principal, row.organisation_id).catch(() => {
        throw notFound(`finding ${row.id} not found`);
      });
    else if (principal.role !== 'admin') throw notFound(`finding ${row.id} not found`);
  }

  /**
   * One finding by its id, as it stands (or, when no run finds it any more, as it last stood), with
   * every version of it, newest first: each run that found it, with its numbers and resolution. The id
   * is name-based, so this is the whole thread of the finding across recomputes and incremental checks.
   */
  async function finding(principal: Principal, findingId: string) {
    const rows = await db.query<FindingRow & { superseded_at: Date | string | null }>(
      `SELECT f.*, covering.*, previous.*, NULL::float8 AS exposure
         FROM mass_balance_findings f ${withResolutions('$2::uuid')}
        WHERE f.id = $1
        ORDER BY (f.superseded_at IS NULL) DESC, f.computed_at DESC, f.version_id LIMIT ${MAX_FINDING_VERSIONS}`,
      [findingId, resolutionScope(principal)],
    );
    const latest = rows[0];
    if (!latest) throw notFound(`finding ${findingId} not found`);
    await requireVisibleFinding(principal, latest);
    // The thread of its resolutions, oldest first: each with the numbers it was given for.
    const resolutions = await db.query<{
      entry_index: string | number;
      justification: string;
      resolved_by: string;
      resolved_at: Date | string;
      numbers: unknown;
      tree_size: string | number;
      resolved_for: string | null;
    }>(
      // Those the caller may read: given for everyone, or for an organisation whose records it may read
      // (its own among them); administrators read all. Another brand's justification is not among them.
      `SELECT entry_index, justification, resolved_by, resolved_at, numbers, tree_size, resolved_for
         FROM finding_resolutions
        WHERE finding_id = $1 AND ($2::uuid[] IS NULL OR resolved_for IS NULL OR resolved_for = ANY($2::uuid[]))
        ORDER BY entry_index`,
      [findingId, await readableResolvers(principal)],
    );
    return {
      finding: toFinding(latest),
      current: latest.superseded_at === null,
      resolutions: resolutions.map((r) => ({
        entryIndex: Number(r.entry_index),
        justification: r.justification,
        by: r.resolved_by,
        at: isoTime(r.resolved_at),
        treeSize: Number(r.tree_size),
        numbers: jsonValue(r.numbers) as Record<string, unknown>,
        resolvedFor: r.resolved_for,
      })),
      versions: rows.map((r) => ({
        computedAt: iso(r.computed_at),
        supersededAt: r.superseded_at === null ? null : iso(r.superseded_at),
        treeSize: Number(r.tree_size),
        referenceVersion: r.reference_version,
        numbers: (typeof r.numbers === 'string' ? JSON.parse(r.numbers) : r.numbers) as Record<
          string,
          unknown
        >,
        resolution: toFinding(r).resolution,
      })),
    };
  }

  /**
   * The graph upstream of the batches `seed` selects (SQL over $1), with traced shares worked out as a
   * full recompute would: a plot's capacity is shared by all its harvests in the crop year, upstream
   * of these batches or not.
   */
  async function upstream(reference: ReferenceTable, seed: string, param: string) {
    const rows = await db.query<{ batch_id: string }>(
      `WITH RECURSIVE upstream(batch_id) AS (
         ${seed}
         UNION
         SELECT i.batch_id FROM upstream u JOIN batches b ON b.id = u.batch_id
           JOIN trace_event_inputs i ON i.event_id = b.produced_by WHERE i.batch_id IS NOT NULL)
       SELECT batch_id FROM upstream`,
      [param],
    );
    const data = await loadData(
      db,
      reference,
      rows.map((r) => r.batch_id),
    );
    const { plots } = data;
    const harvests = plots.ids.length
      ? await db.query<HarvestTotal>(
          `SELECT i.plot_id AS "plotId", ${'to_char(e.event_time AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')'} AS at,
                  trim_scale(sum(b.mass_grams) FILTER (WHERE b.mass_grams <= $3::numeric))::text AS grams
             FROM trace_event_inputs i JOIN trace_events e ON e.id = i.event_id AND e.kind = 'harvest'
             JOIN batches b ON b.produced_by = e.id
            WHERE i.plot_id = ANY($1::uuid[]) AND e.entry_index < $2
              AND NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = e.id AND v.entry_index < $2)
            GROUP BY i.plot_id, e.id, e.event_time`,
          // As in the full load: a mass beyond the bound is left out (UNEVALUABLE_RECORD), not summed.
          [plots.ids, data.treeSize, MAX_MASS_GRAMS],
        )
      : [];
    const { plotChecks, shares } = upstreamShares(reference, data, harvests);
    return { data, plotChecks, shares };
  }

  /** The traced/untraced breakdown of one batch, computed now over its upstream graph. */
  async function breakdown(batchId: string) {
    const reference = await currentReference();
    const { data, plotChecks, shares } = await upstream(reference, 'SELECT $1::uuid', batchId);
    const { graph } = data;
    const b = graph.batchIndex(batchId);
    if (b === undefined) throw notFound(`batch ${batchId} not found`);
    // A batch whose own mass cannot be weighed: reported as recorded; nothing of it counts as traced.
    const own = data.unevaluable.find((r) => r.subject.kind === 'batch' && r.subject.id === batchId);
    const eq = baseEquivalent(reference, batchAmount(graph, b, graph.batchMilligrams[b]!));
    const traced = shares.shares[b]!;
    const conversions = conversionBalances(reference, data).map((c) => ({
      eventId: c.eventId,
      kind: c.kind,
      inputEquivalentGrams: fromDecimal(c.inputGrams),
      outputEquivalentGrams: fromDecimal(c.outputGrams),
      balanced: c.balanced,
    }));
    const grams = graph.batchMilligrams[b]! / 1000;
    return {
      batchId,
      material: graph.batchMaterial[b]!,
      grams: own ? own.grams : milligramsToGrams(graph.batchMilligrams[b]!),
      baseEquivalentGrams: eq.ok && !own ? fromDecimal(eq.grams) : null,
      tracedShare: traced,
      untracedShare: 1 - traced,
      untracedGrams: own ? own.grams : Math.round(grams * (1 - traced)).toString(),
      cyclic: shares.cyclic[b] === 1,
      referenceVersion: reference.version,
      treeSize: data.treeSize,
      plots: plotChecks.map((c) => ({
        plotId: c.plotId,
        period: c.period,
        harvestedGrams: c.harvestedGrams,
        plausibleCapacityGrams: fromDecimal(c.check.plausibleGrams),
        tracedFraction: c.check.tracedFraction,
        rule: c.check.finding?.rule ?? null,
      })),
      conversions,
      unevaluable: data.unevaluable.map((r) => ({
        subject: r.subject as { kind: 'batch' | 'event'; id: string },
        grams: r.grams,
        message: unevaluableRecord(reference, r.subject, r).message,
      })),
    };
  }

  /**
   * A site's mass-balance account as of now: every posting with the credit after it, the balance,
   * expired credit, its periods and what the account rule finds. Computed over the graph upstream of
   * what the site holds or sent on, with the site's current custody model.
   */
  async function siteAccount(organisationId: string) {
    const reference = await currentReference();
    const { data, shares } = await upstream(
      reference,
      `SELECT id FROM batches WHERE organisation_id = $1::uuid
          OR produced_by IN (SELECT id FROM trace_events WHERE organisation_id = $1::uuid)`,
      organisationId,
    );
    const custodyModel = custodyAt(data, organisationId, data.treeSize);
    // The account is kept as if the site kept mass balance, whatever it declares: a segregated site's
    // account shows what mass balance would allow it.
    const custodyOf = (id: string, entry: number) =>
      id === organisationId ? 'mass_balance' : custodyAt(data, id, entry);
    const postings = sitePostings(reference, data, shares.shares, custodyOf).get(organisationId) ?? [];
    const periods = data.periods.get(organisationId) ?? [];
    const result = checkSiteAccount(reference, {
      siteId: organisationId,
      commodity: 'all',
      postings,
      periods,
    });
    return {
      organisationId,
      custodyModel,
      referenceVersion: reference.version,
      treeSize: data.treeSize,
      balanceGrams: fromDecimal(result.balanceGrams),
      expiredGrams: fromDecimal(result.expiredGrams),
      postings: result.trail.map((p) => ({
        id: p.id,
        at: p.at,
        kind: p.kind,
        grams: trim(p.grams),
        balanceGrams: fromDecimal(p.balanceGrams),
        status: p.status,
        ...(p.entry !== undefined ? { entryIndex: p.entry } : {}),
      })),
      findings: result.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        numbers: f.numbers,
      })),
    };
  }

  /** Records an override of a reference yield, for a country or one plot, with its justification. */
  async function override(
    principal: Principal,
    input: {
      commodity: Commodity;
      country?: string | undefined;
      plotId?: string | undefined;
      plausibleMax?: string | undefined;
      hardCeiling?: string | undefined;
      justification: string;
    },
  ) {
    if (input.plotId) {
      const [plot] = await db.query<{ organisation_id: string; commodity: string }>(
        'SELECT organisation_id, commodity FROM plots WHERE id = $1',
        [input.plotId],
      );
      if (!plot) throw notFound(`plot ${input.plotId} not found`);
      await access.requireVisible(principal, plot.organisation_id).catch(() => {
        throw notFound(`plot ${input.plotId} not found`);
      });
    }
    const entryIndex = await appendRecord(writer, principal, {
      type: 'reference.override',
      subject: input.plotId ? `plot:${input.plotId}` : `reference:${input.commodity}/${input.country}`,
      body: {
        referenceVersion: base.version,
        commodity: input.commodity,
        ...(input.country ? { country: input.country } : {}),
        ...(input.plotId ? { plot: `plot:${input.plotId}` } : {}),
        ...(input.plausibleMax ? { plausibleMaxKgPerHa: input.plausibleMax } : {}),
        ...(input.hardCeiling ? { hardCeilingKgPerHa: input.hardCeiling } : {}),
        justification: input.justification,
      },
      conflict: 'this override is already recorded',
    });
    return { entryIndex, referenceVersion: (await currentReference()).version };
  }

  return {
    recompute,
    checkHarvest,
    checkEvent,
    checkAttestations,
    findings,
    finding,
    resolve,
    breakdown,
    siteAccount,
    currentReference,
    override,
  };
}

/** An exact decimal as its shortest string (1250.050 → 1250.05). */
const fromDecimal = (d: Decimal) => trim(formatDecimal(d));

interface FindingRow {
  id: string;
  rule: string;
  severity: string;
  subject_kind: string;
  subject_id: string;
  period: string | null;
  organisation_id: string | null;
  message: string;
  numbers: Record<string, unknown> | string;
  reference_version: string;
  tree_size: string | number;
  computed_at: Date | string;
  resolution_entry: string | number | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  resolved_for: string | null;
  previous_entry: string | number | null;
  previous_resolution: string | null;
  previous_by: string | null;
  previous_at: Date | string | null;
  previous_for: string | null;
  exposure: number | null;
}

function toFinding(r: FindingRow): StoredFinding {
  return {
    id: r.id,
    rule: r.rule,
    severity: r.severity as StoredFinding['severity'],
    subject: { kind: r.subject_kind, id: r.subject_id },
    period: r.period,
    organisationId: r.organisation_id,
    message: r.message,
    numbers: typeof r.numbers === 'string' ? JSON.parse(r.numbers) : r.numbers,
    referenceVersion: r.reference_version,
    treeSize: Number(r.tree_size),
    computedAt: iso(r.computed_at),
    resolution:
      r.resolution_entry === null
        ? null
        : {
            justification: r.resolution!,
            by: r.resolved_by!,
            at: iso(r.resolved_at!),
            entryIndex: Number(r.resolution_entry),
            resolvedFor: r.resolved_for ?? null,
          },
    previousResolution:
      r.previous_entry === null
        ? null
        : {
            justification: r.previous_resolution!,
            by: r.previous_by!,
            at: iso(r.previous_at!),
            entryIndex: Number(r.previous_entry),
            resolvedFor: r.previous_for ?? null,
          },
    ...(r.exposure !== null && r.exposure !== undefined ? { exposure: Number(r.exposure) } : {}),
  };
}

export type MassBalanceService = ReturnType<typeof createMassBalanceService>;
