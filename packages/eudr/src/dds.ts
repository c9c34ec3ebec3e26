// The data of a due-diligence statement (DDS) for one lot, from facts the service loads: the V3 API's
// fields where the Information System has them (EC "EUDR IS Operator API Reference" V3 §4, §7, §10),
// and beside them what our records say about how far those fields can be trusted. Pure: the caller
// loads, this maps. docs/eudr.md documents every field and where it comes from.
import { type ExportPlot, type GeometryCheck, plotsFeatureCollection } from './geojson.ts';
import { EU_MEMBER_STATES, HIGH_RISK_COUNTRIES, hsHeadingFor } from './reference.ts';
import { IS_LIMITS, type Producer, producersForStatements, type StatementLimits } from './statement.ts';

export type ActivityType = 'IMPORT' | 'EXPORT' | 'DOMESTIC';

export interface StatementFinding {
  id: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The share of the lot the finding touches, where the mass balance knows it. */
  exposure: number | null;
}

export interface UpstreamStatement {
  batchId: string;
  lot: string;
  referenceNumber: string;
  verificationNumber: string;
  entryIndex: number;
  recordedAt: string;
}

/** The newest deforestation check of a plot (services/api forest checks, decision 0020). */
export interface PlotDeforestationCheck {
  plotId: string;
  checkedAt: string;
  verdict: 'not_covered' | 'partially_covered' | 'forest_2020' | 'loss_after_2020' | 'no_forest_2020';
  coveredShare: number;
  forestShare: number | null;
  lostShare: number | null;
  dataset: { name: string; version: string };
  findingId: string | null;
}

export interface StatementInput {
  batch: {
    id: string;
    lot: string;
    material: string;
    description: string | null;
    productName: string | null;
    quantity: { value: string; unit: string; grams: string | null };
  };
  operator: { organisationId: string; name: string; country: string; identifiers: Record<string, string> };
  /** Countries of the organisations the lot (or what it was made from) was received from by transfer. */
  receivedFromCountries: string[];
  /** The activity the caller states; derived when absent. */
  activity?: ActivityType | undefined;
  /** HS heading the caller states; from the material when absent. */
  hsHeading?: string | undefined;
  plots: ExportPlot[];
  /** Upstream plots whose owner the caller may not see: left out, and said. */
  withheldPlots: number;
  productionPeriod: { from: string; to: string } | null;
  traceability: {
    tracedShare: number;
    untracedShare: number;
    untracedGrams: string;
    unevaluableRecords: number;
    cyclic: boolean;
  };
  findings: StatementFinding[];
  upstreamStatements: UpstreamStatement[];
  treeSize: number;
  /** The newest deforestation check of each upstream plot that has one (absent: none run). */
  deforestationChecks?: PlotDeforestationCheck[];
}

/**
 * What the deforestation checks say about the lot's plots. Only a check of every plot with the map
 * covering it and no forest in 2020 reads as "no deforestation detected"; a plot unchecked, or not
 * covered by the map, keeps the lot short of that, and says which.
 */
export function deforestationAssessment(plotIds: string[], checks: PlotDeforestationCheck[]) {
  const byPlot = new Map(checks.filter((c) => plotIds.includes(c.plotId)).map((c) => [c.plotId, c]));
  const unchecked = plotIds.filter((id) => !byPlot.has(id));
  const count = (verdict: PlotDeforestationCheck['verdict']) =>
    [...byPlot.values()].filter((c) => c.verdict === verdict).length;
  const datasets = [
    ...new Set([...byPlot.values()].map((c) => `${c.dataset.name} ${c.dataset.version}`)),
  ].sort();
  const verdicts = {
    loss_after_2020: count('loss_after_2020'),
    forest_2020: count('forest_2020'),
    not_covered: count('not_covered'),
    partially_covered: count('partially_covered'),
    no_forest_2020: count('no_forest_2020'),
  };
  const risky = verdicts.loss_after_2020 + verdicts.forest_2020;
  const uncovered = verdicts.not_covered + verdicts.partially_covered;
  const status =
    byPlot.size === 0
      ? ('not_assessed' as const)
      : risky > 0
        ? ('risk' as const)
        : unchecked.length > 0 || uncovered > 0
          ? ('incomplete' as const)
          : ('no_deforestation_detected' as const);
  const detail = {
    not_assessed:
      'No deforestation check has been run on these plots. This is not a finding of no deforestation.',
    risk: `${risky} of ${plotIds.length} plot(s) were forest at the end of 2020 or lost forest after it, beyond the tolerance.`,
    incomplete: `${unchecked.length} plot(s) have no check and ${uncovered} are not (fully) covered by the forest map: no conclusion of no deforestation is possible for the lot.`,
    no_deforestation_detected: `Every plot was checked against ${datasets.join(', ')} and none was forest at the end of 2020 beyond the tolerance.`,
  }[status];
  return {
    status,
    detail,
    plots: plotIds.length,
    checked: byPlot.size,
    unchecked: unchecked.length,
    verdicts,
    datasets,
    checks: [...byPlot.values()].sort((a, b) => a.plotId.localeCompare(b.plotId)),
  };
}

