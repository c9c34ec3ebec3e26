// Webhook delivery for EPCIS query subscriptions (decision 0026), at least once, through a durable
// outbox. Each round, every process:
//  1. scans each live subscription's named query for events recorded after its resume token, and in
//     one transaction inserts one outbox row per (subscription, event) and moves the token on — the
//     subscription row is locked and its token compared, so two processes never enqueue twice and a
//     crash between the two steps enqueues nothing or everything;
//  2. claims due rows (SKIP LOCKED, with a lease), POSTs each, and records the answer: 2xx delivered;
//     anything else retried with exponential backoff, and after the last attempt a dead letter.
// A process that dies mid-POST leaves its rows leased; the lease runs out and another round (in this
// process after a restart, or another) sends them again with the same delivery id and bytes.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Database } from '@groundtruth/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal, Role } from '../../auth.ts';
import type { WebhookSettings } from '../../config.ts';
import { eventsDocument, type NamedQueryParameters, streamQueryOf } from './queries.ts';
import type { EpcisService } from './service.ts';
import { forbiddenAddress, hostOf, retryDelayMs, signatureOf, type TargetPolicy } from './webhook.ts';

/** The longest wait between two attempts. */
const MAX_RETRY_DELAY_MS = 3_600_000;
/** Events enqueued per subscription per page of its query, and pages per round. */
const SCAN_PAGE = 200;
const SCAN_PAGES_PER_ROUND = 10;
/** Deliveries claimed at once by one process, and sent in parallel. */
const CLAIM_BATCH = 16;
/** How long a stop waits for the current round (its POSTs are aborted at once; its SQL is not). */
const STOP_WAIT_MS = 2000;
/** The least time between two rounds when appends keep waking the dispatcher. */
const WAKE_PAUSE_MS = 50;
/** What of a failure is kept for the dead-letter list: enough to diagnose, never the subscriber's body. */
const ERROR_TEXT_LIMIT = 300;

export class WebhookTargetError extends Error {
  override name = 'WebhookTargetError';
}

/**
 * A DNS lookup that answers only with addresses the policy allows, for http(s).request: the check and
 * the connection use the same answer, so a name cannot resolve to a public address when checked and a
 * private one when connected to (DNS rebinding). Any forbidden address in the answer refuses the name.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as LookupAddress[];
      const refused = list.map((a) => forbiddenAddress(a.address, policy)).find((r) => r !== undefined);
      if (refused || list.length === 0)
        return callback(new WebhookTargetError(refused ?? `${hostname} has no address`), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Resolves a destination's host now and refuses it unless every address is allowed (at subscription). */
export async function checkTarget(dest: string, policy: TargetPolicy): Promise<string | undefined> {
  const host = hostOf(new URL(dest));
  if (isIP(host) !== 0) return forbiddenAddress(host, policy);
  return new Promise((resolve) => {
    guardedLookup(policy)(host, { all: true }, (error) =>
      resolve(
        error
          ? error instanceof WebhookTargetError
            ? error.message
            : `${host} does not resolve`
          : undefined,
      ),
    );
  });
}

/** One POST; resolves with the HTTP status, rejects on a network error, a refused target or a timeout. */
export function postWebhook(
  dest: string,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  signal: AbortSignal,
): Promise<number> {
  const url = new URL(dest);
  const host = hostOf(url);
  // An IP literal is connected to without a lookup: check it here.
  const literalProblem = isIP(host) !== 0 ? forbiddenAddress(host, policy) : undefined;
  if (literalProblem) return Promise.reject(new WebhookTargetError(literalProblem));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        signal,
      },
      (res) => {
        // The subscriber's answer is not read, only drained: its status is the acknowledgement.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface SubscriptionRow {
  id: string;
  organisation_id: string;
  subscriber: string;
  subscriber_role: Role;
  initial_record_time: Date | string;
  resume_token: string | null;
  name: string;
  parameters: NamedQueryParameters | string;
}

interface Outcome {
  row: ClaimedRow;
  /** The subscriber's HTTP status, if it answered. */
  status: number | undefined;
  /** Why the attempt failed; undefined when it was acknowledged (2xx). */
  failure: string | undefined;
}

interface ClaimedRow {
  delivery_id: string;
  subscription_id: string;
  body: string;
  attempts: number;
  dest: string;
  signature_secret: string;
}

export class WebhookDispatcher {
  readonly #db: Database;
  readonly #epcis: EpcisService;
  readonly #settings: WebhookSettings;
  readonly #log: FastifyBaseLogger;
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;
  #woken = false;
  #wake: (() => void) | undefined;
  /** The ledger size and live subscriptions at the last scan: no new entry, nothing new to find. */
  #scannedAt: string | undefined;

