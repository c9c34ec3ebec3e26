// WebSocket subscriptions (REST binding: `GET /queries/{name}/events?stream=true` with `Upgrade:
// websocket`; decision 0026). The connection is the subscription: each event recorded from
// `initialRecordTime` on (default: the connection's start) that the named query matches for the
// caller is sent as one EPCISQueryDocument text message, in record order. Nothing is kept once the
// socket closes: a client that reconnects passes the recordTime of the last event it got to resume
// (events at that instant come again; it deduplicates by eventID). It ends when the query is
// deleted (close 4404) or the caller's token expires (close 1008).
import type { WebSocket } from '@fastify/websocket';
import type { Principal } from '../../auth.ts';
import { AppError } from '../../errors.ts';
import { onRecorded } from '../../record.ts';
import { eventsDocument, type QueryService, streamQueryOf } from './queries.ts';
import type { EpcisService } from './service.ts';

/** Events read per scan of the query. */
const SCAN_PAGE = 200;

export interface StreamOptions {
  epcis: EpcisService;
  queries: QueryService;
  /** How often the query is scanned again when nothing recorded by this process woke it. */
  pollMs: number;
}

const sendText = (socket: WebSocket, text: string) =>
  new Promise<void>((resolve, reject) => socket.send(text, (error) => (error ? reject(error) : resolve())));

/** Streams the named query's matches to the socket until either side ends it. */
export async function streamNamedQuery(
  socket: WebSocket,
  principal: Principal,
  queryName: string,
  initialRecordTime: string,
  options: StreamOptions,
): Promise<void> {
  let open = true;
  let wake: (() => void) | undefined;
  const stopWaiting = () => wake?.();
  const unsubscribe = onRecorded(stopWaiting);
  const close = (code: number, reason: string) => {
    open = false;
    if (socket.readyState === socket.OPEN) socket.close(code, reason);
  };
  socket.on('close', () => {
    open = false;
    stopWaiting();
  });
  // A socket must not outlive the token that opened it.
  const expiry =
    principal.expiresAt !== undefined
      ? setTimeout(() => close(1008, 'token expired'), Math.max(0, principal.expiresAt - Date.now()))
      : undefined;
  let token: string | undefined;
  try {
    while (open) {
      let query: Awaited<ReturnType<QueryService['get']>>;
      try {
        // Read afresh at every scan: a deleted query ends the stream.
        query = await options.queries.get(principal, queryName);
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return close(4404, 'query deleted');
        throw error;
      }
      const page = await options.epcis.query(principal, {
        ...streamQueryOf(query.query, initialRecordTime),
        perPage: SCAN_PAGE,
        ...(token !== undefined ? { nextPageToken: token } : {}),
      });
      for (const event of page.events) {
        if (!open) return;
        await sendText(socket, JSON.stringify(eventsDocument([event], queryName)));
      }
      token = page.resumeToken ?? token;
      if (page.nextPageToken || !open) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
    if (expiry) clearTimeout(expiry);
  }
}
