// The deforestation check (decision 0020): loads plots, has @groundtruth/forest read the forest map
// over each and judge it, and stores each result with its DEFORESTATION_RISK finding in one
// transaction. Findings go where every other finding is (mass_balance_findings, name-based ids of
// decision 0009), so the findings list, a finding's thread and its resolution work for them unchanged.
import { randomUUID } from 'node:crypto';
import type { Database } from '@groundtruth/db';
import {
  deforestationFinding,
  ForestCover,
  ForestDataError,
  type PlotForestCheck,
  type PlotGeometry,
} from '@groundtruth/forest';
import type { FastifyBaseLogger } from 'fastify';
import type { Access } from '../../../access.ts';
import type { Principal } from '../../../auth.ts';
import type { ForestSettings } from '../../../config.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.ts';
import { NOT_VOIDED } from '../../custody/events/balance.ts';
import { type FindingColumns, writeIncrementalRun } from '../../massbalance/mass-balance/findings-store.ts';

interface PlotRow {
  id: string;
  organisation_id: string;
  geometry: unknown;
  area_hectares: string;
}

interface CheckRow {
  id: string;
  plot_id: string;
  verdict: PlotForestCheck['verdict'];
  coverage: PlotForestCheck['coverage'];
  geometry: PlotForestCheck['geometry'];
  dataset: string;
  dataset_version: string;
  loss_dataset: string | null;
  loss_dataset_version: string | null;
  area_hectares: number;
  covered_share: number;
  forest_share: number | null;
  forest_hectares: number;
  loss_covered_share: number | null;
  lost_share: number | null;
  lost_hectares: number | null;
  details: unknown;
  finding_id: string | null;
  severity: 'error' | 'warning' | null;
  message: string | null;
  tree_size: string | number;
  requested_by: string;
  checked_at: Date | string;
}

