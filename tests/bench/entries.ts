// Entry bodies the benchmarks log, shaped like the service's own.

const uuid = () => crypto.randomUUID();

/**
 * An `event.transfer` body as the events service logs it (schemas/src/entries/traceability.ts checks
 * it; about 650 bytes of canonical JSON once its quantities are committed).
 */
export function transferBody(n: number) {
  const kg = String(100 + (n % 9000));
  const receiver = `organisation:${uuid()}`;
  return {
    event: 'transfer',
    organisation: `organisation:${uuid()}`,
    eventTime: new Date(Date.UTC(2026, 5, 1) + n * 1000).toISOString(),
    inputs: [{ batch: `batch:${uuid()}`, quantity: { value: kg, unit: 'KGM' } }],
    outputs: [
      {
        batch: `batch:${uuid()}`,
        organisation: receiver,
        lot: `LOT-${n}`,
        quantity: { value: kg, unit: 'KGM' },
        material: 'cocoa_beans',
      },
    ],
  };
}
