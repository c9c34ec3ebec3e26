// The audit report as data: every table a regulator reads, computed from facts loaded at one ledger
// checkpoint. Pure and deterministic: rows are sorted by stable keys, areas are summed in exact
// micro-hectares, and nothing reads a clock, so the same facts give the same canonical JSON bytes.
import { canonicalJson, type JsonValue } from '@groundtruth/ledger';
import { AUDIT_REPORT_TABLES } from '@groundtruth/schemas';
import type { FactBatch, FactInput, ReportCheckpoint, ReportFacts, ReportScope } from './model.ts';

export const REPORT_FORMAT = 'groundtruth-audit-report/1';

export type Cell = string | number | boolean | null;
export interface Table {
  /** Column names, in the order CSV and the PDF print them. */
  columns: string[];
  rows: Record<string, Cell>[];
}

export interface ReportSummary {
  organisations: number;
  tiers: number;
  plots: number;
  withheldPlots: number;
  plotAreaHectares: string;
  measuredMassKg: string;
  tracedMassKg: string;
  /** Share of the measured volume that reaches a plot through recorded events, 0–1, six places. */
  tracedShare: number;
  /** The same after mass balance's yield caps (its BLENDED_ORIGIN findings), null if none ran. */
  massBalanceTracedShare: number | null;
  plotsChecked: number;
  plotsAtRisk: number;
  plotsNotCovered: number;
  sitesWithRecentSnapshot: number;
  tiersWithoutSnapshot: number[];
  openFindings: number;
  resolvedFindings: number;
}

export interface AuditReport {
  format: typeof REPORT_FORMAT;
  scope: ReportScope;
  subject: { id: string; label: string; rootOrganisationId: string };
  checkpoint: ReportCheckpoint & { verify: string[] };
  summary: ReportSummary;
  tables: {
    suppliers: Table;
    volume: Table;
    plots: Table;
    evidenceSites: Table;
    evidenceTiers: Table;
    findings: Table;
    risk: Table;
  };
  notes: string[];
}

export type TableName = keyof AuditReport['tables'];
/** The tables in the order every rendering gives them: the wire contract's list (GET /v1/reports/…/csv/{table}). */
export const TABLE_NAMES: readonly TableName[] = AUDIT_REPORT_TABLES;

const MS_PER_DAY = 86_400_000;
/** Forest verdicts that need a person to look (decision 0020). */
const AT_RISK = new Set(['forest_2020', 'loss_after_2020']);
const NOT_COVERED = new Set(['not_covered', 'partially_covered']);

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Decimal text with up to six places to exact micro-units (areas and masses are stored so). */
function micro(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const negative = whole.startsWith('-');
  const units =
    BigInt(whole.replace('-', '') || '0') * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
  return negative ? -units : units;
}
function fromMicro(units: bigint, places: number): string {
  const scale = 10n ** BigInt(6 - places);
  const rounded = (units + scale / 2n) / scale;
  const unit = 10n ** BigInt(places);
  const whole = rounded / unit;
  const fraction = (rounded % unit).toString().padStart(places, '0');
  return places === 0 ? whole.toString() : `${whole}.${fraction}`;
}

/**
 * The share of each batch's mass that reaches a plot through the recorded events: a harvest's plot
 * inputs count in full, a batch input carries its own share, an input without a mass counts as
 * untraced (unless no input of the event has one: a harvest's plots weigh alike). Structural, over the graph at the checkpoint; mass balance's yield rules speak through
 * its findings.
 */
export function tracedShares(batches: FactBatch[], inputs: FactInput[]): Map<string, number> {
  const byId = new Map(batches.map((b) => [b.id, b]));
  const inputsOf = new Map<string, FactInput[]>();
  for (const i of [...inputs].sort((a, b) => byString(a.eventId, b.eventId) || a.position - b.position))
    inputsOf.set(i.eventId, [...(inputsOf.get(i.eventId) ?? []), i]);
  const share = new Map<string, number>();
  const visiting = new Set<string>();
  const shareOf = (batchId: string): number => {
    const known = share.get(batchId);
    if (known !== undefined) return known;
    const batch = byId.get(batchId);
    // A batch outside the loaded graph (or a cycle, which the recorded data should not have) is untraced.
    if (!batch || visiting.has(batchId)) return 0;
    visiting.add(batchId);
    const own = inputsOf.get(batch.producedBy) ?? [];
    // A harvest names its plots without a mass each: inputs that carry no mass at all weigh alike.
    const weighed = own.some((i) => i.massGrams !== null);
    let total = 0;
    let traced = 0;
    for (const i of own) {
      const weight = weighed ? (i.massGrams === null ? 0 : Number(i.massGrams)) : 1;
      total += weight;
      if (i.plotId !== null) traced += weight;
      else if (i.batchId !== null) traced += weight * shareOf(i.batchId);
    }
    visiting.delete(batchId);
    const result = total > 0 ? traced / total : 0;
    share.set(batchId, result);
    return result;
  };
  for (const b of batches) shareOf(b.id);
  return share;
}

