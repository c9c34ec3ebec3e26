// The signer's side: a key pair to sign with, and attestations made the way the server checks them
// (RFC 7515 compact JWS over the JSON manifest, `kid` = the key's RFC 7638 thumbprint).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { CompactSign, calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { ClientError, type LedgerClient } from './http.ts';

export interface KeyFile {
  /** The private JWK with its `kid` and `alg`. */
  privateJwk: JWK & { kid: string; alg: 'EdDSA' | 'ES256' };
  publicJwk: JWK;
  kid: string;
}

/** The public half of a JWK: only the members RFC 7638 hashes for OKP and EC keys. */
export function publicHalf(jwk: JWK): JWK {
  if (jwk.kty === 'OKP') return { kty: 'OKP', crv: jwk.crv!, x: jwk.x! };
  if (jwk.kty === 'EC') return { kty: 'EC', crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  throw new ClientError(`keys are Ed25519 (OKP) or P-256 (EC), not ${jwk.kty}`);
}

/** A new Ed25519 key pair as JWKs; kid is the public key's RFC 7638 SHA-256 thumbprint. */
export async function newSigningKey(): Promise<KeyFile> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const publicJwk = publicHalf(jwk);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { privateJwk: { ...jwk, kid, alg: 'EdDSA' }, publicJwk, kid };
}

/**
 * Writes the private key readable by its owner only (mode 0600, set as the file is created), and
 * never over an existing file: a key is not something to replace by accident.
 */
export async function writeKeyFile(path: string, key: KeyFile): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(key.privateJwk, null, 2)}\n`);
  } finally {
    await handle.close();
  }
}

export async function readKeyFile(path: string): Promise<KeyFile> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    throw new ClientError(`cannot read the key file ${path}: ${(error as Error).message}`);
  }
  if (typeof jwk.d !== 'string') throw new ClientError(`${path} holds no private key (no "d")`);
  const publicJwk = publicHalf(jwk);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const alg = jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
  return { privateJwk: { ...jwk, kid, alg }, publicJwk, kid };
}

/** Signs a JSON payload as a compact JWS with the key's algorithm and kid. */
export async function signJson(key: KeyFile, payload: unknown): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, key.privateJwk.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: key.privateJwk.alg, kid: key.kid })
    .sign(privateKey);
}

/** The media type to declare for a file, from its name; the server judges the bytes either way. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.heic': 'image/heic',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.glb': 'model/gltf-binary',
  '.ply': 'model/x-ply',
  '.spz': 'model/x-spz',
  '.splat': 'model/x-splat',
  '.ksplat': 'model/x-ksplat',
};
export const mediaTypeOf = (file: string) =>
  TYPE_BY_EXTENSION[extname(file).toLowerCase()] ?? 'application/octet-stream';

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface UploadedBlob {
  sha256: string;
  size: number;
  kind: 'image' | 'video' | 'splat' | 'gltf';
  mediaType: string;
  metadata: Record<string, unknown>;
}

export interface AttestOptions {
  subject: { kind: 'plot' | 'batch'; id: string };
  files: string[];
  key: KeyFile;
  statement: string;
  device?: string | undefined;
  capturedAt?: string | undefined;
  location?: [longitude: number, latitude: number] | undefined;
  /** Progress lines for the user. */
  log?: (line: string) => void;
}

/**
 * Hashes and uploads each file (checking the server stored the digest computed here), builds the
 * manifest, signs it and records the attestation. Resolves with the server's receipt.
 */
export async function attest(client: LedgerClient, options: AttestOptions) {
  const log = options.log ?? (() => {});
  const media: { sha256: string; size: number; kind: UploadedBlob['kind'] }[] = [];
  const uploaded: UploadedBlob[] = [];
  for (const file of options.files) {
    const [digest, { size }] = await Promise.all([sha256OfFile(file), stat(file)]);
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    const blob = await client.upload<UploadedBlob>('/v1/evidence', body, mediaTypeOf(file), size);
    if (blob.sha256 !== digest || blob.size !== size)
      throw new ClientError(
        `the server stored ${file} as ${blob.sha256} (${blob.size} bytes), not ${digest}`,
      );
    log(`uploaded ${file}: ${blob.mediaType}, ${size} bytes, sha256 ${digest}`);
    media.push({ sha256: digest, size, kind: blob.kind });
    uploaded.push(blob);
  }
  // Where: as given, else where the first geotagged photo or video says it was taken.
  let location = options.location;
  if (!location) {
    const tagged = uploaded.find(
      (b) => typeof b.metadata.gpsLongitude === 'number' && typeof b.metadata.gpsLatitude === 'number',
    );
    if (!tagged)
      throw new ClientError(
        'no location: pass --location <longitude>,<latitude> (no file carries GPS coordinates)',
      );
    location = [tagged.metadata.gpsLongitude as number, tagged.metadata.gpsLatitude as number];
  }
  const camera = uploaded.find((b) => typeof b.metadata.cameraModel === 'string')?.metadata;
  const manifest = {
    subject: options.subject,
    media,
    capturedAt: options.capturedAt ?? new Date().toISOString(),
    location: { type: 'Point' as const, coordinates: location },
    device:
      options.device ??
      (camera ? `${camera.cameraMake ?? ''} ${camera.cameraModel}`.trim() : 'unspecified device'),
    statement: options.statement,
  };
  const jws = await signJson(options.key, manifest);
  return client.postJson<Record<string, unknown> & { attestationId: string; entryIndex: number }>(
    '/v1/attestations',
    { jws },
  );
}
