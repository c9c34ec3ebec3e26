// Audit reports pinned to a ledger checkpoint (docs/reports.md, decision 0023). Every fact is read "as
// of" the checkpoint's tree size T: projections carry the index of the entry that wrote them
// (entry_index), so a row counts only if it was written by an entry below T; a void, a withdrawal or
// a resolution counts only if its own entry is below T; computed results (findings, forest checks)
// count at the newest version computed at a tree size ≤ T. Onboarding is updated in place, so its
// status is read from the ledger entries themselves. Nothing reads the clock.
import { isoTime, jsonValue, type SqlExecutor } from '@groundtruth/db';
import { type ExportPlot, HIGH_RISK_COUNTRIES, plotsFeatureCollection } from '@groundtruth/eudr';
import { toHex } from '@groundtruth/ledger';
import {
  type AuditReport,
  buildReport,
  type FactFinding,
  type ReportCheckpoint,
  type ReportFacts,
  type ReportScope,
} from '@groundtruth/report';
import { type Access, MAX_TIERS } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import { badRequest, notFound } from '../../../errors.ts';
import type { EventService } from '../../custody/events/service.ts';
import { coveringResolution, resolutionScope } from '../../massbalance/mass-balance/resolutions.ts';

/** A signed snapshot counts as recent when captured within this many days before the checkpoint. */
export const RECENT_SNAPSHOT_DAYS = 365;

const bytes = (value: unknown) =>
  value instanceof Uint8Array ? value : Buffer.from(String(value).replace(/^\\x/, ''), 'hex');

/** A void of the event recorded below the checkpoint: the event did not happen, as of then. */
const NOT_VOIDED_AT = (event: string, treeSize: string) =>
  `NOT EXISTS (SELECT 1 FROM trace_event_voids v WHERE v.event_id = ${event} AND v.entry_index < ${treeSize})`;

interface Root {
  scope: ReportScope;
  subjectId: string;
  subjectLabel: string;
  rootOrganisationId: string;
  /** The lot, for a lot report; none for an organisation's (its held batches are measured). */
  batchId: string | null;
}

