// Typed entries (docs/decisions/0028-typed-entries.md): every body the service writes fits its type's
// schema, and the writer refuses one that does not, or a type with no schema, before anything is written.
import { randomUUID } from 'node:crypto';
import { ENTRY_DEFINITIONS, EntryBodyError, entryRegistry } from '@groundtruth/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { appendRecord, appendRecords, type RecordSpec } from '../src/record.ts';
import { buildTestApp, openedEntry, type TestApp } from './helper.ts';

const SYSTEM = { subject: 'system:test', role: 'admin' as const };

describe('typed entries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoData(t.runtime);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ledgerSize = () => t.runtime.reader.size();
  const organisationRows = async () =>
    Number((await t.runtime.db.query<{ n: string }>('SELECT count(*) AS n FROM organisations'))[0]!.n);

  /** An organisation.registered record like the route's, with its body changed by `edit`. */
  function registration(edit: (body: Record<string, unknown>) => void): RecordSpec {
    const id = randomUUID();
    const body: Record<string, unknown> = {
      name: 'Kofi Cocoa Cooperative',
      kind: 'supplier',
      country: 'GH',
      role: 'cooperative',
      identifiers: {},
    };
    edit(body);
    return {
      type: 'organisation.registered',
      subject: `organisation:${id}`,
      body: body as RecordSpec['body'],
      conflict: 'exists',
    };
  }

  it('accepts every stored entry of the demo, read back in the clear with its disclosures', async () => {
    const registry = entryRegistry(ENTRY_DEFINITIONS);
    const size = Number(await ledgerSize());
    const seen = new Map<string, number>();
    for (let index = 0; index < size; index++) {
      const entry = await openedEntry(t, index);
      const definition = registry.get(`${entry.type}@${entry.version}`);
      expect(definition, `${entry.type} v${entry.version} at ${index}`).toBeDefined();
      const parsed = definition!.body.safeParse(entry.body);
      expect(parsed.error?.issues ?? [], `${entry.type} at ${index}`).toEqual([]);
      seen.set(entry.type, (seen.get(entry.type) ?? 0) + 1);
    }
    // The demo writes these types; the other types are checked as every other test suite writes them.
    expect([...seen.keys()].sort()).toEqual(
      [
        'attestation.recorded',
        'attestation.statement',
        'demo.seeded',
        'event.harvest',
        'event.transfer',
        'event.transformation',
        'key.registered',
        'organisation.registered',
        'plot.mapped',
        'product.registered',
        'relationship.declared',
      ].sort(),
    );
  });

  it('refuses a body with a missing field, naming the type and the field, and writes nothing', async () => {
    const [sizeBefore, rowsBefore] = [await ledgerSize(), await organisationRows()];
    const refusal = appendRecord(
      t.runtime.writer,
      SYSTEM,
      registration((body) => delete body.country),
    );
    await expect(refusal).rejects.toBeInstanceOf(EntryBodyError);
    await expect(refusal).rejects.toThrow(/^entry type organisation\.registered version 1: body\.country: /);
    expect(await ledgerSize()).toBe(sizeBefore);
    expect(await organisationRows()).toBe(rowsBefore);
  });

  it('refuses a field of the wrong type, or one the type does not have', async () => {
    const sizeBefore = await ledgerSize();
    await expect(
      appendRecord(
        t.runtime.writer,
        SYSTEM,
        registration((body) => {
          body.kind = 42;
        }),
      ),
    ).rejects.toThrow(/^entry type organisation\.registered version 1: body\.kind: /);
    await expect(
      appendRecord(
        t.runtime.writer,
        SYSTEM,
        registration((body) => {
          body.description = 'not part of the entry';
        }),
      ),
    ).rejects.toMatchObject({
      entryType: 'organisation.registered',
      issues: [expect.objectContaining({ path: '', message: expect.stringContaining('description') })],
    });
    await expect(
      appendRecord(
        t.runtime.writer,
        SYSTEM,
        registration((body) => {
          body.identifiers = { gln: 4012345000009 };
        }),
      ),
    ).rejects.toThrow(/body\.identifiers\.gln: /);
    expect(await ledgerSize()).toBe(sizeBefore);
  });

  it('refuses the whole request when one of its entries does not fit, and writes none of them', async () => {
    const [sizeBefore, rowsBefore] = [await ledgerSize(), await organisationRows()];
    const fitting = registration(() => {});
    const misfit = registration((body) => {
      body.country = 'Ghana';
    });
    await expect(appendRecords(t.runtime.writer, SYSTEM, [fitting, misfit])).rejects.toThrow(
      /^entry type organisation\.registered version 1: body\.country: /,
    );
    expect(await ledgerSize()).toBe(sizeBefore);
    expect(await organisationRows()).toBe(rowsBefore);
  });

  it('refuses a record that logs a signature without naming its key for the check under the lock', async () => {
    // Any body with a `jws` records a signature (attestations, statements, audit conclusions, passport
    // credentials): appendRecords re-checks its key under the writer's lock only if the record names
    // it, so one that does not, or names another kid, is a programming error refused before writing.
    const organisation = randomUUID();
    const conclusion = (signedBy?: RecordSpec['signedBy']): RecordSpec => ({
      type: 'audit.concluded',
      subject: `audit:${randomUUID()}`,
      body: {
        brand: `organisation:${randomUUID()}`,
        auditor: `organisation:${organisation}`,
        kid: 'kid-of-the-body',
        jws: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
      },
      conflict: 'exists',
      ...(signedBy ? { signedBy } : {}),
    });
    const sizeBefore = await ledgerSize();
    for (const spec of [
      conclusion(),
      conclusion({ organisationId: organisation, kid: 'another-kid' }),
      // The right kid, but of another organisation than the one the body says signed.
      conclusion({ organisationId: randomUUID(), kid: 'kid-of-the-body' }),
    ])
      await expect(appendRecords(t.runtime.writer, SYSTEM, [registration(() => {}), spec])).rejects.toThrow(
        /^audit\.concluded logs a signature: the record's signedBy must name the body's signer and kid$/,
      );
    expect(await ledgerSize()).toBe(sizeBefore);
  });

  it('refuses an entry type that has a disclosure policy but no body schema', async () => {
    const sizeBefore = await ledgerSize();
    await expect(
      t.runtime.writer.append({
        entries: [
          {
            type: 'organisation.registered',
            version: 2,
            at: new Date().toISOString(),
            actor: 'system:test',
            subject: `organisation:${randomUUID()}`,
            body: {},
          },
        ],
      }),
    ).rejects.toThrow('entry type organisation.registered version 2 has no body schema');
    expect(await ledgerSize()).toBe(sizeBefore);
  });

  it('names only routes the OpenAPI document has as writers of an entry', async () => {
    const document = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    for (const definition of ENTRY_DEFINITIONS)
      for (const writer of definition.writtenBy)
        if (writer !== 'demo seed') expect(operations, `${definition.type}: ${writer}`).toContain(writer);
  });
});
