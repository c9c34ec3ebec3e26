// The ledger's read API: the contract outside verifiers rely on. All public: entries carry their
// confidential fields only as salted digests (docs/decisions/0011-selective-disclosure.md).
import { parseTileIndex, toBase64 } from '@groundtruth/ledger';
import {
  CheckpointsQuery,
  CheckpointsResponse,
  ConsistencyProofQuery,
  ConsistencyProofResponse,
  EntriesQuery,
  EntriesResponse,
  InclusionProofQuery,
  InclusionProofResponse,
  Problem,
  TileParams,
} from '@groundtruth/schemas';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, notFound } from '../../../errors.ts';
import type { Runtime } from '../../../runtime.ts';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const TEXT = 'text/plain; charset=utf-8';

/** Sizes go out as JSON numbers; a log past 2^53 entries is far beyond anything this stores. */
const asNumber = (n: bigint) => Number(n);

export default async function ledgerRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reader } = runtime;

  r.get('/checkpoint', {
    schema: {
      operationId: 'getLatestCheckpoint',
      tags: ['ledger'],
      summary: 'The latest signed checkpoint (C2SP tlog-checkpoint note)',
      produces: ['text/plain'],
      response: { 200: z.string().describe('C2SP signed note') },
    },
    handler: async (_request, reply) => {
      const checkpoint = await reader.latestCheckpoint();
      if (!checkpoint) throw notFound('the log has no checkpoint yet');
      return reply.type(TEXT).header('cache-control', 'no-cache').send(checkpoint.note);
    },
  });

  r.get('/key', {
    schema: {
      operationId: 'getLogVerifierKey',
      tags: ['ledger'],
      summary: 'The verifier key of the log (C2SP signed-note vkey)',
      produces: ['text/plain'],
      response: { 200: z.string() },
    },
    handler: async (_request, reply) => reply.type(TEXT).send(runtime.verifierKey),
  });

  r.get('/checkpoints', {
    schema: {
      operationId: 'listCheckpoints',
      tags: ['ledger'],
      summary: 'Every checkpoint the log signed, oldest first',
      querystring: CheckpointsQuery,
      response: { 200: CheckpointsResponse, ...problems },
    },
    handler: async (request) => {
      const rows = await reader.checkpoints(request.query.from, request.query.limit);
      return {
        checkpoints: rows.map((c) => ({
          treeSize: asNumber(c.size),
          rootHash: toBase64(c.rootHash),
          issuedAt: c.issuedAt.toISOString(),
          note: c.note,
        })),
      };
    },
  });

  r.get('/proofs/inclusion', {
    schema: {
      operationId: 'getInclusionProof',
      tags: ['ledger'],
      summary: 'RFC 9162 inclusion proof of one entry in the tree of a given size',
      querystring: InclusionProofQuery,
      response: { 200: InclusionProofResponse, ...problems },
    },
    handler: async (request) => {
      const { index, treeSize } = request.query;
      const { leafHash, proof } = await reader.inclusionProof(index, treeSize);
      return {
        index: asNumber(index),
        treeSize: asNumber(treeSize),
        leafHash: toBase64(leafHash),
        proof: proof.map(toBase64),
      };
    },
  });

  r.get('/proofs/consistency', {
    schema: {
      operationId: 'getConsistencyProof',
      tags: ['ledger'],
      summary: 'RFC 9162 consistency proof between two tree sizes',
      querystring: ConsistencyProofQuery,
      response: { 200: ConsistencyProofResponse, ...problems },
    },
    handler: async (request) => {
      const { from, to } = request.query;
      if (from === 0n && to > 0n) {
        throw badRequest('a consistency proof needs from ≥ 1: every tree extends the empty one', [
          { in: 'query', pointer: '/from', detail: 'must be at least 1' },
        ]);
      }
      const proof = await reader.consistencyProof(from, to);
      return { from: asNumber(from), to: asNumber(to), proof: proof.map(toBase64) };
    },
  });

  r.get('/entries', {
    schema: {
      operationId: 'listLedgerEntries',
      tags: ['ledger'],
      summary: 'Entries with their exact leaf bytes; confidential fields appear only as digests',
      querystring: EntriesQuery,
      response: { 200: EntriesResponse, ...problems },
    },
    handler: async (request) => {
      const entries = await reader.entries(request.query.start, request.query.limit);
      return {
        entries: entries.map((e) => ({ index: asNumber(e.index), data: toBase64(e.data), entry: e.entry })),
      };
    },
  });

  // C2SP tlog-tiles read endpoints: tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>].
  r.get('/tile/*', {
    schema: {
      operationId: 'getTile',
      tags: ['ledger'],
      summary: 'C2SP tlog-tiles: a hash tile or an entry bundle',
      produces: ['application/octet-stream'],
      params: TileParams,
      response: { 200: z.any(), ...problems },
    },
    handler: async (request, reply) => {
      const tile = parseTilePath(request.params['*']);
      if (!tile) {
        throw badRequest('not a tlog-tiles path', [
          { in: 'params', pointer: '/*', detail: 'expected <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]' },
        ]);
      }
      const body =
        tile.level === 'entries'
          ? await reader.entryBundle(tile.index, tile.width)
          : await reader.tile(tile.level, tile.index, tile.width);
      // Full tiles never change; a partial one is replaced by a wider one later under another path.
      return reply
        .type('application/octet-stream')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(Buffer.from(body));
    },
  });
}

/** Parses `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, where N is written as x001/x234/067. */
function parseTilePath(
  path: string,
): { level: number | 'entries'; index: bigint; width: number | undefined } | undefined {
  const segments = path.split('/');
  const head = segments.shift();
  let level: number | 'entries';
  if (head === 'entries') level = 'entries';
  else if (head !== undefined && /^[0-9]$/.test(head)) level = Number(head);
  else return undefined;
  let width: number | undefined;
  const last = segments.at(-1);
  if (segments.length >= 2 && segments.at(-2)!.endsWith('.p') && last && /^[1-9][0-9]{0,2}$/.test(last)) {
    width = Number(last);
    if (width > 255) return undefined;
    segments.pop();
    segments[segments.length - 1] = segments.at(-1)!.slice(0, -2);
  }
  const index = parseTileIndex(segments);
  return index === undefined ? undefined : { level, index, width };
}
