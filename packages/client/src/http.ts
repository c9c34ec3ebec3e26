// A small typed HTTP client for the ledger's public API.
import { fromBase64, type Hash } from '@groundtruth/ledger';
import type { EvidenceReport } from './evidence.ts';

export class ClientError extends Error {
  override name = 'ClientError';
}

export interface LedgerEntryPage {
  entries: { index: number; data: string; entry: unknown }[];
}

export class LedgerClient {
  readonly baseUrl: string;
  constructor(
    baseUrl: string,
    private readonly token?: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async get(
    path: string,
    init: {
      method?: string;
      json?: unknown;
      /** A raw body (streamed), with its content type and length. */
      raw?: { body: ReadableStream<Uint8Array>; type: string; length: number };
    } = {},
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.raw ? { 'content-type': init.raw.type, 'content-length': String(init.raw.length) } : {}),
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        // Node's fetch streams a request body only in half-duplex mode.
        ...(init.raw ? { body: init.raw.body, duplex: 'half' } : {}),
        signal: AbortSignal.timeout(300_000),
      } as RequestInit);
    } catch (error) {
      throw new ClientError(`cannot reach ${this.baseUrl}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      let detail = '';
      try {
        detail = ((await response.json()) as { detail?: string }).detail ?? '';
      } catch {}
      throw new ClientError(
        `${init.method ?? 'GET'} ${path} answered ${response.status}${detail ? `: ${detail}` : ''}`,
      );
    }
    return response;
  }

  async checkpoint(): Promise<string> {
    return (await this.get('/v1/ledger/checkpoint')).text();
  }

  async verifierKey(): Promise<string> {
    return (await (await this.get('/v1/ledger/key')).text()).trim();
  }

  async consistencyProof(from: bigint, to: bigint): Promise<Hash[]> {
    const body = (await (await this.get(`/v1/ledger/proofs/consistency?from=${from}&to=${to}`)).json()) as {
      proof: string[];
    };
    return decodeHashes(body.proof);
  }

  async inclusionProof(index: bigint, treeSize: bigint): Promise<{ leafHash: Hash; proof: Hash[] }> {
    const body = (await (
      await this.get(`/v1/ledger/proofs/inclusion?index=${index}&treeSize=${treeSize}`)
    ).json()) as {
      leafHash: string;
      proof: string[];
    };
    const [leafHash] = decodeHashes([body.leafHash]);
    return { leafHash: leafHash!, proof: decodeHashes(body.proof) };
  }

  /** The attestations covering a digest, with everything needed to check them offline. */
  async evidenceForDigest(sha256: string): Promise<EvidenceReport> {
    return (await (
      await this.get('/v1/verify', { method: 'POST', json: { sha256 } })
    ).json()) as EvidenceReport;
  }

  /** The attestations about a subject (`plot:<id>` or `batch:<id>`); needs a token. */
  async attestations(subject: string): Promise<EvidenceReport> {
    return (await (
      await this.get(`/v1/attestations?subject=${encodeURIComponent(subject)}`)
    ).json()) as EvidenceReport;
  }

  async media(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.get(`/v1/evidence/${sha256}/content`)).arrayBuffer());
  }

  /** A C2SP tlog-tiles resource under /v1/ledger/tile/ (hash tile or entry bundle). */
  async tile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.get(`/v1/ledger/tile/${path}`)).arrayBuffer());
  }

  /** Checkpoints with sizes from `from` on, oldest first. */
  async checkpoints(
    from: bigint,
    limit: number,
  ): Promise<{ treeSize: number; rootHash: string; note: string }[]> {
    const body = (await (await this.get(`/v1/ledger/checkpoints?from=${from}&limit=${limit}`)).json()) as {
      checkpoints: { treeSize: number; rootHash: string; note: string }[];
    };
    return body.checkpoints;
  }

  /** POSTs JSON (needs a token for most paths) and answers the parsed JSON response. */
  async postJson<T>(path: string, body: unknown): Promise<T> {
    return (await (await this.get(path, { method: 'POST', json: body })).json()) as T;
  }

  /** GETs JSON. */
  async getJson<T>(path: string): Promise<T> {
    return (await (await this.get(path)).json()) as T;
  }

  /** Streams a file's bytes to POST `path` with its media type. */
  async upload<T>(path: string, body: ReadableStream<Uint8Array>, type: string, length: number): Promise<T> {
    return (await (await this.get(path, { method: 'POST', raw: { body, type, length } })).json()) as T;
  }

  async entries(start: bigint, limit: number): Promise<LedgerEntryPage> {
    return (await (
      await this.get(`/v1/ledger/entries?start=${start}&limit=${limit}`)
    ).json()) as LedgerEntryPage;
  }
}

function decodeHashes(values: unknown): Hash[] {
  if (!Array.isArray(values)) throw new ClientError('malformed proof: not a list');
  return values.map((v) => {
    const hash = typeof v === 'string' ? fromBase64(v) : undefined;
    if (hash?.length !== 32) throw new ClientError('malformed proof: a hash is not base64 of 32 bytes');
    return hash;
  });
}
