// Talking to the Groundtruth API on this origin. The bearer token, when there is one, lives in
// sessionStorage (it came in the URL fragment or the login field), never in a URL the server sees.
import type { Chain, Finding, Organisation, PlotDetail, Trace } from './graph.ts';
import { buildChain } from './graph.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Api {
  json<T>(path: string): Promise<T>;
  /** Every page of a list, following `Link: <…>; rel="next"`. */
  all<T>(path: string): Promise<T[]>;
  bytes(path: string): Promise<Uint8Array>;
  /**
   * The body read chunk by chunk, counting bytes against Content-Length as they arrive (large
   * splats take a while); the signal aborts the request itself, not just the wait for it.
   */
  download(
    path: string,
    options?: { signal?: AbortSignal; onProgress?: (received: number, total: number | undefined) => void },
  ): Promise<{ bytes: Uint8Array; contentType: string }>;
  text(path: string): Promise<string>;
  readonly signedIn: boolean;
}

export function createApi(token: string | null): Api {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const get = async (path: string, signal?: AbortSignal): Promise<Response> => {
    const response = await fetch(path, { headers, ...(signal ? { signal } : {}) });
    if (!response.ok) {
      let detail = response.statusText;
      try {
        detail = ((await response.json()) as { detail?: string }).detail ?? detail;
      } catch {
        // not problem+json: keep the status text
      }
      throw new ApiError(response.status, `${path.split('?')[0]}: ${response.status} ${detail}`);
    }
    return response;
  };
  return {
    signedIn: token !== null,
    json: async <T>(path: string) => (await (await get(path)).json()) as T,
    async all<T>(path: string) {
      const items: T[] = [];
      let next: string | null = path;
      while (next) {
        const response = await get(next);
        items.push(...((await response.json()) as T[]));
        const link = response.headers.get('link') ?? '';
        const match = /<([^>]+)>;\s*rel="next"/.exec(link);
        const url = match ? new URL(match[1]!, location.href) : null;
        next = url && url.origin === location.origin ? url.pathname + url.search : null;
      }
      return items;
    },
    bytes: async (path: string) => new Uint8Array(await (await get(path)).arrayBuffer()),
    text: async (path: string) => (await get(path)).text(),
    async download(path, options = {}) {
      const response = await get(path, options.signal);
      const length = Number(response.headers.get('content-length'));
      const total = Number.isFinite(length) && length > 0 ? length : undefined;
      const contentType = response.headers.get('content-type') ?? '';
      if (!response.body) return { bytes: new Uint8Array(await response.arrayBuffer()), contentType };
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      options.onProgress?.(0, total);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        options.onProgress?.(received, total);
      }
      const bytes = new Uint8Array(received);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return { bytes, contentType };
    },
  };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The logged-in view: the trace, the organisations and plots in it, and the findings on its volume. */
export async function loadChain(api: Api, batchId: string): Promise<Chain> {
  const id = encodeURIComponent(batchId);
  const [trace, findings] = await Promise.all([
    api.json<Trace>(`/v1/batches/${id}/trace`),
    api.all<Finding>(`/v1/findings?batchId=${id}&perPage=1000`),
  ]);
  const orgIds = new Set<string>();
  for (const b of trace.batches) orgIds.add(b.organisationId);
  for (const e of trace.events) orgIds.add(e.organisationId);
  for (const p of trace.plots) orgIds.add(p.organisationId);
  const organisations = new Map<string, Organisation>();
  const plotDetails = new Map<string, PlotDetail>();
  const tracedPlots = new Set(trace.plots.map((p) => p.id));
  const plotOwners = new Set(trace.plots.map((p) => p.organisationId));
  await mapLimited([...orgIds], 6, async (orgId) => {
    try {
      organisations.set(orgId, await api.json<Organisation>(`/v1/organisations/${orgId}`));
      if (!plotOwners.has(orgId)) return;
      // One paged list per organisation rather than a request per plot.
      for (const plot of await api.all<PlotDetail>(`/v1/organisations/${orgId}/plots?perPage=1000`))
        if (tracedPlots.has(plot.id)) plotDetails.set(plot.id, plot);
    } catch (error) {
      // An organisation the caller may not read stays a bare id; the trace still shows its volume.
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
    }
  });
  return buildChain(trace, organisations, plotDetails, findings);
}
