import { openTestDatabase, type TestDatabase, testDatabaseKind } from '@groundtruth/db';
import {
  createEd25519Signer,
  createEd25519Verifier,
  disclosureDigest,
  type EntryEnvelope,
  encodeEntry,
  encodeVerifierKey,
  MemoryTree,
  openCheckpoint,
  revealBody,
  verifyConsistency,
  verifyInclusion,
} from '@groundtruth/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerRangeError, LedgerReader, LedgerWriter } from '../src/index.ts';

const ORIGIN = 'test.groundtruth.example/log';
const policies = {
  'test.appended': { owner: null, confidential: [] },
  'test.secret': { owner: 'subject', confidential: ['secret'] },
  // Field names that PostgreSQL's array literal would have to escape, and no owner.
  'test.awkward': { owner: null, confidential: ['a "b"\\c, {d}', 'list.*.q'] },
};
const OWNER = '5f0c3f0e-3a7b-4d6e-9a43-0d6f0d4b8f22';
const signer = createEd25519Signer(ORIGIN, new Uint8Array(32).fill(9));
const verifier = createEd25519Verifier(encodeVerifierKey(ORIGIN, signer.publicKey));

let counter = 0;
function entry(body: Record<string, string | number> = {}): EntryEnvelope {
  counter++;
  return {
    type: 'test.appended',
    version: 1,
    at: new Date(Date.UTC(2026, 10, 23, 0, 0, 0, counter)).toISOString(),
    actor: 'system',
    subject: `test:${counter}`,
    body: { n: counter, ...body },
  };
}

