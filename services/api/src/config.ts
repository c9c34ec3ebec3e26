// The service's configuration: one zod schema over the environment, checked once at start-up.
import { join, resolve } from 'node:path';
import { isValidKeyName } from '@groundtruth/ledger';
import { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from '@groundtruth/massbalance';
import { z } from 'zod';

// GS1's schema is vendored unchanged in the repository (schemas/vendor/gs1/epcis-2.0, with its source and
// version) and found relative to this file, so the working directory does not matter
// (docs/decisions/0004-epcis.md).
const DEFAULT_EPCIS_SCHEMA = join(
  import.meta.dirname,
  '../../../schemas/vendor/gs1/epcis-2.0/EPCIS-JSON-Schema.json',
);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded database)')
    .optional(),
  GROUNDTRUTH_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GROUNDTRUTH_LOG_ORIGIN: z
    .string()
    .refine(
      isValidKeyName,
      'must be a schemeless URL-like name without spaces or "+", e.g. ledger.example.com/log',
    )
    .refine((s) => !/^[a-z]+:\/\//i.test(s), 'must not have a URL scheme')
    .default('groundtruth.localhost/ledger'),
  GROUNDTRUTH_SIGNING_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('PKCS#8 PEM Ed25519 key file that signs checkpoints'),
  GROUNDTRUTH_AUTH_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('PKCS#8 PEM Ed25519 key file that signs API tokens'),
  GROUNDTRUTH_EPCIS_SCHEMA: z
    .string()
    .min(1)
    .optional()
    .describe("GS1's EPCIS-JSON-Schema.json, which /epcis/capture validates documents against"),
  GROUNDTRUTH_EVIDENCE_DIR: z.string().min(1).optional().describe('where evidence media are stored'),
  GROUNDTRUTH_EVIDENCE_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional()
    .describe('store evidence in this S3-compatible bucket (the evidence dir is then its local cache)'),
  GROUNDTRUTH_EVIDENCE_S3_ENDPOINT: z
    .url()
    .optional()
    .describe('endpoint of MinIO, Ceph or another S3-compatible service'),
  GROUNDTRUTH_EVIDENCE_S3_REGION: z.string().min(1).default('us-east-1'),
  GROUNDTRUTH_EVIDENCE_S3_PREFIX: z.string().default(''),
  GROUNDTRUTH_EVIDENCE_S3_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 1024 ** 3)
    .describe(
      'with S3: the most the local cache keeps; objects in the bucket leave it least recently used first',
    ),
  GROUNDTRUTH_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 45)
    .default(2 * 1024 ** 3),
  GROUNDTRUTH_DEMO_DATA: z.enum(['on', 'off']).default('on'),
  GROUNDTRUTH_SELF_AUDIT_INTERVAL: z
    .string()
    .regex(/^(0|off|\d+[smhd])$/, 'must be like 30m, 1h or 1d, or 0/off')
    .default('1h')
    .describe('how often the service re-audits its whole stored log (0 or off: never in the background)'),
  GROUNDTRUTH_RATE_LIMIT: z
    .enum(['on', 'off'])
    .default('on')
    .describe('request rate limits (per token, per address, and on anonymous hashing)'),
  GROUNDTRUTH_RATE_LIMIT_WINDOW: z
    .string()
    .regex(/^\d+[smh]$/, 'must be like 30s, 1m or 1h')
    .default('1m'),
  GROUNDTRUTH_RATE_LIMIT_PER_TOKEN: z.coerce
    .number()
    .int()
    .min(0)
    .default(1200)
    .describe('requests per window for each bearer token (0: unlimited)'),
  GROUNDTRUTH_RATE_LIMIT_PER_IP: z.coerce
    .number()
    .int()
    .min(0)
    .default(300)
    .describe('requests per window for each client address without a token (0: unlimited)'),
  GROUNDTRUTH_RATE_LIMIT_HASHING: z.coerce
    .number()
    .int()
    .min(0)
    .default(30)
    .describe(
      'requests per window for each client address to POST /v1/verify and /v1/verify/file (0: unlimited)',
    ),
  GROUNDTRUTH_TOKEN_TTL: z
    .string()
    .regex(/^\d+[smhd]$/, 'must be like 30m, 12h or 7d')
    .default('12h'),
  GROUNDTRUTH_CLOCK_SKEW_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(300)
    .describe('how far in the future an eventTime may lie (client clocks run fast)'),
  GROUNDTRUTH_BACKDATED_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .describe('a harvest recorded more days than this after its eventTime is BACKDATED'),
  GROUNDTRUTH_UNCONFIRMED_TRANSFER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(14)
    .describe('a transfer its receiver has not confirmed after this many days is a finding'),
  GROUNDTRUTH_EVIDENCE_MAX_DISTANCE_KM: z.coerce
    .number()
    .positive()
    .max(20_000)
    .default(5)
    .describe('evidence captured farther than this from its plot is EVIDENCE_FAR_FROM_PLOT'),
  GROUNDTRUTH_EVIDENCE_MAX_TIME_DIFFERENCE_HOURS: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(48)
    .describe('a photo or video clock farther than this from capturedAt is EVIDENCE_TIME_MISMATCH'),
  GROUNDTRUTH_EVIDENCE_MIN_SPLAT_POINTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .default(10_000)
    .describe('a Gaussian splat with fewer points is EVIDENCE_SPARSE_SPLAT'),
  GROUNDTRUTH_FOREST_MAP: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the forest-cover map for deforestation checks (JRC GFC2020 format, GeoTIFF tiles in EPSG:4326): a local ' +
        'directory, or an http(s):// URL of a path-style S3 prefix readable without credentials; unset: checks off',
    ),
  GROUNDTRUTH_FOREST_MAP_DATASET: z.string().min(1).max(100).default('JRC GFC2020'),
  GROUNDTRUTH_FOREST_MAP_VERSION: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .describe(
      'the version of the forest map (e.g. V3), named in every result and finding; required with the map',
    ),
  GROUNDTRUTH_FOREST_LOSS: z
    .string()
    .min(1)
    .optional()
    .describe('a tree-cover-loss layer by year (Hansen GFC `lossyear` coding), located as the forest map is'),
  GROUNDTRUTH_FOREST_LOSS_DATASET: z.string().min(1).max(100).default('Hansen GFC lossyear'),
  GROUNDTRUTH_FOREST_LOSS_VERSION: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .describe('required with the loss layer'),
  GROUNDTRUTH_FOREST_TOLERANCE_SHARE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe('forest (or loss) above this share of a plot is DEFORESTATION_RISK'),
  GROUNDTRUTH_FOREST_TOLERANCE_HECTARES: z.coerce
    .number()
    .min(0)
    .max(1_000_000)
    .default(0.5)
    .describe('forest (or loss) of this many hectares or more on a plot is DEFORESTATION_RISK'),
  GROUNDTRUTH_FOREST_MAX_PIXELS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(4_000_000)
    .describe('the most pixels of one layer a plot check reads; larger plots are refused'),
  GROUNDTRUTH_FOREST_MAX_PLOTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(5000)
    .describe('the most plots one batch check covers'),
  GROUNDTRUTH_WEBHOOK_LOOPBACK: z
    .enum(['allow', 'deny'])
    .default('deny')
    .describe('EPCIS webhooks to 127.0.0.1/::1 (plain http allowed there): for tests and development only'),
  GROUNDTRUTH_WEBHOOK_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe('attempts at one EPCIS webhook delivery before it goes to the dead-letter list'),
  GROUNDTRUTH_WEBHOOK_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600_000)
    .default(5000)
    .describe('delay before the first retry of a webhook delivery; doubled at each further one (to 1 h)'),
  GROUNDTRUTH_WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('how long a subscriber has to answer one webhook POST'),
  GROUNDTRUTH_WEBHOOK_POLL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(1000)
    .describe('how often each process looks for new matching events and due deliveries'),
});