/** Below this the traced share is counted as whole: float sums of exact shares drift by ~1e-15. */
const SHARE_EPSILON = 1e-9;

/** A decimal number of grams as kilograms, exactly (moves the point three places). */
export function gramsToKilograms(grams: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(grams);
  if (!match) throw new RangeError(`not a decimal number of grams: ${grams}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = whole!.padStart(4, '0');
  const kg = `${digits.slice(0, -3).replace(/^0+(?=\d)/, '')}.${digits.slice(-3)}${fraction}`;
  const trimmed = kg.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '0' ? '0' : `${sign}${trimmed}`;
}

/**
 * IMPORT when an operator in the EU received the goods from outside it; DOMESTIC when it and every
 * supplier it received them from are in the EU; undefined when our records cannot tell (an operator
 * outside the EU, or goods it produced itself): the operator states it.
 */
export function deriveActivity(operatorCountry: string, receivedFrom: string[]): ActivityType | undefined {
  if (!EU_MEMBER_STATES.has(operatorCountry) || receivedFrom.length === 0) return undefined;
  return receivedFrom.some((c) => !EU_MEMBER_STATES.has(c)) ? 'IMPORT' : 'DOMESTIC';
}

const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)} %`;

export function buildStatement(
  input: StatementInput,
  encode: (text: string) => string,
  limits: StatementLimits = IS_LIMITS,
) {
  const { batch, traceability } = input;
  const collection = plotsFeatureCollection(input.plots);
  const parts = producersForStatements(collection.features, encode, limits);
  const errors = collection.checks.filter((c) => c.severity === 'error');
  const countries = [...new Set(input.plots.map((p) => p.producerCountry))].sort();

  const blended = traceability.untracedShare > SHARE_EPSILON;
  const gaps: string[] = [];
  if (blended)
    gaps.push(
      `${percent(traceability.untracedShare)} of this lot (${gramsToKilograms(traceability.untracedGrams)} kg) traces to no plot that could have grown it: it is blended with untraced or over-yield volume. The plots listed geolocate the rest of the lot, not all of it, and the EC treats mixing with goods of unknown origin as making the whole lot non-compliant.`,
    );
  if (traceability.unevaluableRecords > 0)
    gaps.push(
      `${traceability.unevaluableRecords} upstream record(s) carry a mass no real lot has and were left out of the balance.`,
    );
  if (traceability.cyclic)
    gaps.push('the lot’s upstream graph contains a cycle: its origin cannot be worked out.');
  if (input.plots.length === 0) gaps.push('no plot is upstream of this lot.');
  if (input.withheldPlots > 0)
    gaps.push(
      `${input.withheldPlots} upstream plot(s) belong to organisations outside the caller’s chain and are not listed.`,
    );
  if (collection.excluded.length > 0)
    gaps.push(
      `${collection.excluded.length} plot(s) cannot be sent as the IS reads geometry and are left out of the file.`,
    );
  if (errors.length > 0)
    gaps.push(`${errors.length} geometry check(s) would make the IS refuse a plot (see geolocation.checks).`);
  const complete = gaps.length === 0;

  const massKnown = batch.quantity.grams !== null;
  const hsHeading = input.hsHeading ?? hsHeadingFor(batch.material);
  const description = (batch.productName ?? batch.description ?? batch.material).slice(
    0,
    IS_LIMITS.descriptionOfGoodsChars,
  );
  const activity =
    input.activity ?? deriveActivity(input.operator.country, input.receivedFromCountries) ?? null;
  const declarations = [
    ...new Map(
      input.upstreamStatements.map((s) => [
        s.referenceNumber,
        { referenceNumber: s.referenceNumber, verificationNumber: s.verificationNumber },
      ]),
    ).values(),
  ];
  const notes: string[] = [];
  if (!hsHeading)
    notes.push(`no HS heading is known for material "${batch.material}": the operator states it.`);
  if (!activity)
    notes.push(
      'the activity (IMPORT, EXPORT or DOMESTIC) cannot be told from our records: the operator states it.',
    );
  if ((activity === 'IMPORT' || activity === 'EXPORT') && !input.operator.identifiers.eori)
    notes.push('IMPORT and EXPORT need the operator’s EORI number; none is recorded.');
  if (parts.length > 1)
    notes.push(
      `the geolocation exceeds what one statement may carry (${limits.statementBytes} bytes, ${limits.producersPerCommodity} producers): the lot needs ${parts.length} statements, and the operator divides its ${massKnown ? `${gramsToKilograms(batch.quantity.grams!)} kg` : 'quantity'} among them.`,
    );
  if (declarations.length > IS_LIMITS.groupedDeclarations)
    notes.push(
      `${declarations.length} upstream statements exceed the ${IS_LIMITS.groupedDeclarations} one statement may reference.`,
    );

  const statements = parts.map((part) => ({
    operatorRole: 'OPERATOR' as const,
    activityType: activity,
    commodities: [
      {
        descriptionOfGoods: description,
        hsHeading,
        // One statement: the lot's net mass. Several: the operator's division, not ours to guess.
        netWeight: parts.length === 1 && massKnown ? gramsToKilograms(batch.quantity.grams!) : null,
        supplementaryUnit: massKnown ? null : batch.quantity.value,
        supplementaryUnitQualifier: massKnown ? null : batch.quantity.unit,
        speciesInfo: null,
        producers: part.producers.map((p: Producer) => ({
          country: p.country,
          name: p.name,
          geometryGeojson: p.geometryGeojson,
          plotIds: p.plotIds,
        })),
      },
    ],
    groupedDeclarations: declarations.slice(0, IS_LIMITS.groupedDeclarations),
    geometryBytes: part.bytes,
  }));

  const highRisk = countries.filter((c) => HIGH_RISK_COUNTRIES.has(c));
  const openErrors = input.findings.filter((f) => f.severity === 'error');
  const deforestation = deforestationAssessment(
    input.plots.map((p) => p.id),
    input.deforestationChecks ?? [],
  );
  const concerns = [
    ...(blended ? ['volume of unknown or implausible origin is blended into the lot'] : []),
    ...(deforestation.status === 'risk' ? [`deforestation risk: ${deforestation.detail}`] : []),
    ...(highRisk.length ? [`production in a high-risk country (${highRisk.join(', ')})`] : []),
    ...(openErrors.length ? [`${openErrors.length} open mass-balance finding(s) of severity error`] : []),
    ...(errors.length || collection.excluded.length ? ['plots the IS would refuse'] : []),
  ];

  return {
    batchId: batch.id,
    lot: batch.lot,
    treeSize: input.treeSize,
    operator: {
      organisationId: input.operator.organisationId,
      name: input.operator.name,
      country: input.operator.country,
      identifiers: input.operator.identifiers,
      eori: input.operator.identifiers.eori ?? null,
    },
    statements,
    notes,
    countriesOfProduction: countries,
    productionPeriod: input.productionPeriod,
    netMass: {
      kilograms: massKnown ? gramsToKilograms(batch.quantity.grams!) : null,
      quantity: { value: batch.quantity.value, unit: batch.quantity.unit },
    },
    geolocation: {
      complete,
      statement: complete
        ? `All ${input.plots.length} plot(s) upstream of this lot are listed, and the whole lot traces to plots that could have grown it.`
        : `Geolocation is not complete: ${gaps.join(' ')}`,
      plots: input.plots.length,
      features: collection.features.length,
      excludedPlotIds: collection.excluded,
      withheldPlots: input.withheldPlots,
      tracedShare: traceability.tracedShare,
      untracedShare: traceability.untracedShare,
      untracedKilograms: gramsToKilograms(traceability.untracedGrams),
      checks: collection.checks as GeometryCheck[],
    },
    upstreamStatements: input.upstreamStatements,
    riskAssessment: {
      conclusion: concerns.length > 0 ? ('not_negligible' as const) : ('not_concluded' as const),
      reasons:
        concerns.length > 0
          ? concerns
          : deforestation.status === 'no_deforestation_detected'
            ? [
                'no concern found in our records; concluding the risk negligible is the operator’s own assessment, which these data support but do not make',
              ]
            : [
                `the deforestation check is ${deforestation.status.replace(/_/g, ' ')}: the risk cannot be concluded negligible without it`,
              ],
      countries: countries.map((country) => ({ country, highRisk: HIGH_RISK_COUNTRIES.has(country) })),
      findings: input.findings,
      deforestation,
    },
  };
}

export type DueDiligenceStatement = ReturnType<typeof buildStatement>;
