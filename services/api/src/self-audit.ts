// The service auditing its own log: the full audit of the stored ledger at start-up and then at an
// interval (GROUNDTRUTH_SELF_AUDIT_INTERVAL). A log that no longer reproduces its signed checkpoints
// makes /ready fail until an audit passes again, so an orchestrator takes the instance out of service.
import type { SqlExecutor } from '@groundtruth/db';
import { auditStoredLedger, type LedgerAuditReport, nodeNoteVerifier } from '@groundtruth/ledger-store';

export interface SelfAuditLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class SelfAudit {
  private running: Promise<LedgerAuditReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last completed audit (undefined before the first). */
  last: LedgerAuditReport | undefined;
  /** Why the last attempt could not complete (the database, not the log), if it failed that way. */
  lastError: string | undefined;

  constructor(
    private readonly db: SqlExecutor,
    private readonly verifierKey: string,
    /** Milliseconds between audits; 0 turns the background audit off (the endpoint still works). */
    readonly intervalMs: number,
  ) {}

  /** Runs a full audit now, or joins the one already running. */
  run(): Promise<LedgerAuditReport> {
    this.running ??= auditStoredLedger(this.db, { verifier: nodeNoteVerifier(this.verifierKey) })
      .then(
        (report) => {
          this.last = report;
          this.lastError = undefined;
          return report;
        },
        (error: unknown) => {
          this.lastError = (error as Error).message;
          throw error;
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /**
   * An audit that starts after this call: a running one (begun before, perhaps at a smaller size)
   * is waited for, not taken as the answer. For the admin endpoint: "audit now".
   */
  async runFresh(): Promise<LedgerAuditReport> {
    await this.running?.catch(() => {});
    return this.run();
  }

  /** Why the log cannot be trusted, when the last audit found it so. */
  get failure(): string | undefined {
    const f = this.last?.failure;
    return f ? `ledger self-audit failed at entry ${f.firstBadIndex}: ${f.reason}` : undefined;
  }

  /** Audits now in the background, then every intervalMs. */
  start(log: SelfAuditLogger): void {
    if (this.intervalMs <= 0 || this.timer || this.stopped) return;
    const tick = () => {
      if (this.stopped) return;
      this.run().then(
        (report) => {
          const fields = {
            treeSize: report.treeSize.toString(),
            durationMs: Math.round(report.durationMs),
          };
          if (report.ok) log.info(fields, 'ledger self-audit passed');
          else
            log.error(
              // Indexes as strings: the log is JSON, which has no BigInt.
              {
                ...fields,
                firstBadIndex: report.failure!.firstBadIndex.toString(),
                reason: report.failure!.reason,
              },
              'ledger self-audit FAILED: the stored log does not reproduce its signed checkpoints',
            );
        },
        (error: unknown) => log.error({ err: error }, 'ledger self-audit could not run'),
      );
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a running audit, so the database can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