/** One stored check of one plot, as the API answers it. */
export interface StoredForestCheck {
  id: string;
  plotId: string;
  checkedAt: string;
  treeSize: number;
  requestedBy: string;
  verdict: PlotForestCheck['verdict'];
  coverage: PlotForestCheck['coverage'];
  geometry: PlotForestCheck['geometry'];
  dataset: { name: string; version: string };
  areaHectares: number;
  coveredShare: number;
  forestShare: number | null;
  forestHectares: number;
  pixels: number;
  loss: {
    dataset: { name: string; version: string };
    coveredShare: number;
    lostShare: number | null;
    lostHectares: number;
    byYear: Record<string, number>;
  } | null;
  tolerance: { share: number; hectares: number };
  finding: { id: string; severity: 'error' | 'warning'; message: string } | null;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
// Stored rounded as the finding's numbers are: the same data gives the same row.
const r6 = (n: number | null) => (n === null ? null : Number(n.toFixed(6)));
const r4 = (n: number) => Number(n.toFixed(4));

function toCheck(row: CheckRow): StoredForestCheck {
  const details = json(row.details) as {
    pixels: number;
    lossByYear: Record<string, number> | null;
    tolerance: { share: number; hectares: number };
  };
  return {
    id: row.id,
    plotId: row.plot_id,
    checkedAt: new Date(row.checked_at).toISOString(),
    treeSize: Number(row.tree_size),
    requestedBy: row.requested_by,
    verdict: row.verdict,
    coverage: row.coverage,
    geometry: row.geometry,
    dataset: { name: row.dataset, version: row.dataset_version },
    areaHectares: row.area_hectares,
    coveredShare: row.covered_share,
    forestShare: row.forest_share,
    forestHectares: row.forest_hectares,
    pixels: details.pixels,
    loss:
      row.loss_dataset === null
        ? null
        : {
            dataset: { name: row.loss_dataset, version: row.loss_dataset_version! },
            coveredShare: row.loss_covered_share!,
            lostShare: row.lost_share,
            lostHectares: row.lost_hectares!,
            byYear: details.lossByYear ?? {},
          },
    tolerance: details.tolerance,
    finding:
      row.finding_id === null ? null : { id: row.finding_id, severity: row.severity!, message: row.message! },
  };
}

/** Each plot's newest check, with its finding's severity and message (the version written with it). */
const LATEST = `SELECT DISTINCT ON (c.plot_id) c.*, f.severity, f.message
    FROM forest_checks c
    LEFT JOIN mass_balance_findings f ON f.id = c.finding_id AND f.run_id = c.run_id
   WHERE c.plot_id = ANY($1::uuid[])
   ORDER BY c.plot_id, c.seq DESC`;

/** The plots upstream of a batch: every harvest's plot behind it, through events not voided. */
const UPSTREAM_PLOTS = `WITH RECURSIVE upstream(batch_id) AS (
     SELECT $1::uuid
     UNION
     SELECT i.batch_id FROM upstream u JOIN batches b ON b.id = u.batch_id
       JOIN trace_event_inputs i ON i.event_id = b.produced_by
      WHERE i.batch_id IS NOT NULL AND ${NOT_VOIDED('b.produced_by')})
   SELECT DISTINCT p.id, p.organisation_id, p.geometry, p.area_hectares::text AS area_hectares
     FROM upstream u JOIN batches b ON b.id = u.batch_id
     JOIN trace_event_inputs i ON i.event_id = b.produced_by AND i.plot_id IS NOT NULL
     JOIN plots p ON p.id = i.plot_id
    WHERE ${NOT_VOIDED('b.produced_by')}`;

export function createForestService({
  db,
  access,
  settings,
  log,
}: {
  db: Database;
  access: Access;
  settings: ForestSettings | undefined;
  log: FastifyBaseLogger;
}) {
  const cover = settings
    ? new ForestCover({
        forest: { source: settings.map.source, dataset: settings.map.dataset },
        loss: settings.loss ? { source: settings.loss.source, dataset: settings.loss.dataset } : undefined,
        tolerance: settings.tolerance,
        maxPixels: settings.maxPixels,
      })
    : undefined;
  const referenceVersion = settings
    ? [settings.map, ...(settings.loss ? [settings.loss] : [])]
        .map((l) => `${l.dataset.name} ${l.dataset.version}`)
        .join(' + ')
    : '';

  function requireCover(): ForestCover {
    if (!cover)
      throw new AppError(
        'unavailable',
        'no forest map is configured (GROUNDTRUTH_FOREST_MAP): checks are off',
      );
    return cover;
  }

  /** A plot the principal may see (404 otherwise, so ids of others do not leak). */
  async function visiblePlot(principal: Principal, plotId: string): Promise<PlotRow> {
    const [plot] = await db.query<PlotRow>(
      'SELECT id, organisation_id, geometry, area_hectares::text AS area_hectares FROM plots WHERE id = $1',
      [plotId],
    );
    if (!plot) throw notFound(`plot ${plotId} not found`);
    await access.requireVisible(principal, plot.organisation_id).catch(() => {
      throw notFound(`plot ${plotId} not found`);
    });
    return plot;
  }

  /**
   * Who may run a check (decision 0020): an admin; a compliance officer or an auditor who may see the
   * plot (an auditor through its grant); and the plot's own organisation (or its record keeper) in
   * any role. A buyer's procurement may see a supplier's plot but not run checks on it.
   */
  async function runnablePlot(principal: Principal, plotId: string): Promise<PlotRow> {
    const plot = await visiblePlot(principal, plotId);
    if (principal.role === 'compliance' || principal.role === 'auditor') return plot;
    if (!(await access.actsFor(principal, plot.organisation_id)))
      throw forbidden('only compliance officers, auditors and the plot’s own organisation run forest checks');
    return plot;
  }

  /** Reads the map over one plot; a plot beyond the pixel budget is the caller's to hear about. */
  async function measure(forest: ForestCover, plot: PlotRow): Promise<PlotForestCheck> {
    try {
      return await forest.check(json(plot.geometry) as PlotGeometry, Number(plot.area_hectares));
    } catch (error) {
      if (error instanceof ForestDataError && error.code === 'too_large')
        throw badRequest(`plot ${plot.id} is too large for a forest check: ${error.message}`, [
          { in: 'params', pointer: '/id', detail: error.message },
        ]);
      if (error instanceof ForestDataError) {
        log.error({ err: error, plotId: plot.id }, 'forest map unreadable');
        throw new AppError('unavailable', 'the forest map cannot be read at the moment', { cause: error });
      }
      throw error;
    }
  }

  /**
   * Stores the checks and their findings in one transaction: a run (what findings hang from), the
   * superseding of each plot's current DEFORESTATION_RISK finding, the new findings (a resolution of
   * the same numbers still covers them: decision 0036), and one forest_checks row per plot.
   */
  async function store(
    principal: Principal,
    startedAt: Date,
    checked: { plot: PlotRow; result: PlotForestCheck }[],
  ): Promise<StoredForestCheck[]> {
    const found: (FindingColumns & { plotId: string })[] = [];
    for (const { plot, result } of checked) {
      const finding = deforestationFinding(result);
      if (finding)
        found.push({
          ...finding,
          subject: { kind: 'plot', id: plot.id },
          organisationId: plot.organisation_id,
          plotId: plot.id,
        });
    }
    const checkIds = checked.map(() => randomUUID());
    await db.transaction(async (tx) => {
      // The forest map is not in the ledger: these findings cannot be rebuilt from it, so this commit
      // waits for the disk (durable).
      const plotIds = checked.map(({ plot }) => plot.id);
      const run = await writeIncrementalRun(tx, {
        requestedBy: principal.subject,
        startedAt,
        referenceVersion,
        found,
        supersede: (param) =>
          `rule = 'DEFORESTATION_RISK' AND subject_kind = 'plot' AND subject_id = ANY(${param(plotIds)}::text[])`,
        durable: true,
      });
      const findingOf = new Map(found.map((f, n) => [f.plotId, run.ids[n]!]));
      const rows = checked.map(({ plot, result }, n) => ({
        id: checkIds[n],
        plot_id: plot.id,
        organisation_id: plot.organisation_id,
        verdict: result.verdict,
        coverage: result.coverage,
        geometry: result.geometry,
        dataset: result.dataset.name,
        dataset_version: result.dataset.version,
        loss_dataset: result.loss?.dataset.name ?? null,
        loss_dataset_version: result.loss?.dataset.version ?? null,
        area_hectares: r4(result.areaHectares),
        covered_share: r6(result.coveredShare),
        forest_share: r6(result.forestShare),
        forest_hectares: r4(result.forestHectares),
        loss_covered_share: result.loss ? r6(result.loss.coveredShare) : null,
        lost_share: result.loss ? r6(result.loss.lostShare) : null,
        lost_hectares: result.loss ? r4(result.loss.lostHectares) : null,
        details: {
          pixels: result.pixels,
          lossByYear: result.loss
            ? Object.fromEntries(Object.entries(result.loss.byYear).map(([y, ha]) => [y, r4(ha)]))
            : null,
          tolerance: result.tolerance,
        },
        finding_id: findingOf.get(plot.id) ?? null,
      }));
      await tx.query(
        `INSERT INTO forest_checks (id, plot_id, organisation_id, verdict, coverage, geometry, dataset, dataset_version,
           loss_dataset, loss_dataset_version, area_hectares, covered_share, forest_share, forest_hectares,
           loss_covered_share, lost_share, lost_hectares, details, finding_id, run_id, tree_size, requested_by)
         SELECT r.id, r.plot_id, r.organisation_id, r.verdict, r.coverage, r.geometry, r.dataset, r.dataset_version,
                r.loss_dataset, r.loss_dataset_version, r.area_hectares, r.covered_share, r.forest_share,
                r.forest_hectares, r.loss_covered_share, r.lost_share, r.lost_hectares, r.details, r.finding_id,
                $2::uuid, $3::bigint, $4
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, plot_id uuid, organisation_id uuid, verdict text,
             coverage text, geometry text, dataset text, dataset_version text, loss_dataset text,
             loss_dataset_version text, area_hectares float8, covered_share float8, forest_share float8,
             forest_hectares float8, loss_covered_share float8, lost_share float8, lost_hectares float8,
             details jsonb, finding_id uuid)`,
        [JSON.stringify(rows), run.runId, run.treeSize, principal.subject],
      );
    });
    return latest(checked.map(({ plot }) => plot.id));
  }

  /** The newest stored check of each plot (plots never checked are absent). */
  async function latest(plotIds: string[]): Promise<StoredForestCheck[]> {
    if (plotIds.length === 0) return [];
    const rows = await db.query<CheckRow>(LATEST, [plotIds]);
    const byPlot = new Map(rows.map((r) => [r.plot_id, toCheck(r)]));
    return plotIds.flatMap((id) => byPlot.get(id) ?? []);
  }

  /** The plots upstream of a visible batch, split into those the principal may see and a count of the rest. */
  async function upstreamPlots(principal: Principal, batchId: string) {
    const plots = await db.query<PlotRow>(UPSTREAM_PLOTS, [batchId]);
    const visible = await access.visibleOrganisations(principal);
    const seen = visible === 'all' ? plots : plots.filter((p) => visible.includes(p.organisation_id));
    seen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { plots: seen, notVisible: plots.length - seen.length };
  }

  return {
    /** Checks one plot now and stores the result. */
    async checkPlot(principal: Principal, plotId: string): Promise<StoredForestCheck> {
      const forest = requireCover();
      const plot = await runnablePlot(principal, plotId);
      const startedAt = new Date();
      const result = await measure(forest, plot);
      const [stored] = await store(principal, startedAt, [{ plot, result }]);
      return stored!;
    },

    /** The plot's newest check (404 when it was never checked). */
    async plotCheck(principal: Principal, plotId: string): Promise<StoredForestCheck> {
      await visiblePlot(principal, plotId);
      const [check] = await latest([plotId]);
      if (!check) throw notFound(`plot ${plotId} has no forest check`);
      return check;
    },

    /**
     * Checks every plot upstream of a batch that the principal may see (the caller has checked the batch
     * is visible). Plots too large for a check are listed, not checked; nothing is stored unless every
     * other plot was read.
     */
    async checkBatch(principal: Principal, batchId: string) {
      const forest = requireCover();
      const { plots, notVisible } = await upstreamPlots(principal, batchId);
      if (plots.length > settings!.maxPlots)
        throw badRequest(
          `batch ${batchId} has ${plots.length} plots upstream, more than the ${settings!.maxPlots} one check covers`,
          [{ in: 'params', pointer: '/id', detail: `more than ${settings!.maxPlots} plots upstream` }],
        );
      const startedAt = new Date();
      const checked: { plot: PlotRow; result: PlotForestCheck }[] = [];
      const tooLarge: { plotId: string; message: string }[] = [];
      for (const plot of plots) {
        try {
          checked.push({ plot, result: await measure(forest, plot) });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'validation')) throw error;
          tooLarge.push({ plotId: plot.id, message: error.message });
        }
      }
      const checks = checked.length > 0 ? await store(principal, startedAt, checked) : [];
      return { batchId, checks, tooLarge, notVisible };
    },

    /** The newest check of each plot upstream of a batch (null where a plot was never checked). */
    async batchChecks(principal: Principal, batchId: string) {
      const { plots, notVisible } = await upstreamPlots(principal, batchId);
      const byPlot = new Map((await latest(plots.map((p) => p.id))).map((c) => [c.plotId, c]));
      return {
        batchId,
        plots: plots.map((p) => ({ plotId: p.id, check: byPlot.get(p.id) ?? null })),
        notVisible,
      };
    },

    /** The newest checks of these plots, for other services (an EUDR statement); no visibility check. */
    latest,
  };
}

export type ForestService = ReturnType<typeof createForestService>;