export function verifyInstructions(checkpoint: ReportCheckpoint): string[] {
  return [
    `This report reads only ledger entries 0 to ${checkpoint.treeSize - 1} (tree size ${checkpoint.treeSize}).`,
    `Check the log's signed checkpoint and its consistency: gt verify --url <base URL> (then GET /v1/ledger/checkpoints/${checkpoint.treeSize} or the checkpoint note below).`,
    `The root hash of tree size ${checkpoint.treeSize} must be ${checkpoint.rootHashBase64} (base64), ${checkpoint.rootHashHex} (hex).`,
    `Requesting the same report at treeSize=${checkpoint.treeSize} gives byte-identical JSON (RFC 8785); compare SHA-256 digests.`,
  ];
}

export function buildReport(facts: ReportFacts): AuditReport {
  const orgs = [...facts.organisations].sort((a, b) => a.tier - b.tier || byString(a.id, b.id));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const nameOf = (id: string | null) => (id === null ? null : (orgById.get(id)?.name ?? null));
  const highRisk = new Set(facts.highRiskCountries);

  // Supplier tree by tier, with every onboarding status a brand recorded for the organisation.
  const onboardingOf = new Map<string, string[]>();
  for (const o of [...facts.onboarding].sort(
    (a, b) => byString(a.supplierId, b.supplierId) || byString(a.brandId, b.brandId),
  ))
    onboardingOf.set(o.supplierId, [
      ...(onboardingOf.get(o.supplierId) ?? []),
      `${o.brandName}: ${o.status}`,
    ]);
  const suppliers: Table = {
    columns: ['tier', 'organisationId', 'name', 'kind', 'country', 'onboarding'],
    rows: orgs.map((o) => ({
      tier: o.tier,
      organisationId: o.id,
      name: o.name,
      kind: o.kind,
      country: o.country,
      onboarding: onboardingOf.get(o.id)?.join('; ') ?? 'none recorded',
    })),
  };

  // Volume traced to plots.
  const shares = tracedShares(facts.batches, facts.inputs);
  const batchById = new Map(facts.batches.map((b) => [b.id, b]));
  let measuredMg = 0n;
  let tracedMg = 0n;
  // Mass balance states a batch's share only when it is short of whole (BLENDED_ORIGIN, CYCLE): a
  // batch it ran over without such a finding was whole by its yields.
  const blended = new Map<string, number>();
  for (const f of facts.findings)
    if ((f.rule === 'BLENDED_ORIGIN' || f.rule === 'CYCLE') && f.subjectKind === 'batch') {
      const share = (f.numbers as { tracedShare?: unknown } | null)?.tracedShare;
      blended.set(f.subjectId, f.rule === 'CYCLE' ? 0 : typeof share === 'number' ? share : 0);
    }
  let massBalanceMg = 0n;
  const volumeRows: Record<string, Cell>[] = [];
  for (const id of [...facts.measuredBatchIds].sort(byString)) {
    const b = batchById.get(id);
    if (!b) continue;
    const share = round6(shares.get(id) ?? 0);
    const grams = b.massGrams === null ? null : micro(b.massGrams);
    // Milligrams scaled by the share (six places) stay exact integers.
    const tracedGrams = grams === null ? null : (grams * BigInt(Math.round(share * 1e6))) / 1_000_000n;
    const massBalanceShare = facts.massBalanceRunTreeSize === null ? null : round6(blended.get(id) ?? 1);
    if (grams !== null && tracedGrams !== null) {
      measuredMg += grams;
      tracedMg += tracedGrams;
      massBalanceMg += (grams * BigInt(Math.round((massBalanceShare ?? 0) * 1e6))) / 1_000_000n;
    }
    volumeRows.push({
      batchId: b.id,
      lot: b.lot,
      holder: nameOf(b.organisationId),
      commodity: b.commodity,
      massKg: grams === null ? null : fromMicro(grams / 1000n, 3),
      tracedKg: tracedGrams === null ? null : fromMicro(tracedGrams / 1000n, 3),
      tracedShare: grams === null ? null : share,
      massBalanceTracedShare: grams === null ? null : massBalanceShare,
    });
  }
  const volume: Table = {
    columns: [
      'batchId',
      'lot',
      'holder',
      'commodity',
      'massKg',
      'tracedKg',
      'tracedShare',
      'massBalanceTracedShare',
    ],
    rows: volumeRows,
  };

  // Plots with their area and the newest deforestation check run at or before the checkpoint.
  const checkOf = new Map(facts.forestChecks.map((c) => [c.plotId, c]));
  const plotRows = [...facts.plots]
    .sort((a, b) => a.entryIndex - b.entryIndex || byString(a.id, b.id))
    .map((p) => {
      const c = checkOf.get(p.id);
      return {
        plotId: p.id,
        producer: nameOf(p.organisationId),
        name: p.name,
        country: p.country,
        commodity: p.commodity,
        areaHectares: fromMicro(micro(p.areaHectares), 4),
        areaSource: p.areaSource,
        deforestation: c ? c.verdict : 'not_checked',
        forestShare2020: c?.forestShare ?? null,
        lostShareAfter2020: c?.lostShare ?? null,
        coveredShare: c ? c.coveredShare : null,
        dataset: c ? `${c.dataset} ${c.datasetVersion}` : null,
        link: `/v1/plots/${p.id}`,
      } satisfies Record<string, Cell>;
    });
  const plots: Table = {
    columns: [
      'plotId',
      'producer',
      'name',
      'country',
      'commodity',
      'areaHectares',
      'areaSource',
      'deforestation',
      'forestShare2020',
      'lostShareAfter2020',
      'coveredShare',
      'dataset',
      'link',
    ],
    rows: plotRows,
  };
  const plotAreaMicro = facts.plots.reduce((sum, p) => sum + micro(p.areaHectares), 0n);

  // Evidence coverage: signed snapshots (attestations) per site, recent if captured within
  // recentDays before the checkpoint was issued.
  const cutoff = Date.parse(facts.checkpoint.issuedAt) - facts.recentDays * MS_PER_DAY;
  const evidenceSites: Table = {
    columns: ['organisationId', 'name', 'tier', 'snapshots', 'latestCapturedAt', 'recent'],
    rows: orgs.map((o) => {
      const own = facts.attestations.filter((a) => a.organisationId === o.id);
      const latest =
        own
          .map((a) => a.capturedAt)
          .sort(byString)
          .at(-1) ?? null;
      return {
        organisationId: o.id,
        name: o.name,
        tier: o.tier,
        snapshots: own.length,
        latestCapturedAt: latest,
        recent: latest !== null && Date.parse(latest) >= cutoff,
      };
    }),
  };
  const tiers = [...new Set(orgs.map((o) => o.tier))].sort((a, b) => a - b);
  const evidenceTiers: Table = {
    columns: ['tier', 'organisations', 'withSnapshots', 'withRecentSnapshot'],
    rows: tiers.map((tier) => {
      const rows = evidenceSites.rows.filter((r) => r.tier === tier);
      return {
        tier,
        organisations: rows.length,
        withSnapshots: rows.filter((r) => (r.snapshots as number) > 0).length,
        withRecentSnapshot: rows.filter((r) => r.recent === true).length,
      };
    }),
  };

  // Findings as they stood at the checkpoint, open ones first, most serious first.
  const severityRank: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const findingRows = [...facts.findings]
    .sort(
      (a, b) =>
        Number(a.resolution !== null) - Number(b.resolution !== null) ||
        (severityRank[a.severity] ?? 3) - (severityRank[b.severity] ?? 3) ||
        byString(a.rule, b.rule) ||
        byString(a.id, b.id),
    )
    .map((f) => ({
      findingId: f.id,
      status: f.resolution ? 'resolved' : 'open',
      severity: f.severity,
      rule: f.rule,
      subject: `${f.subjectKind}:${f.subjectId}`,
      holder: nameOf(f.organisationId),
      period: f.period,
      message: f.message,
      numbers: canonicalJson((f.numbers ?? null) as JsonValue),
      computedAtTreeSize: f.treeSize,
      resolution: f.resolution?.text ?? null,
      resolutionEntry: f.resolution?.entryIndex ?? null,
    }));
  const findings: Table = {
    columns: [
      'findingId',
      'status',
      'severity',
      'rule',
      'subject',
      'holder',
      'period',
      'message',
      'numbers',
      'computedAtTreeSize',
      'resolution',
      'resolutionEntry',
    ],
    rows: findingRows,
  };

  // Risk per country of production and commodity.
  const plotOrg = new Map(facts.plots.map((p) => [p.id, p]));
  const riskKey = (country: string, commodity: string) => `${country}\u0000${commodity}`;
  const risk = new Map<
    string,
    {
      country: string;
      commodity: string;
      plots: number;
      area: bigint;
      atRisk: number;
      notCovered: number;
      unchecked: number;
      openFindings: number;
    }
  >();
  for (const p of facts.plots) {
    const key = riskKey(p.country, p.commodity);
    const r = risk.get(key) ?? {
      country: p.country,
      commodity: p.commodity,
      plots: 0,
      area: 0n,
      atRisk: 0,
      notCovered: 0,
      unchecked: 0,
      openFindings: 0,
    };
    const c = checkOf.get(p.id);
    r.plots += 1;
    r.area += micro(p.areaHectares);
    if (!c) r.unchecked += 1;
    else if (AT_RISK.has(c.verdict)) r.atRisk += 1;
    else if (NOT_COVERED.has(c.verdict)) r.notCovered += 1;
    risk.set(key, r);
  }
  for (const f of facts.findings) {
    if (f.resolution || f.subjectKind !== 'plot') continue;
    const p = plotOrg.get(f.subjectId);
    const r = p ? risk.get(riskKey(p.country, p.commodity)) : undefined;
    if (r) r.openFindings += 1;
  }
  const riskTable: Table = {
    columns: [
      'country',
      'commodity',
      'highRiskCountry',
      'plots',
      'areaHectares',
      'plotsAtRisk',
      'plotsNotCovered',
      'plotsNotChecked',
      'openPlotFindings',
      'level',
    ],
    rows: [...risk.values()]
      .sort((a, b) => byString(a.country, b.country) || byString(a.commodity, b.commodity))
      .map((r) => ({
        country: r.country,
        commodity: r.commodity,
        highRiskCountry: highRisk.has(r.country),
        plots: r.plots,
        areaHectares: fromMicro(r.area, 4),
        plotsAtRisk: r.atRisk,
        plotsNotCovered: r.notCovered,
        plotsNotChecked: r.unchecked,
        openPlotFindings: r.openFindings,
        // Never "low": what is unchecked or uncovered is not known to be free of deforestation.
        level:
          highRisk.has(r.country) || r.atRisk > 0 || r.openFindings > 0
            ? 'high'
            : r.unchecked > 0 || r.notCovered > 0
              ? 'not_assessed'
              : 'no_deforestation_detected',
      })),
  };

  const open = findingRows.filter((f) => f.status === 'open').length;
  const measuredKg = fromMicro(measuredMg / 1000n, 3);
  const summary: ReportSummary = {
    organisations: orgs.length,
    tiers: tiers.length,
    plots: facts.plots.length,
    withheldPlots: facts.withheldPlots,
    plotAreaHectares: fromMicro(plotAreaMicro, 4),
    measuredMassKg: measuredKg,
    tracedMassKg: fromMicro(tracedMg / 1000n, 3),
    tracedShare: measuredMg === 0n ? 0 : round6(Number((tracedMg * 1_000_000n) / measuredMg) / 1e6),
    massBalanceTracedShare:
      facts.massBalanceRunTreeSize === null
        ? null
        : measuredMg === 0n
          ? 0
          : round6(Number((massBalanceMg * 1_000_000n) / measuredMg) / 1e6),
    plotsChecked: plotRows.filter((p) => p.deforestation !== 'not_checked').length,
    plotsAtRisk: plotRows.filter((p) => AT_RISK.has(p.deforestation)).length,
    plotsNotCovered: plotRows.filter((p) => NOT_COVERED.has(p.deforestation)).length,
    sitesWithRecentSnapshot: evidenceSites.rows.filter((r) => r.recent === true).length,
    tiersWithoutSnapshot: evidenceTiers.rows
      .filter((r) => r.withSnapshots === 0)
      .map((r) => r.tier as number),
    openFindings: open,
    resolvedFindings: findingRows.length - open,
  };

  return {
    format: REPORT_FORMAT,
    scope: facts.scope,
    subject: { id: facts.subjectId, label: facts.subjectLabel, rootOrganisationId: facts.rootOrganisationId },
    checkpoint: { ...facts.checkpoint, verify: verifyInstructions(facts.checkpoint) },
    summary,
    tables: { suppliers, volume, plots, evidenceSites, evidenceTiers, findings, risk: riskTable },
    notes: [
      'Traced share is structural: the share of the measured mass that reaches a plot through events recorded before the checkpoint; inputs without a mass count as untraced unless no input of the event has one (a harvest). The mass-balance share also caps what each plot could grow: it is the tracedShare of the BLENDED_ORIGIN finding standing at the checkpoint, or 1 where the newest run at or below the checkpoint found none.',
      'Findings are the versions computed at a tree size at or below the checkpoint and not superseded by a run at or below it; a resolution counts only if its ledger entry is below the checkpoint.',
      `A snapshot is recent when captured within ${facts.recentDays} days before the checkpoint was issued.`,
      'Organisation names and countries are read as they stand now: an organisation.updated entry after the checkpoint changes them (their earlier values are committed, not in clear).',
      'A plot without a deforestation check, or outside the forest map, is "not_checked" or "not_covered", never "no deforestation".',
    ],
  };
}

/** The report as RFC 8785 canonical JSON: the bytes that reproduce at the same checkpoint. */
export function reportJson(report: AuditReport): string {
  return canonicalJson(report as unknown as JsonValue);
}
