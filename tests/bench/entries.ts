// Entry bodies the benchmarks log, shaped like the service's own.

const uuid = () => crypto.randomUUID();

/** An `event.transfer` body as the events service logs it (~600 bytes of canonical JSON). */
export function transferBody(n: number) {
  const kg = String(100 + (n % 9000));
  return {
    organisation: `organisation:${uuid()}`,
    to: `organisation:${uuid()}`,
    eventTime: new Date(Date.UTC(2026, 5, 1) + n * 1000).toISOString(),
    commodity: 'cocoa',
    inputs: [{ batchId: uuid(), quantity: { value: kg, unit: 'KGM' } }],
    outputs: [
      {
        id: uuid(),
        lot: `LOT-${n}`,
        material: 'cocoa_beans_dried',
        quantity: { value: kg, unit: 'KGM' },
      },
    ],
    bizLocation: 'urn:epc:id:sgln:0614141.00777.0',
  };
}