/** EPCIS webhook subscriptions' delivery (docs/decisions/0026-epcis-queries-and-subscriptions.md). */
export interface WebhookSettings {
  allowLoopback: boolean;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
  pollMs: number;
}

/** The custody checks' settings (docs/decisions/0009-custody.md). */
export interface CustodySettings {
  clockSkewSeconds: number;
  backdatedDays: number;
  unconfirmedTransferDays: number;
  /** Evidence plausibility (docs/decisions/0014-evidence-plausibility.md). */
  evidence: EvidenceLimits;
}
export const DEFAULT_CUSTODY: CustodySettings = {
  clockSkewSeconds: 300,
  backdatedDays: 90,
  unconfirmedTransferDays: 14,
  evidence: DEFAULT_EVIDENCE_LIMITS,
};

/** The deforestation check's forest map and loss layer (docs/decisions/0020-deforestation-check.md). */
export interface ForestSettings {
  map: { source: string; dataset: { name: string; version: string } };
  loss: { source: string; dataset: { name: string; version: string } } | undefined;
  tolerance: { share: number; hectares: number };
  maxPixels: number;
  maxPlots: number;
}

/** A forest layer's location: an http(s) URL as it is, a directory made absolute. */
const layerSource = (value: string) => (/^https?:\/\//i.test(value) ? value : resolve(value));

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  origin: string;
  signingKeyPath: string;
  /** Whether a missing signing key may be generated (only when it lives in the data dir). */
  generateSigningKey: boolean;
  authKeyPath: string;
  generateAuthKey: boolean;
  demoData: boolean;
  /** The filesystem blob store of evidence media. */
  evidenceDir: string;
  /** Largest evidence upload accepted, in bytes. */
  evidenceMaxBytes: number;
  /** S3-compatible storage for evidence; credentials come from the AWS SDK's usual sources. */
  evidenceS3:
    | { bucket: string; endpoint?: string; region: string; prefix: string; cacheMaxBytes: number }
    | undefined;
  /** GS1's EPCIS 2.0 JSON Schema; capture is refused (503) while it is missing. */
  epcisSchemaPath: string;
  tokenTtl: string;
  /** Milliseconds between background full audits of the stored log; 0 = off. */
  selfAuditIntervalMs: number;
  /** Requests allowed per window; undefined = no rate limits at all, 0 = that class unlimited. */
  rateLimit: RateLimits | undefined;
  custody: CustodySettings;
  /** Undefined: no forest map configured, deforestation checks answer 503. */
  forest: ForestSettings | undefined;
  webhooks: WebhookSettings;
}

