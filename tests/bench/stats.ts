// Helpers for benchmark scripts: medians and percentiles over repeated runs, and the collector's pauses.
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export interface GcPause {
  start: number;
  end: number;
  /** Young generation (scavenge) or the rest (mark-compact, incremental marking, weak callbacks). */
  young: boolean;
}

/** The garbage collector's pauses from now on, as the performance timeline reports them. */
export function watchGarbageCollection() {
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
      pauses.push({
        start: e.startTime,
        end: e.startTime + e.duration,
        young: e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR,
      });
  });
  observer.observe({ entryTypes: ['gc'] });
  const within = (from: number, to: number) => pauses.filter((p) => p.end > from && p.start < to);
  return {
    pausesWithin: within,
    /** Milliseconds paused between two performance.now() readings: young generation, and the rest. */
    pausedWithin(from: number, to: number): { young: number; old: number } {
      let young = 0;
      let old = 0;
      for (const p of within(from, to)) {
        const ms = Math.min(p.end, to) - Math.max(p.start, from);
        if (p.young) young += ms;
        else old += ms;
      }
      return { young, old };
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * A full collection, between measurements: each then starts from a collected heap instead of paying
 * for the garbage its predecessor left (the entries it was given, promoted while it ran). The flag
 * exposes `gc` to contexts created after it is set, hence the new context.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
