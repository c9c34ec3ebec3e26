// Planner statistics for PGlite. PostgreSQL's autovacuum ANALYZEs a table once enough of it changed;
// PGlite runs single-user and has no autovacuum, so its tables keep no statistics at all unless
// someone runs ANALYZE. Without them the planner guesses row counts, and a guess that is wrong by
// three orders of magnitude turns an index lookup into a scan per row (a 5,000-plot trace took 4.7 s
// on PGlite against 0.2 s on PostgreSQL). This keeper applies autovacuum's own rule to the ledger's
// growth (every write is a ledger entry, so appended entries stand for changed rows) and runs
// ANALYZE when writes pause.
import type { Database } from './client.ts';

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults. */
export const ANALYZE_THRESHOLD = 50;
export const ANALYZE_SCALE_FACTOR = 0.1;

/** Whether `changed` rows since the last ANALYZE of `analyzedSize` rows call for another (autovacuum's rule). */
export function analyzeDue(changed: number, analyzedSize: number): boolean {
  return changed > ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * analyzedSize;
}

export interface StatisticsKeeper {
  /** Tells the keeper that `count` rows' worth of entries were committed. */
  noteWritten(count: number): void;
  /** Runs ANALYZE now if it is due (or `force`), and waits for it. */
  flush(force?: boolean): Promise<void>;
  /** How many times ANALYZE ran. */
  readonly runs: number;
  /** Waits for a running ANALYZE and cancels a scheduled one. */
  stop(): Promise<void>;
}

export interface StatisticsKeeperOptions {
  /** Quiet time after the last write before ANALYZE runs, so a burst of writes is analysed once. */
  idleMs?: number;
  /** Rows the tables held at the last ANALYZE, if known; unknown (0) makes the first one due soon. */
  analyzedSize?: number;
  /** Called with an ANALYZE that failed (it is retried at the next due point). */
  onError?: (error: unknown) => void;
}

/**
 * A keeper for PGlite; PostgreSQL has autovacuum, so for it the keeper does nothing. ANALYZE samples
 * at most 30,000 rows per table, so a run costs tens of milliseconds on the demo and well under a
 * second at a million entries; PGlite serialises it with other queries.
 */
export function keepStatistics(db: Database, options: StatisticsKeeperOptions = {}): StatisticsKeeper {
  const idleMs = options.idleMs ?? 1000;
  let analyzedSize = options.analyzedSize ?? 0;
  let changed = 0;
  let runs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = db.kind !== 'pglite';

  const analyze = async () => {
    const counted = changed;
    await db.execScript('ANALYZE');
    runs++;
    analyzedSize += counted;
    changed -= counted;
  };
  const run = (): Promise<void> => {
    running ??= analyze()
      .catch((error) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) void run();
    }, idleMs);
    // A pending ANALYZE must not keep a finished process alive.
    timer.unref?.();
  };

  return {
    noteWritten(count) {
      if (stopped) return;
      changed += count;
      if (analyzeDue(changed, analyzedSize)) schedule();
    },
    async flush(force = false) {
      if (stopped) return;
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      await running;
      if (force || analyzeDue(changed, analyzedSize)) await run();
    },
    get runs() {
      return runs;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