export interface RateLimits {
  windowMs: number;
  perToken: number;
  perIp: number;
  /** Anonymous hashing and verification (POST /v1/verify, /v1/verify/file), per address. */
  hashing: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** `30m` → milliseconds; `0` and `off` → 0. */
export function durationMs(text: string): number {
  if (text === '0' || text === 'off') return 0;
  return Number(text.slice(0, -1)) * UNIT_MS[text.at(-1)!]!;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = [
    ...(e.GROUNDTRUTH_FOREST_MAP && !e.GROUNDTRUTH_FOREST_MAP_VERSION
      ? ['GROUNDTRUTH_FOREST_MAP_VERSION']
      : []),
    ...(e.GROUNDTRUTH_FOREST_LOSS && !e.GROUNDTRUTH_FOREST_LOSS_VERSION
      ? ['GROUNDTRUTH_FOREST_LOSS_VERSION']
      : []),
    ...(e.GROUNDTRUTH_FOREST_LOSS && !e.GROUNDTRUTH_FOREST_MAP ? ['GROUNDTRUTH_FOREST_MAP'] : []),
  ];
  if (missing.length > 0)
    throw new ConfigError(
      `invalid configuration:\n${missing.map((name) => `  ${name}: required with the forest layers set`).join('\n')}`,
    );
  const dataDir = resolve(e.GROUNDTRUTH_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    logLevel: e.LOG_LEVEL,
    origin: e.GROUNDTRUTH_LOG_ORIGIN,
    signingKeyPath: resolve(e.GROUNDTRUTH_SIGNING_KEY ?? `${dataDir}/keys/log-signing.pem`),
    generateSigningKey: e.GROUNDTRUTH_SIGNING_KEY === undefined,
    authKeyPath: resolve(e.GROUNDTRUTH_AUTH_KEY ?? `${dataDir}/keys/token-signing.pem`),
    generateAuthKey: e.GROUNDTRUTH_AUTH_KEY === undefined,
    demoData: e.GROUNDTRUTH_DEMO_DATA === 'on',
    evidenceDir: resolve(e.GROUNDTRUTH_EVIDENCE_DIR ?? `${dataDir}/evidence`),
    evidenceMaxBytes: e.GROUNDTRUTH_EVIDENCE_MAX_BYTES,
    evidenceS3: e.GROUNDTRUTH_EVIDENCE_S3_BUCKET
      ? {
          bucket: e.GROUNDTRUTH_EVIDENCE_S3_BUCKET,
          ...(e.GROUNDTRUTH_EVIDENCE_S3_ENDPOINT ? { endpoint: e.GROUNDTRUTH_EVIDENCE_S3_ENDPOINT } : {}),
          region: e.GROUNDTRUTH_EVIDENCE_S3_REGION,
          prefix: e.GROUNDTRUTH_EVIDENCE_S3_PREFIX,
          cacheMaxBytes: e.GROUNDTRUTH_EVIDENCE_S3_CACHE_MAX_BYTES,
        }
      : undefined,
    epcisSchemaPath: resolve(e.GROUNDTRUTH_EPCIS_SCHEMA ?? DEFAULT_EPCIS_SCHEMA),
    tokenTtl: e.GROUNDTRUTH_TOKEN_TTL,
    selfAuditIntervalMs: durationMs(e.GROUNDTRUTH_SELF_AUDIT_INTERVAL),
    rateLimit:
      e.GROUNDTRUTH_RATE_LIMIT === 'on'
        ? {
            windowMs: durationMs(e.GROUNDTRUTH_RATE_LIMIT_WINDOW),
            perToken: e.GROUNDTRUTH_RATE_LIMIT_PER_TOKEN,
            perIp: e.GROUNDTRUTH_RATE_LIMIT_PER_IP,
            hashing: e.GROUNDTRUTH_RATE_LIMIT_HASHING,
          }
        : undefined,
    custody: {
      clockSkewSeconds: e.GROUNDTRUTH_CLOCK_SKEW_SECONDS,
      backdatedDays: e.GROUNDTRUTH_BACKDATED_DAYS,
      unconfirmedTransferDays: e.GROUNDTRUTH_UNCONFIRMED_TRANSFER_DAYS,
      evidence: {
        maxDistanceMetres: e.GROUNDTRUTH_EVIDENCE_MAX_DISTANCE_KM * 1000,
        maxTimeDifferenceHours: e.GROUNDTRUTH_EVIDENCE_MAX_TIME_DIFFERENCE_HOURS,
        minSplatPoints: e.GROUNDTRUTH_EVIDENCE_MIN_SPLAT_POINTS,
      },
    },
    forest: e.GROUNDTRUTH_FOREST_MAP
      ? {
          map: {
            source: layerSource(e.GROUNDTRUTH_FOREST_MAP),
            dataset: { name: e.GROUNDTRUTH_FOREST_MAP_DATASET, version: e.GROUNDTRUTH_FOREST_MAP_VERSION! },
          },
          loss: e.GROUNDTRUTH_FOREST_LOSS
            ? {
                source: layerSource(e.GROUNDTRUTH_FOREST_LOSS),
                dataset: {
                  name: e.GROUNDTRUTH_FOREST_LOSS_DATASET,
                  version: e.GROUNDTRUTH_FOREST_LOSS_VERSION!,
                },
              }
            : undefined,
          tolerance: {
            share: e.GROUNDTRUTH_FOREST_TOLERANCE_SHARE,
            hectares: e.GROUNDTRUTH_FOREST_TOLERANCE_HECTARES,
          },
          maxPixels: e.GROUNDTRUTH_FOREST_MAX_PIXELS,
          maxPlots: e.GROUNDTRUTH_FOREST_MAX_PLOTS,
        }
      : undefined,
    webhooks: {
      allowLoopback: e.GROUNDTRUTH_WEBHOOK_LOOPBACK === 'allow',
      maxAttempts: e.GROUNDTRUTH_WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.GROUNDTRUTH_WEBHOOK_RETRY_BASE_MS,
      timeoutMs: e.GROUNDTRUTH_WEBHOOK_TIMEOUT_MS,
      pollMs: e.GROUNDTRUTH_WEBHOOK_POLL_MS,
    },
  };
}