  constructor(deps: {
    db: Database;
    epcis: EpcisService;
    settings: WebhookSettings;
    log: FastifyBaseLogger;
  }) {
    this.#db = deps.db;
    this.#epcis = deps.epcis;
    this.#settings = deps.settings;
    this.#log = deps.log;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Asks for a round now (something was recorded). */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /**
   * Stops the loop and aborts POSTs in flight: their leases run out and they are sent again later.
   * Waits for the round to end, but not on a database that no longer answers: shutdown goes on, and
   * what the round had not committed is done again by a later one (every step is a transaction).
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#running,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  async #loop(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      this.#woken = false;
      let busy = false;
      try {
        await this.scan();
        busy = (await this.deliverDue()) > 0;
      } catch (error) {
        if (!this.#stopping.signal.aborted) this.#log.error({ err: error }, 'EPCIS webhook round failed');
      }
      if (this.#stopping.signal.aborted) break;
      if (busy) continue;
      // Woken during the round: a short pause still, so a burst of appends (a bulk import) costs a
      // round every WAKE_PAUSE_MS, not one per append.
      const pauseMs = this.#woken ? Math.min(WAKE_PAUSE_MS, this.#settings.pollMs) : this.#settings.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pauseMs);
        this.#wake = this.#woken
          ? undefined
          : () => {
              clearTimeout(timer);
              resolve();
            };
      });
      this.#wake = undefined;
    }
  }

  /** Enqueues the events each live subscription has not seen yet. */
  async scan(): Promise<void> {
    const [state] = await this.#db.query<{ size: string | null; subscriptions: string | null }>(
      `SELECT (SELECT max(idx)::text FROM ledger_entries) AS size,
              (SELECT string_agg(id::text || ':' || coalesce(resume_token, ''), ',' ORDER BY id)
                 FROM epcis_subscriptions WHERE deleted_at IS NULL) AS subscriptions`,
    );
    const key = `${state?.size}|${state?.subscriptions}`;
    if (key === this.#scannedAt || state?.subscriptions === null) {
      this.#scannedAt = key;
      return;
    }
    const subscriptions = await this.#db.query<SubscriptionRow>(
      `SELECT s.id, s.organisation_id, s.subscriber, s.subscriber_role, s.initial_record_time, s.resume_token,
              q.name, q.parameters
         FROM epcis_subscriptions s JOIN epcis_queries q ON q.id = s.query_id
        WHERE s.deleted_at IS NULL ORDER BY s.created_at, s.id`,
    );
    let complete = true;
    for (const subscription of subscriptions) {
      if (this.#stopping.signal.aborted) return;
      try {
        complete = (await this.#scanSubscription(subscription)) && complete;
      } catch (error) {
        complete = false;
        this.#log.error({ err: error, subscription: subscription.id }, 'EPCIS subscription scan failed');
      }
    }
    // Scanned to the end: until the ledger grows or a subscription changes, there is nothing to find.
    if (complete) this.#scannedAt = key;
  }

  /** Scans one subscription; true when it reached the end of what is recorded. */
  async #scanSubscription(subscription: SubscriptionRow): Promise<boolean> {
    const parameters =
      typeof subscription.parameters === 'string'
        ? (JSON.parse(subscription.parameters) as NamedQueryParameters)
        : subscription.parameters;
    const query = streamQueryOf(parameters, new Date(subscription.initial_record_time).toISOString());
    const principal: Principal = {
      subject: subscription.subscriber,
      role: subscription.subscriber_role,
      organisationId: subscription.organisation_id,
    };
    let token = subscription.resume_token;
    for (let pages = 0; pages < SCAN_PAGES_PER_ROUND; pages++) {
      const page = await this.#epcis.query(principal, {
        ...query,
        perPage: SCAN_PAGE,
        ...(token !== null ? { nextPageToken: token } : {}),
      });
      if (page.events.length === 0 || !page.resumeToken) return true;
      const next = page.resumeToken;
      const moved = await this.#db.transaction(async (tx) => {
        const [row] = await tx.query<{ resume_token: string | null }>(
          'SELECT resume_token FROM epcis_subscriptions WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
          [subscription.id],
        );
        // Deleted, or another process enqueued these first: leave it to that one.
        if (!row || row.resume_token !== token) return false;
        const bodies = page.events.map((event) =>
          JSON.stringify(eventsDocument([event], subscription.name, subscription.id)),
        );
        await tx.query(
          `INSERT INTO epcis_webhook_deliveries (delivery_id, subscription_id, event_id, body)
           SELECT gen_random_uuid(), $1, e, b FROM unnest($2::text[], $3::text[]) AS t(e, b)
           ON CONFLICT (subscription_id, event_id) DO NOTHING`,
          [subscription.id, page.events.map((e) => String(e.eventID)), bodies],
        );
        await tx.query('UPDATE epcis_subscriptions SET resume_token = $2 WHERE id = $1', [
          subscription.id,
          next,
        ]);
        return true;
      });
      if (!moved) return false;
      token = next;
      if (!page.nextPageToken) return true;
    }
    return false;
  }

  /** Claims and sends the deliveries that are due; resolves with how many were attempted. */
  async deliverDue(): Promise<number> {
    const leaseMs = Math.max(1000, this.#settings.timeoutMs * 2);
    const claimed = await this.#db.query<ClaimedRow>(
      `WITH claimed AS (
         UPDATE epcis_webhook_deliveries SET lease_until = now() + $1::bigint * interval '1 millisecond',
                attempts = attempts + 1
          WHERE delivery_id IN (
                SELECT d.delivery_id FROM epcis_webhook_deliveries d
                  JOIN epcis_subscriptions s ON s.id = d.subscription_id
                 WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                   AND (d.lease_until IS NULL OR d.lease_until < now()) AND s.deleted_at IS NULL
                 ORDER BY d.next_attempt_at, d.created_at
                 LIMIT $2
                   FOR UPDATE OF d SKIP LOCKED)
          RETURNING delivery_id, subscription_id, body, attempts)
       SELECT c.delivery_id, c.subscription_id, c.body, c.attempts, s.dest, s.signature_secret
         FROM claimed c JOIN epcis_subscriptions s ON s.id = c.subscription_id`,
      [leaseMs, CLAIM_BATCH],
    );
    const outcomes = await Promise.all(claimed.map((row) => this.#deliver(row)));
    await this.#record(outcomes.filter((o): o is Outcome => o !== undefined));
    return claimed.length;
  }

  /** POSTs one delivery; undefined when stopping cut it short (its lease then runs out). */
  async #deliver(row: ClaimedRow): Promise<Outcome | undefined> {
    const policy = { allowLoopback: this.#settings.allowLoopback };
    const headers = {
      'content-type': 'application/ld+json',
      'gs1-epcis-version': '2.0.0',
      'gs1-cbv-version': '2.0.0',
      'gs1-signature': signatureOf(row.signature_secret, row.body),
      'groundtruth-delivery-id': row.delivery_id,
      'groundtruth-delivery-attempt': String(row.attempts),
    };
    try {
      const status = await postWebhook(
        row.dest,
        row.body,
        headers,
        policy,
        AbortSignal.any([this.#stopping.signal, AbortSignal.timeout(this.#settings.timeoutMs)]),
      );
      return status >= 200 && status < 300
        ? { row, status, failure: undefined }
        : { row, status, failure: `the subscriber answered ${status}` };
    } catch (error) {
      if (this.#stopping.signal.aborted) return undefined;
      return { row, status: undefined, failure: (error as Error).message || (error as Error).name };
    }
  }

  /** Records a batch's answers in one statement: delivered, to be retried, or dead. */
  async #record(outcomes: Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const next = outcomes.map((o) => {
      if (o.failure === undefined) return { state: 'delivered', delayMs: 0 };
      const dead = o.row.attempts >= this.#settings.maxAttempts;
      return {
        state: dead ? 'dead' : 'pending',
        delayMs: retryDelayMs(o.row.attempts, this.#settings.retryBaseMs, MAX_RETRY_DELAY_MS, Math.random()),
      };
    });
    await this.#db.query(
      `UPDATE epcis_webhook_deliveries d
          SET status = o.state, last_status = o.status, last_error = o.error, lease_until = NULL,
              next_attempt_at = now() + o.delay_ms * interval '1 millisecond',
              finished_at = CASE WHEN o.state <> 'pending' THEN now() END
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::bigint[])
           AS o(id, state, status, error, delay_ms)
        WHERE d.delivery_id = o.id`,
      [
        outcomes.map((o) => o.row.delivery_id),
        next.map((n) => n.state),
        outcomes.map((o) => o.status ?? null),
        outcomes.map((o) => (o.failure === undefined ? null : o.failure.slice(0, ERROR_TEXT_LIMIT))),
        next.map((n) => n.delayMs),
      ],
    );
    const notified = [
      ...new Set(outcomes.filter((o) => o.failure === undefined).map((o) => o.row.subscription_id)),
    ];
    if (notified.length > 0)
      await this.#db.query(
        'UPDATE epcis_subscriptions SET last_notified_at = now() WHERE id = ANY($1::uuid[])',
        [notified],
      );
  }
}