describe('LedgerWriter', () => {
  let t: TestDatabase;
  let writer: LedgerWriter;
  let reader: LedgerReader;

  beforeAll(async () => {
    t = await openTestDatabase();
    writer = new LedgerWriter({ db: t.db, origin: ORIGIN, signer, policies, checkEntry: null });
    await writer.init();
    reader = new LedgerReader(t.db);
  });
  afterAll(async () => {
    await writer.close();
    await t.destroy();
  });

  describe('#init', () => {
    it('signs a checkpoint of the empty tree once', async () => {
      await writer.init();
      const checkpoints = await reader.checkpoints(0n, 10);
      expect(checkpoints.map((c) => c.size)).toEqual([0n]);
      expect(openCheckpoint(checkpoints[0]!.note, verifier).rootHash).toEqual(new MemoryTree().rootAt(0n));
    });
  });

  describe('#append', () => {
    it('returns a receipt whose inclusion proof verifies against its signed checkpoint', async () => {
      const receipt = await writer.append({ entries: [entry(), entry()] });
      expect(receipt.entries.map((e) => e.index)).toEqual([0n, 1n]);
      const checkpoint = openCheckpoint(receipt.checkpoint.note, verifier);
      expect(checkpoint.size).toBe(2n);
      for (const appended of receipt.entries) {
        const { leafHash, proof } = await reader.inclusionProof(appended.index, checkpoint.size);
        expect(leafHash).toEqual(appended.leafHash);
        expect(verifyInclusion(appended.index, checkpoint.size, leafHash, proof, checkpoint.rootHash)).toBe(
          true,
        );
      }
    });

    it('assigns 10,000 consecutive indexes to 50 concurrent clients × 200 appends, every checkpoint consistent with the one before', async () => {
      const before = await reader.size();
      const clients = Array.from({ length: 50 }, async () => {
        const indexes: bigint[] = [];
        for (let i = 0; i < 200; i++) {
          const receipt = await writer.append({ entries: [entry()] });
          indexes.push(receipt.entries[0]!.index);
        }
        return indexes;
      });
      const all = (await Promise.all(clients)).flat().sort((a, b) => (a < b ? -1 : 1));
      expect(all.length).toBe(10_000);
      expect(all).toEqual(Array.from({ length: 10_000 }, (_, i) => before + BigInt(i)));
      expect(await reader.size()).toBe(before + 10_000n);

      const checkpoints = await reader.checkpoints(before, 100_000);
      // Group commit: far fewer checkpoints (batches) than appends.
      expect(checkpoints.length).toBeLessThan(10_000);
      for (let i = 1; i < checkpoints.length; i++) {
        const older = openCheckpoint(checkpoints[i - 1]!.note, verifier);
        const newer = openCheckpoint(checkpoints[i]!.note, verifier);
        const proof = await reader.consistencyProof(older.size, newer.size);
        expect(verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash)).toBe(true);
      }
    });

    it('agrees with an independent in-memory tree at every size', async () => {
      const tree = new MemoryTree();
      const size = await reader.size();
      for (let start = 0n; start < size; start += 1000n) {
        for (const stored of await reader.entries(start, 1000)) {
          expect(encodeEntry(stored.entry)).toEqual(stored.data);
          tree.appendLeaf(stored.data);
        }
      }
      expect(tree.size).toBe(size);
      for (const checkpoint of await reader.checkpoints(0n, 100_000)) {
        expect(checkpoint.rootHash).toEqual(tree.rootAt(checkpoint.size));
      }
      for (const s of [1n, 2n, 3n, 255n, 256n, 257n, 4097n, size]) {
        expect(await reader.rootAt(s)).toEqual(tree.rootAt(s));
      }
    });

    /** A projection that writes (subject, entry index) into a table of its own, keyed by subject. */
    const projectionInto = async (table: string) => {
      await t.db.execScript(
        `CREATE TABLE IF NOT EXISTS ${table} (subject text PRIMARY KEY, idx bigint NOT NULL)`,
      );
      return (subject: string) =>
        async (
          tx: Parameters<NonNullable<Parameters<LedgerWriter['append']>[0]['project']>>[0],
          appended: { index: bigint }[],
        ) => {
          await tx.query(`INSERT INTO ${table} (subject, idx) VALUES ($1, $2)`, [
            subject,
            appended[0]!.index.toString(),
          ]);
        };
    };

    it('rolls back only the request whose projection fails', async () => {
      const project = await projectionInto('test_projection');
      const sizeBefore = await reader.size();
      const results = await Promise.allSettled([
        writer.append({ entries: [entry()], project: project('a') }),
        writer.append({ entries: [entry()], project: project('a') }), // duplicate key: must fail alone
        writer.append({ entries: [entry()], project: project('b') }),
      ]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
        'fulfilled',
        expect.stringMatching(/duplicate key/),
        'fulfilled',
      ]);
      const rows = await t.db.query<{ subject: string; idx: string | number }>(
        'SELECT subject, idx FROM test_projection ORDER BY idx',
      );
      expect(rows.map((r) => [r.subject, BigInt(r.idx)])).toEqual([
        ['a', sizeBefore],
        ['b', sizeBefore + 1n],
      ]);
      expect(await reader.size()).toBe(sizeBefore + 2n);
    });

    it('rolls back a request alone in its batch whose projection fails, and carries on', async () => {
      const project = await projectionInto('test_alone');
      // One at a time, so each request is alone in its batch (no savepoint).
      const first = await writer.append({ entries: [entry()], project: project('x') });
      const sizeAfterFirst = await reader.size();
      await expect(writer.append({ entries: [entry()], project: project('x') })).rejects.toThrow(
        /duplicate key/,
      );
      expect(await reader.size()).toBe(sizeAfterFirst);
      const third = await writer.append({ entries: [entry()], project: project('y') });
      expect(third.entries[0]!.index).toBe(first.entries[0]!.index + 1n);
      const rows = await t.db.query<{ subject: string }>('SELECT subject FROM test_alone ORDER BY idx');
      expect(rows.map((r) => r.subject)).toEqual(['x', 'y']);
      // The checkpoint after the failure still covers exactly what is stored.
      expect(third.checkpoint.size).toBe(await reader.size());
    });

    it('stores no entry, subtree or checkpoint of a batch whose disclosures fail to store, and carries on', async () => {
      // Nothing confidential is logged without its disclosures: their failure takes the whole batch.
      const sizeBefore = await reader.size();
      const count = async (table: string) =>
        Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      const before = {
        entries: await count('ledger_entries'),
        subtrees: await count('ledger_subtrees'),
        checkpoints: await count('ledger_checkpoints'),
        disclosures: await count('ledger_disclosures'),
      };
      // The disclosures share their entry's row (migration 0051): refusing rows that carry some fails
      // the one INSERT, clear entries of the batch included.
      await t.db.execScript(`
        CREATE FUNCTION refuse_disclosures() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'disclosures refused for this test'; END $$;
        CREATE TRIGGER refuse_disclosures BEFORE INSERT ON ledger_entries
          FOR EACH ROW WHEN (NEW.disclosures IS NOT NULL) EXECUTE FUNCTION refuse_disclosures();`);
      try {
        const secret = {
          ...entry(),
          type: 'test.secret',
          subject: `organisation:${OWNER}`,
          body: { secret: 's' },
        };
        await expect(writer.append({ entries: [entry(), secret, entry()] })).rejects.toThrow(
          /disclosures refused for this test/,
        );
        expect(await reader.size()).toBe(sizeBefore);
        expect({
          entries: await count('ledger_entries'),
          subtrees: await count('ledger_subtrees'),
          checkpoints: await count('ledger_checkpoints'),
          disclosures: await count('ledger_disclosures'),
        }).toEqual(before);
      } finally {
        await t.db.execScript(
          'DROP TRIGGER refuse_disclosures ON ledger_entries; DROP FUNCTION refuse_disclosures();',
        );
      }
      const next = await writer.append({ entries: [entry()] });
      expect(next.entries[0]!.index).toBe(sizeBefore);
      expect(next.checkpoint.size).toBe(sizeBefore + 1n);
    });

    it('leaves nothing behind when an entry is invalid', async () => {
      const sizeBefore = await reader.size();
      await expect(writer.append({ entries: [entry(), { ...entry(), type: 'Bad Type' }] })).rejects.toThrow(
        /no disclosure policy/,
      );
      expect(await reader.size()).toBe(sizeBefore);
    });

    it('runs its entry check on every entry first: a refused body fails its request alone, writing none of it', async () => {
      // The service's check is @groundtruth/schemas' entryBodyChecker; this one states a rule of its own.
      const checked = new LedgerWriter({
        db: t.db,
        origin: ORIGIN,
        signer,
        policies,
        checkEntry: (e) => {
          if (typeof e.body.n !== 'number')
            throw new TypeError(`entry type ${e.type}: body.n must be a number`);
        },
      });
      try {
        const sizeBefore = await reader.size();
        const [accepted, refused] = await Promise.allSettled([
          checked.append({ entries: [entry()] }),
          checked.append({ entries: [entry(), { ...entry(), body: { n: 'seven' } }] }),
        ]);
        expect(accepted.status).toBe('fulfilled');
        expect(refused).toMatchObject({
          status: 'rejected',
          reason: { message: 'entry type test.appended: body.n must be a number' },
        });
        expect(await reader.size()).toBe(sizeBefore + 1n);
      } finally {
        await checked.close();
      }
    });

    it('refuses an entry type that has no disclosure policy, writing nothing', async () => {
      const sizeBefore = await reader.size();
      const [{ n: disclosuresBefore }] = (await t.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM ledger_disclosures',
      )) as [{ n: string }];
      await expect(
        writer.append({ entries: [{ ...entry(), type: 'test.forgotten', body: { secret: 'x' } }] }),
      ).rejects.toThrow(/test.forgotten has no disclosure policy/);
      expect(await reader.size()).toBe(sizeBefore);
      const [{ n }] = (await t.db.query<{ n: string }>('SELECT count(*) AS n FROM ledger_disclosures')) as [
        { n: string },
      ];
      expect(n).toBe(disclosuresBefore);
    });

    it('logs confidential fields as digests and stores their disclosures with the entry', async () => {
      const clear = {
        ...entry(),
        type: 'test.secret',
        subject: `organisation:${OWNER}`,
        body: { secret: 's3cr3t' },
      };
      const receipt = await writer.append({ entries: [clear] });
      const [appended] = receipt.entries;
      const [stored] = await reader.entries(appended!.index, 1);
      expect(new TextDecoder().decode(stored!.data)).not.toContain('s3cr3t');
      expect(stored!.data).toEqual(appended!.data);
      expect(appended!.disclosures).toHaveLength(1);
      // In the entry's own row (migration 0051), its paths and disclosures as `~`-joined texts (migration 0047).
      const stored_ = await t.db.query<{ paths: string; disclosures: string; organisation_id: string }>(
        `SELECT disclosure_paths AS paths, disclosures, disclosure_owner AS organisation_id
           FROM ledger_entries WHERE idx = $1`,
        [appended!.index.toString()],
      );
      expect(stored_).toEqual([
        { paths: 'secret', disclosures: appended!.disclosures[0]!.disclosure, organisation_id: OWNER },
      ]);
      const rows = await t.db.query<{
        path: string;
        disclosure: string;
        organisation_id: string;
      }>('SELECT path, disclosure, organisation_id FROM ledger_disclosures WHERE entry_index = $1', [
        appended!.index.toString(),
      ]);
      expect(disclosureDigest(rows[0]!.disclosure)).toBe(appended!.disclosures[0]!.digest);
      expect(rows).toEqual([
        {
          path: 'secret',
          disclosure: appended!.disclosures[0]!.disclosure,
          organisation_id: OWNER,
        },
      ]);
      const revealed = revealBody(
        stored!.entry.body,
        rows.map((r) => r.disclosure),
      );
      expect(revealed.body).toEqual({ secret: 's3cr3t' });
    });

    it('stores each entry’s disclosures, owner and paths exactly, whatever characters the paths hold', async () => {
      const secret = (n: number) => ({
        ...entry(),
        type: 'test.secret',
        subject: `organisation:${OWNER}`,
        body: { secret: `s${n}` },
      });
      const awkward = {
        ...entry(),
        type: 'test.awkward',
        // Values JSON must escape, non-ASCII and astral text, the separators the writer uses.
        body: { 'a "b"\\c, {d}': 'x~\u001e\n', list: [{ q: 1e21 }, { q: 'é"\\🌱\u2028' }], open: 1 },
      };
      // One request, so one batch: committed entries of both kinds around one in the clear.
      const receipt = await writer.append({ entries: [secret(1), awkward, entry(), secret(2)] });
      const stored = await t.db.query<{
        entry_index: string | number;
        paths: string[];
        disclosures: string[];
        organisation_id: string | null;
      }>(
        // Through the view, as readers see them.
        `SELECT entry_index, array_agg(path ORDER BY position) AS paths,
                array_agg(disclosure ORDER BY position) AS disclosures, organisation_id
           FROM ledger_disclosures WHERE entry_index = ANY($1::int8[])
          GROUP BY entry_index, organisation_id ORDER BY entry_index`,
        [receipt.entries.map((e) => e.index.toString())],
      );
      const committed = receipt.entries.filter((e) => e.disclosures.length > 0);
      expect(committed).toHaveLength(3);
      expect(stored).toEqual(
        committed.map((e) => ({
          entry_index: expect.anything(),
          paths: e.disclosures.map((d) => d.path),
          disclosures: e.disclosures.map((d) => d.disclosure),
          organisation_id: e.entry.type === 'test.secret' ? OWNER : null,
        })),
      );
      expect(stored.map((r) => BigInt(r.entry_index))).toEqual(committed.map((e) => e.index));
      expect(stored[1]!.paths).toEqual(['list.0.q', 'list.1.q', 'a "b"\\c, {d}']);
    });

    it('stores no owner for a batch whose only committed entry has none', async () => {
      // The owners travel as one comma-separated text: for a single ownerless row that text is empty.
      const receipt = await writer.append({
        entries: [{ ...entry(), type: 'test.awkward', body: { list: [{ q: 1 }] } }],
      });
      const rows = await t.db.query<{ organisation_id: string | null; paths: string }>(
        'SELECT disclosure_owner AS organisation_id, disclosure_paths AS paths FROM ledger_entries WHERE idx = $1',
        [receipt.entries[0]!.index.toString()],
      );
      expect(rows).toEqual([{ organisation_id: null, paths: 'list.0.q' }]);
    });

    it('deduplicates identical entries when asked, within a batch and against the log', async () => {
      const same = entry({ dedup: 'yes' });
      const first = await writer.append({ entries: [same, same], dedup: true });
      expect(first.entries[1]!.duplicate).toBe(true);
      expect(first.entries[1]!.index).toBe(first.entries[0]!.index);
      const again = await writer.append({ entries: [same], dedup: true });
      expect(again.entries[0]).toMatchObject({ index: first.entries[0]!.index, duplicate: true });
      expect(await reader.findByLeafHash(first.entries[0]!.leafHash)).toEqual([first.entries[0]!.index]);
      const without = await writer.append({ entries: [same] });
      expect(without.entries[0]!.duplicate).toBe(false);
    });
  });

  describe.runIf(testDatabaseKind() === 'postgres')(
    'two writers on one PostgreSQL (two API processes)',
    () => {
      it('interleave without gaps or duplicates', async () => {
        const other = await t.reopen();
        try {
          const second = new LedgerWriter({ db: other, origin: ORIGIN, signer, policies, checkEntry: null });
          const before = await reader.size();
          const run = (w: LedgerWriter) =>
            Promise.all(
              Array.from({ length: 20 }, async () => {
                const out: bigint[] = [];
                for (let i = 0; i < 10; i++)
                  out.push((await w.append({ entries: [entry()] })).entries[0]!.index);
                return out;
              }),
            );
          const indexes = (await Promise.all([run(writer), run(second)]))
            .flat(2)
            .sort((a, b) => (a < b ? -1 : 1));
          expect(indexes).toEqual(Array.from({ length: 400 }, (_, i) => before + BigInt(i)));
          const latest = openCheckpoint((await reader.latestCheckpoint())!.note, verifier);
          expect(latest.rootHash).toEqual(await reader.rootAt(latest.size));
          await second.close();
        } finally {
          await other.close();
        }
      });
    },
  );
});

