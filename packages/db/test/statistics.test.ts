// PGlite has no autovacuum: the keeper gives its planner the statistics PostgreSQL would have. The
// rule is autovacuum's (50 rows + 10 % of the table); on PGlite the keeper runs ANALYZE once writes
// pause, and pg_class then holds the row count; on PostgreSQL it leaves the work to autovacuum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDue, keepStatistics, openTestDatabase, type TestDatabase } from '../src/index.ts';

describe('when an ANALYZE is due', () => {
  it('follows autovacuum: more than 50 rows plus 10 % of the rows at the last ANALYZE', () => {
    expect(analyzeDue(50, 0)).toBe(false);
    expect(analyzeDue(51, 0)).toBe(true);
    expect(analyzeDue(150, 1000)).toBe(false);
    expect(analyzeDue(151, 1000)).toBe(true);
    expect(analyzeDue(100_050, 1_000_000)).toBe(false);
    expect(analyzeDue(100_051, 1_000_000)).toBe(true);
  });
});

describe('the statistics keeper', () => {
  let t: TestDatabase;
  const reltuples = async () =>
    Number(
      (
        await t.db.query<{ n: number }>(
          "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'stats_probe'::regclass",
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    t = await openTestDatabase({ migrate: false });
    await t.db.execScript('CREATE TABLE stats_probe (n int PRIMARY KEY)');
  });
  afterAll(() => t.destroy());

  it('analyses once writes pause, after enough rows changed, and not before', async () => {
    const keeper = keepStatistics(t.db, { idleMs: 30 });
    await t.db.execScript('INSERT INTO stats_probe SELECT generate_series(1, 40)');
    keeper.noteWritten(40);
    await new Promise((r) => setTimeout(r, 120));
    expect(keeper.runs).toBe(0);
    expect(await reltuples()).toBe(-1);

    await t.db.execScript('INSERT INTO stats_probe SELECT generate_series(41, 400)');
    keeper.noteWritten(360);
    if (t.db.kind === 'pglite') {
      const deadline = Date.now() + 10_000;
      while (keeper.runs === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(keeper.runs).toBe(1);
      expect(await reltuples()).toBe(400);
    } else {
      // PostgreSQL: autovacuum's job; the keeper runs nothing even when forced.
      await keeper.flush(true);
      expect(keeper.runs).toBe(0);
    }
    await keeper.stop();
  });

  it('after an ANALYZE of N rows, waits for 50 + N/10 more', async () => {
    const keeper = keepStatistics(t.db, { idleMs: 60_000, analyzedSize: 400 });
    keeper.noteWritten(90);
    await keeper.flush();
    expect(keeper.runs).toBe(0);
    keeper.noteWritten(1);
    await keeper.flush();
    expect(keeper.runs).toBe(t.db.kind === 'pglite' ? 1 : 0);
    await keeper.stop();
    // Stopped: nothing more is analysed.
    keeper.noteWritten(10_000);
    await keeper.flush(true);
    expect(keeper.runs).toBe(t.db.kind === 'pglite' ? 1 : 0);
  });
});