export function createReportService(deps: { db: SqlExecutor; access: Access; events: EventService }) {
  const { db, access, events } = deps;

  /** The signed checkpoint of that tree size, or the newest; a size never signed is the caller's mistake. */
  async function checkpoint(treeSize: number | undefined): Promise<ReportCheckpoint> {
    const rows = await db.query<{
      tree_size: string | number;
      root_hash: unknown;
      note: string;
      issued_at: Date | string;
    }>(
      treeSize === undefined
        ? 'SELECT tree_size, root_hash, note, issued_at FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1'
        : 'SELECT tree_size, root_hash, note, issued_at FROM ledger_checkpoints WHERE tree_size = $1',
      treeSize === undefined ? [] : [treeSize],
    );
    const row = rows[0];
    if (!row)
      throw badRequest(`no signed checkpoint has tree size ${treeSize}`, [
        {
          in: 'query',
          pointer: '/treeSize',
          detail: 'not the tree size of a signed checkpoint (GET /v1/ledger/checkpoint)',
        },
      ]);
    // C2SP tlog-checkpoint: origin, tree size, base64 root hash, then the signatures.
    const [origin = '', , rootHashBase64 = ''] = row.note.split('\n');
    return {
      origin,
      treeSize: Number(row.tree_size),
      rootHashBase64,
      rootHashHex: toHex(bytes(row.root_hash)),
      issuedAt: isoTime(row.issued_at),
      note: row.note,
    };
  }

  /** Resolves and authorises the report's subject, as it stood at the checkpoint. */
  async function root(principal: Principal, scope: ReportScope, id: string, treeSize: number): Promise<Root> {
    if (scope === 'lot') {
      const batch = await events.getBatch(principal, id); // 404 unless the caller may trace it
      const [row] = await db.query('SELECT 1 FROM batches WHERE id = $1 AND entry_index < $2', [
        id,
        treeSize,
      ]);
      if (!row) throw notFound(`batch ${id} was recorded after tree size ${treeSize}`);
      return {
        scope,
        subjectId: id,
        subjectLabel: batch.lot,
        rootOrganisationId: batch.organisationId,
        batchId: id,
      };
    }
    // A supplier: whoever may see it (its chain, its keeper, granted auditors). A chain: the brand's
    // own users, auditors it granted, admins; nobody else sees a brand.
    await access.requireVisible(principal, id);
    const [org] = await db.query<{ name: string; kind: string }>(
      'SELECT name, kind FROM organisations WHERE id = $1 AND entry_index < $2',
      [id, treeSize],
    );
    if (!org) throw notFound(`organisation ${id} was registered after tree size ${treeSize}`);
    if (scope === 'chain' && org.kind !== 'brand') throw notFound(`organisation ${id} is not a brand`);
    return { scope, subjectId: id, subjectLabel: org.name, rootOrganisationId: id, batchId: null };
  }

  /** The organisations upstream of the root along relationships accepted below the checkpoint. */
  async function tiersAt(rootId: string, treeSize: number): Promise<Map<string, number>> {
    const tiers = new Map([[rootId, 0]]);
    let frontier = [rootId];
    for (let tier = 1; tier <= MAX_TIERS && frontier.length > 0; tier++) {
      const rows = await db.query<{ supplier_id: string }>(
        'SELECT DISTINCT supplier_id FROM supply_relationships WHERE buyer_id = ANY($1::uuid[]) AND entry_index < $2',
        [frontier, treeSize],
      );
      frontier = [];
      for (const { supplier_id } of rows.sort((a, b) => (a.supplier_id < b.supplier_id ? -1 : 1))) {
        if (tiers.has(supplier_id)) continue;
        tiers.set(supplier_id, tier);
        frontier.push(supplier_id);
      }
    }
    return tiers;
  }

  async function facts(principal: Principal, scope: ReportScope, id: string, requestedTreeSize?: number) {
    const pin = await checkpoint(requestedTreeSize);
    const T = pin.treeSize;
    const subject = await root(principal, scope, id, T);
    const tiers = await tiersAt(subject.rootOrganisationId, T);
    const orgIds = [...tiers.keys()];

    const measured = subject.batchId
      ? [subject.batchId]
      : (
          await db.query<{ id: string }>(
            'SELECT id FROM batches WHERE organisation_id = $1 AND entry_index < $2 ORDER BY id',
            [subject.rootOrganisationId, T],
          )
        ).map((r) => r.id);
    const batches = await db.query<{
      id: string;
      organisation_id: string;
      lot: string;
      commodity: string;
      mass_grams: string | null;
      produced_by: string;
    }>(
      `WITH RECURSIVE upstream(batch_id) AS (
         SELECT unnest($1::uuid[])
         UNION
         SELECT i.batch_id FROM upstream u
           JOIN batches b ON b.id = u.batch_id
           JOIN trace_event_inputs i ON i.event_id = b.produced_by
          WHERE i.batch_id IS NOT NULL AND ${NOT_VOIDED_AT('b.produced_by', '$2')}
       )
       SELECT b.id, b.organisation_id, b.lot, b.commodity, b.mass_grams::text AS mass_grams, b.produced_by
         FROM batches b WHERE b.id IN (SELECT batch_id FROM upstream) AND b.entry_index < $2`,
      [measured, T],
    );
    const eventIds = [...new Set(batches.map((b) => b.produced_by))];
    const inputs = await db.query<{
      event_id: string;
      position: number;
      batch_id: string | null;
      plot_id: string | null;
      mass_grams: string | null;
    }>(
      `SELECT i.event_id, i.position, i.batch_id, i.plot_id, i.mass_grams::text AS mass_grams
         FROM trace_event_inputs i WHERE i.event_id = ANY($1::uuid[]) AND ${NOT_VOIDED_AT('i.event_id', '$2')}`,
      [eventIds, T],
    );
    const inputPlots = [...new Set(inputs.flatMap((i) => (i.plot_id ? [i.plot_id] : [])))];
    // A lot's plots are those harvested into it; an organisation's, those of its chain as well.
    const plotRows = await db.query<{
      id: string;
      organisation_id: string;
      name: string | null;
      commodity: string;
      country: string;
      area_hectares: string;
      area_source: 'geodesic' | 'declared';
      entry_index: string | number;
    }>(
      `SELECT id, organisation_id, name, commodity, country, area_hectares::text AS area_hectares, area_source, entry_index
         FROM plots WHERE entry_index < $3 AND (id = ANY($1::uuid[]) OR organisation_id = ANY($2::uuid[]))`,
      [inputPlots, subject.batchId ? [] : orgIds, T],
    );
    const visible = await access.visibleOrganisations(principal);
    const seen = visible === 'all' ? null : new Set(visible);
    const plots = seen ? plotRows.filter((p) => seen.has(p.organisation_id)) : plotRows;
    const plotIds = plots.map((p) => p.id);

    const [orgRows, onboardingRows, forestRows, attestationRows] = await Promise.all([
      db.query<{ id: string; name: string; country: string; kind: string }>(
        'SELECT id, name, country, kind FROM organisations WHERE id = ANY($1::uuid[]) AND entry_index < $2',
        [orgIds, T],
      ),
      // supplier_onboarding is updated in place; the transitions are in the ledger, in the clear.
      db.query<{ idx: string | number; subject: string; data: unknown }>(
        `SELECT idx, subject, data FROM ledger_entries
          WHERE entry_type = 'onboarding.transitioned' AND idx < $1 ORDER BY idx`,
        [T],
      ),
      db.query<{
        plot_id: string;
        verdict: string;
        covered_share: number;
        forest_share: number | null;
        lost_share: number | null;
        dataset: string;
        dataset_version: string;
        tree_size: string | number;
      }>(
        `SELECT DISTINCT ON (plot_id) plot_id, verdict, covered_share, forest_share, lost_share, dataset, dataset_version, tree_size
           FROM forest_checks WHERE plot_id = ANY($1::uuid[]) AND tree_size <= $2 ORDER BY plot_id, seq DESC`,
        [plotIds, T],
      ),
      db.query<{
        id: string;
        organisation_id: string;
        subject_kind: string;
        subject_id: string;
        captured_at: Date | string;
        entry_index: string | number;
      }>(
        `SELECT id, organisation_id, subject_kind, subject_id, captured_at, entry_index FROM attestations
          WHERE organisation_id = ANY($1::uuid[]) AND entry_index < $2
            AND (withdrawn_entry IS NULL OR withdrawn_entry >= $2)`,
        [orgIds, T],
      ),
    ]);

    const onboarding = new Map<string, Omit<ReportFacts['onboarding'][number], 'brandName'>>();
    const inTree = new Set(orgIds);
    for (const row of onboardingRows) {
      const [, brandId = '', supplierId = ''] = row.subject.split(':');
      if (!inTree.has(supplierId)) continue;
      const body = (JSON.parse(Buffer.from(bytes(row.data)).toString('utf8')) as { body: { to: string } })
        .body;
      onboarding.set(`${brandId}:${supplierId}`, {
        brandId,
        supplierId,
        status: body.to,
        entryIndex: Number(row.idx),
      });
    }
    const brandIds = [...new Set([...onboarding.values()].map((o) => o.brandId))];
    const brandRows = await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])',
      [brandIds],
    );
    const brandNames = new Map(brandRows.map((b) => [b.id, b.name]));

    // Findings about anything in scope, at the newest version computed at or below T and not superseded
    // by a run at or below T (a run supersedes in the transaction that records it: same now()).
    const subjectIds = [
      ...batches.map((b) => b.id),
      ...eventIds,
      ...plotIds,
      ...orgIds,
      ...attestationRows.map((a) => a.id),
    ];
    const findingRows = await db.query<{
      id: string;
      rule: string;
      severity: string;
      subject_kind: string;
      subject_id: string;
      organisation_id: string | null;
      period: string | null;
      message: string;
      numbers: unknown;
      tree_size: string | number;
      resolution_entry: string | number | null;
      resolution: string | null;
    }>(
      `SELECT v.*, covering.resolution_entry, covering.resolution FROM (
         SELECT DISTINCT ON (f.id) f.id, f.rule, f.severity, f.subject_kind, f.subject_id, f.organisation_id, f.period,
                f.message, f.numbers, f.tree_size, f.returned_at, f.superseded_at
           FROM mass_balance_findings f
          WHERE f.tree_size <= $1 AND (f.subject_id = ANY($2::text[]) OR f.organisation_id = ANY($3::uuid[]))
          ORDER BY f.id, f.tree_size DESC, f.computed_at DESC, f.version_id
       ) v
       ${coveringResolution('v', '$4::uuid', '$1')}
       WHERE v.superseded_at IS NULL OR NOT EXISTS (
         SELECT 1 FROM mass_balance_runs r WHERE r.finished_at = v.superseded_at AND r.tree_size <= $1)`,
      // A lot's findings are those about it and what went into it; an organisation's, its chain's too.
      // Resolved as the caller's organisation resolved them (or an administrator, for everyone).
      [T, subjectIds, subject.batchId ? [] : orgIds, resolutionScope(principal)],
    );
    const [run] = await db.query<{ tree_size: string | number | null }>(
      'SELECT max(tree_size) AS tree_size FROM mass_balance_runs WHERE tree_size <= $1',
      [T],
    );
    const findings: FactFinding[] = findingRows.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      subjectKind: f.subject_kind,
      subjectId: f.subject_id,
      organisationId: f.organisation_id,
      period: f.period,
      message: f.message,
      numbers: jsonValue(f.numbers),
      treeSize: Number(f.tree_size),
      resolution:
        f.resolution_entry !== null
          ? { entryIndex: Number(f.resolution_entry), text: f.resolution ?? '' }
          : null,
    }));

    const result: ReportFacts = {
      scope,
      subjectId: subject.subjectId,
      subjectLabel: subject.subjectLabel,
      rootOrganisationId: subject.rootOrganisationId,
      checkpoint: pin,
      organisations: orgRows.map((o) => ({
        id: o.id,
        name: o.name,
        country: o.country.trim(),
        kind: o.kind,
        tier: tiers.get(o.id)!,
      })),
      onboarding: [...onboarding.values()].map((o) => ({
        ...o,
        brandName: brandNames.get(o.brandId) ?? o.brandId,
      })),
      batches: batches.map((b) => ({
        id: b.id,
        organisationId: b.organisation_id,
        lot: b.lot,
        commodity: b.commodity,
        massGrams: b.mass_grams,
        producedBy: b.produced_by,
      })),
      inputs: inputs.map((i) => ({
        eventId: i.event_id,
        position: Number(i.position),
        batchId: i.batch_id,
        plotId: i.plot_id,
        massGrams: i.mass_grams,
      })),
      measuredBatchIds: measured,
      plots: plots.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        name: p.name,
        commodity: p.commodity,
        country: p.country.trim(),
        areaHectares: p.area_hectares,
        areaSource: p.area_source,
        entryIndex: Number(p.entry_index),
      })),
      withheldPlots: plotRows.length - plots.length,
      forestChecks: forestRows.map((c) => ({
        plotId: c.plot_id,
        verdict: c.verdict,
        coveredShare: Number(c.covered_share),
        forestShare: c.forest_share === null ? null : Number(c.forest_share),
        lostShare: c.lost_share === null ? null : Number(c.lost_share),
        dataset: c.dataset,
        datasetVersion: c.dataset_version,
        treeSize: Number(c.tree_size),
      })),
      attestations: attestationRows.map((a) => ({
        id: a.id,
        organisationId: a.organisation_id,
        subjectKind: a.subject_kind,
        subjectId: a.subject_id,
        capturedAt: isoTime(a.captured_at),
        entryIndex: Number(a.entry_index),
      })),
      findings,
      massBalanceRunTreeSize: run?.tree_size == null ? null : Number(run.tree_size),
      highRiskCountries: [...HIGH_RISK_COUNTRIES],
      recentDays: RECENT_SNAPSHOT_DAYS,
    };
    return result;
  }

  async function report(
    principal: Principal,
    scope: ReportScope,
    id: string,
    treeSize?: number,
  ): Promise<AuditReport> {
    return buildReport(await facts(principal, scope, id, treeSize));
  }

  /** The report's plots as the EU Information System's GeoJSON (decision 0019's mapping). */
  async function geojson(principal: Principal, scope: ReportScope, id: string, treeSize?: number) {
    const r = await report(principal, scope, id, treeSize);
    const ids = r.tables.plots.rows.map((p) => p.plotId as string);
    const rows = await db.query<{
      id: string;
      name: string | null;
      country: string;
      geometry: unknown;
      area_source: 'geodesic' | 'declared';
      declared_area_hectares: string | null;
      producer_name: string;
    }>(
      `SELECT p.id, p.name, p.country, p.geometry, p.area_source, p.declared_area_hectares::text AS declared_area_hectares,
              o.name AS producer_name
         FROM plots p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const plots: ExportPlot[] = ids.map((plotId) => {
      const row = byId.get(plotId)!;
      return {
        id: row.id,
        producerName: row.producer_name,
        producerCountry: row.country.trim(),
        productionPlace: row.name ?? row.id,
        geometry: jsonValue(row.geometry),
        declaredAreaHectares:
          row.area_source === 'declared' && row.declared_area_hectares !== null
            ? Number(row.declared_area_hectares)
            : null,
      };
    });
    return { report: r, text: plotsFeatureCollection(plots).text };
  }

  return { report, geojson, checkpoint };
}

export type ReportService = ReturnType<typeof createReportService>;