describe('LedgerReader', () => {
  let t: TestDatabase;
  let reader: LedgerReader;
  beforeAll(async () => {
    t = await openTestDatabase();
    const writer = new LedgerWriter({ db: t.db, origin: ORIGIN, signer, policies, checkEntry: null });
    await writer.init();
    await writer.append({ entries: Array.from({ length: 600 }, () => entry()) });
    reader = new LedgerReader(t.db);
  });
  afterAll(() => t.destroy());

  it('refuses sizes and indexes the log does not have', async () => {
    await expect(reader.inclusionProof(600n, 600n)).rejects.toBeInstanceOf(LedgerRangeError);
    await expect(reader.inclusionProof(0n, 601n)).rejects.toBeInstanceOf(LedgerRangeError);
    await expect(reader.consistencyProof(10n, 601n)).rejects.toBeInstanceOf(LedgerRangeError);
    await expect(reader.consistencyProof(11n, 10n)).rejects.toBeInstanceOf(LedgerRangeError);
  });

  it('gives the same proofs one at a time as in a batch, at any size', async () => {
    for (const size of [1n, 2n, 63n, 64n, 65n, 511n, 600n]) {
      const indexes = [0n, size / 2n, size - 1n].filter((i, n, all) => all.indexOf(i) === n);
      const batch = await reader.inclusionProofs(indexes, size);
      for (const [n, index] of indexes.entries())
        expect(batch[n]).toEqual(await reader.inclusionProof(index, size));
    }
    await expect(reader.inclusionProofs([0n, 600n], 600n)).rejects.toBeInstanceOf(LedgerRangeError);
  });

  it('serves C2SP tiles that hash to the checkpoint root', async () => {
    const level0 = await reader.tile(0, 0n, undefined);
    expect(level0.length).toBe(256 * 32);
    const partial = await reader.tile(0, 2n, 88);
    expect(partial.length).toBe(88 * 32);
    const level1 = await reader.tile(1, 0n, 2);
    const tree = new MemoryTree();
    for (const e of await reader.entries(0n, 600)) tree.appendLeaf(e.data);
    expect(level1.slice(0, 32)).toEqual(tree.subtreeHash({ level: 8, index: 0n }));
    expect(level0.slice(32, 64)).toEqual(tree.leafHash(1n));
    await expect(reader.tile(0, 2n, undefined)).rejects.toBeInstanceOf(LedgerRangeError);
    await expect(reader.tile(0, 2n, 89)).rejects.toBeInstanceOf(LedgerRangeError);
    const bundle = await reader.entryBundle(0n, undefined);
    const firstLength = (bundle[0]! << 8) | bundle[1]!;
    expect(bundle.slice(2, 2 + firstLength)).toEqual((await reader.entries(0n, 1))[0]!.data);
  });
});
