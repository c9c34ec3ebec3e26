// Rule: a transformation cannot make mass. Its outputs, converted to base-material equivalents with the
// factor table, must not exceed its inputs' equivalents by more than the tolerance (default 0.5 %, as
// ISCC allows between booked and physical stock). A transfer is the same rule with one material.
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  multiply,
  parseDecimal,
  round,
} from '@groundtruth/quantity';
import type { Finding } from './findings.ts';
import { baseEquivalent, decimalToNumber, type MaterialAmount, sum } from './materials.ts';
import type { ReferenceTable } from './reference.ts';

export const DEFAULT_CONSERVATION_TOLERANCE = '0.005';

export interface Conversion {
  eventId: string;
  kind: 'transfer' | 'transformation';
  inputs: MaterialAmount[];
  outputs: MaterialAmount[];
}

export interface ConservationResult {
  inputGrams: Decimal;
  outputGrams: Decimal;
  /** Inputs × (1 + tolerance): the most the outputs may stand for. */
  limitGrams: Decimal;
  findings: Finding[];
}

export function checkConservation(
  table: ReferenceTable,
  conversion: Conversion,
  options: { tolerance?: string } = {},
): ConservationResult {
  const tolerance = options.tolerance ?? DEFAULT_CONSERVATION_TOLERANCE;
  const findings: Finding[] = [];
  const subject = { kind: 'event' as const, id: conversion.eventId };
  const equivalents = (amounts: MaterialAmount[]) =>
    amounts.map((amount) => {
      const eq = baseEquivalent(table, amount);
      if (eq.ok) return eq;
      findings.push({
        rule: 'UNKNOWN_MATERIAL',
        severity: 'warning',
        subject,
        message: `${eq.reason}: this ${conversion.kind} cannot be checked for conservation`,
        numbers: { material: amount.material, grams: amount.grams },
        referenceVersion: table.version,
      });
      return undefined;
    });
  const inputs = equivalents(conversion.inputs);
  const outputs = equivalents(conversion.outputs);
  const zero = parseDecimal('0');
  if (findings.length > 0) return { inputGrams: zero, outputGrams: zero, limitGrams: zero, findings };

  const commodities = new Set([...inputs, ...outputs].map((e) => e!.commodity));
  if (commodities.size > 1) {
    findings.push({
      rule: 'MASS_IMBALANCE',
      severity: 'error',
      subject,
      message: `a ${conversion.kind} may not cross commodities (${[...commodities].join(', ')})`,
      numbers: { commodities: [...commodities].join(',') },
      referenceVersion: table.version,
    });
  }
  const inputGrams = sum(inputs.map((e) => e!.grams));
  const outputGrams = sum(outputs.map((e) => e!.grams));
  const limitGrams = round(multiply(inputGrams, add(parseDecimal('1'), parseDecimal(tolerance))), 3);
  if (compare(outputGrams, limitGrams) > 0) {
    const ratio = decimalToNumber(outputGrams) / decimalToNumber(inputGrams);
    findings.push({
      rule: 'MASS_IMBALANCE',
      severity: 'error',
      subject,
      message:
        `outputs stand for ${kg(outputGrams)} kg of ${[...commodities][0]} base material but inputs for only ` +
        `${kg(inputGrams)} kg (${((ratio - 1) * 100).toFixed(2)} % more; tolerance ${(Number(tolerance) * 100).toFixed(1)} %)`,
      numbers: {
        inputEquivalentGrams: formatDecimal(inputGrams),
        outputEquivalentGrams: formatDecimal(outputGrams),
        limitGrams: formatDecimal(limitGrams),
        excessGrams: formatDecimal(add(outputGrams, { units: -inputGrams.units, scale: inputGrams.scale })),
        tolerance,
      },
      referenceVersion: table.version,
    });
  }
  return { inputGrams, outputGrams, limitGrams, findings };
}

const kg = (grams: Decimal) => (decimalToNumber(grams) / 1000).toFixed(1);
