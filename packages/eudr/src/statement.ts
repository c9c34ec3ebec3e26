// The geolocation part of a due-diligence statement as the IS's V3 API takes it: `producers[]`, each a
// name, a country and its plots as a base64 GeoJSON, within the IS's limits; split into several
// statements when one cannot hold them (EC "EUDR IS Operator API Reference" V3 §4, §7, §10).
import { base64Length, utf8Length } from './bytes.ts';
import { collectionText, featureText, type IsFeature } from './geojson.ts';

/** The IS's limits on one statement (API V3 §4, §10). */
export const IS_LIMITS = {
  /**
   * 25 MB per statement. Read as 25,000,000 bytes, the smaller of the two ways to read "MB", and
   * spent on the base64 geometries alone, less `envelopeBytes` kept for the rest of the message.
   */
  statementBytes: 25_000_000,
  envelopeBytes: 64 * 1024,
  producersPerCommodity: 1_000,
  producersPerStatement: 10_000,
  commoditiesPerStatement: 100,
  groupedDeclarations: 2_000,
  descriptionOfGoodsChars: 150,
} as const;

export interface StatementLimits {
  statementBytes: number;
  envelopeBytes: number;
  producersPerCommodity: number;
}

/** One `producers[]` element: a producer's plots as one base64 GeoJSON FeatureCollection. */
export interface Producer {
  name: string;
  country: string;
  /** base64 (RFC 4648 §4) of the UTF-8 FeatureCollection text, as `geometryGeojson` is sent. */
  geometryGeojson: string;
  plotIds: string[];
  /** Length of `geometryGeojson`: what it costs against the statement's limit. */
  bytes: number;
}

export interface StatementPart {
  producers: Producer[];
  /** Sum of the producers' base64 lengths. */
  bytes: number;
}

const producerKey = (f: IsFeature) =>
  JSON.stringify([f.properties.ProducerName, f.properties.ProducerCountry]);

/**
 * Groups features by producer (name and country, in order of first appearance) and packs them into as
 * few statements as the limits allow: whole producers first-fit in order; a producer too large for
 * one statement is cut into several `producers[]` elements of the same name, each as large as fits.
 * `encode` turns the collection's UTF-8 text into base64 (Buffer in Node, btoa in a browser).
 */
export function producersForStatements(
  features: readonly IsFeature[],
  encode: (text: string) => string,
  limits: StatementLimits = IS_LIMITS,
): StatementPart[] {
  const budget = limits.statementBytes - limits.envelopeBytes;
  const groups = new Map<string, IsFeature[]>();
  for (const f of features) {
    const key = producerKey(f);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }

  // Each producer as one or more elements that each fit the budget on their own. The collection's
  // size is kept as a running sum: its head and tail, each feature, a comma between two.
  const frame = utf8Length(collectionText([]));
  const elements: { features: IsFeature[]; texts: string[] }[] = [];
  for (const group of groups.values()) {
    let current = { features: [] as IsFeature[], texts: [] as string[], bytes: frame };
    for (const feature of group) {
      const text = featureText(feature);
      const size = utf8Length(text);
      if (base64Length(frame + size) > budget)
        throw new RangeError(
          `plot ${feature.id} alone is larger than one statement may carry (${budget} bytes of base64)`,
        );
      const comma = current.texts.length > 0 ? 1 : 0;
      if (base64Length(current.bytes + comma + size) > budget) {
        elements.push(current);
        current = { features: [], texts: [], bytes: frame };
      }
      current.bytes += (current.texts.length > 0 ? 1 : 0) + size;
      current.features.push(feature);
      current.texts.push(text);
    }
    elements.push(current); // a group has at least one feature
  }

  // Producers packed in order: a new statement when the last one is full (bytes or producers).
  const parts: StatementPart[] = [];
  for (const element of elements) {
    const first = element.features[0]!.properties;
    const geometryGeojson = encode(collectionText(element.texts));
    const producer: Producer = {
      name: first.ProducerName,
      country: first.ProducerCountry,
      geometryGeojson,
      plotIds: element.features.map((f) => f.id),
      bytes: geometryGeojson.length,
    };
    const last = parts.at(-1);
    if (
      last &&
      last.producers.length < limits.producersPerCommodity &&
      last.bytes + producer.bytes <= budget
    ) {
      last.producers.push(producer);
      last.bytes += producer.bytes;
    } else parts.push({ producers: [producer], bytes: producer.bytes });
  }
  return parts;
}
