// The application as a Fastify plugin: external plugins, then ours, then routes.
import { dirname, join } from 'node:path';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonBodyIssues } from '@groundtruth/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createAccess } from './access.ts';
import type { Principal } from './auth.ts';
import auditWorkflowRoutes from './domains/audits/audits/index.ts';
import { createAuditService } from './domains/audits/audits/service.ts';
import reportRoutes from './domains/audits/reports/index.ts';
import { createReportService } from './domains/audits/reports/service.ts';
import batchRoutes from './domains/custody/batches/index.ts';
import { createBatchListing } from './domains/custody/batches/service.ts';
import eventRoutes from './domains/custody/events/index.ts';
import { createEventService } from './domains/custody/events/service.ts';
import importRoutes from './domains/custody/imports/index.ts';
import { createImportService } from './domains/custody/imports/service.ts';
import eudrRoutes from './domains/deforestation/eudr/index.ts';
import { createEudrService } from './domains/deforestation/eudr/service.ts';
import forestRoutes from './domains/deforestation/forest/index.ts';
import { createForestService } from './domains/deforestation/forest/service.ts';
import disclosureRoutes from './domains/disclosure/disclosures/index.ts';
import { createDisclosureService } from './domains/disclosure/disclosures/service.ts';
import epcisRoutes from './domains/epcis/index.ts';
import { createQueryService } from './domains/epcis/queries.ts';
import { type AfterCustody, createEpcisService, loadEpcisSchema } from './domains/epcis/service.ts';
import { createSubscriptionService } from './domains/epcis/subscriptions.ts';
import { WebhookDispatcher } from './domains/epcis/webhook-delivery.ts';
import attestationRoutes from './domains/evidence/attestations/index.ts';
import { createAttestationService } from './domains/evidence/attestations/service.ts';
import blobRoutes from './domains/evidence/blobs/index.ts';
import { createBlobService } from './domains/evidence/blobs/service.ts';
import keyRoutes from './domains/evidence/keys/index.ts';
import { createKeyService } from './domains/evidence/keys/service.ts';
import verificationRoutes from './domains/evidence/verification/index.ts';
import { createEvidencePackages } from './domains/evidence/verification/packages.ts';
import { createVerificationService } from './domains/evidence/verification/service.ts';
import healthRoutes from './domains/health/index.ts';
import auditRoutes from './domains/ledger/audit/index.ts';
import ledgerRoutes from './domains/ledger/ledger/index.ts';
import massBalanceRoutes from './domains/massbalance/mass-balance/index.ts';
import { createMassBalanceService } from './domains/massbalance/mass-balance/service.ts';
import siteAccountRoutes from './domains/massbalance/site-accounts/index.ts';
import passportCredentialRoutes from './domains/passport/credentials/index.ts';
import { createPassportCredentialService } from './domains/passport/credentials/service.ts';
import passportRoutes from './domains/passport/index.ts';
import passportPolicyRoutes from './domains/passport/policies/index.ts';
import { createPassportPolicyService } from './domains/passport/policies/service.ts';
import { createPassportService } from './domains/passport/service.ts';
import contactRoutes from './domains/people/contacts/index.ts';
import grantRoutes from './domains/people/grants/index.ts';
import userRoutes from './domains/people/users/index.ts';
import { isTokenActive } from './domains/people/users/store.ts';
import organisationRoutes from './domains/registry/organisations/index.ts';
import { createOrganisationService } from './domains/registry/organisations/service.ts';
import plotRoutes from './domains/registry/plots/index.ts';
import { createPlotService } from './domains/registry/plots/service.ts';
import productRoutes from './domains/registry/products/index.ts';
import invitationRoutes from './domains/relationships/invitations/index.ts';
import { createInvitationService } from './domains/relationships/invitations/service.ts';
import onboardingRoutes from './domains/relationships/onboarding/index.ts';
import { createOnboardingService } from './domains/relationships/onboarding/service.ts';
import relationshipRoutes from './domains/relationships/relationships/index.ts';
import viewerRoutes from './domains/viewer/index.ts';
import { badRequest } from './errors.ts';
import { transform as openApiTransform, transformObject as openApiTransformObject } from './openapi.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin from './plugins/errors.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import { onRecorded } from './record.ts';
import type { Runtime } from './runtime.ts';

export interface AppOptions {
  runtime: Runtime;
}

/** A query string component decoded as UTF-8, or undefined when its bytes are not UTF-8. */
function strictDecode(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export default async function app(fastify: FastifyInstance, { runtime }: AppOptions) {
  // Keep the JSON text a request arrived as: EUDR precision is a property of the digits written
  // (6.500000 has six decimals; the parsed number 6.5 does not show them). Parsing stays Fastify's own,
  // with its prototype-poisoning protection.
  const parseJson = fastify.getDefaultJsonParser('error', 'ignore');
  const keepRawJson = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (e: Error | null, v?: unknown) => void,
  ) => {
    // RFC 8259 §8.1: JSON text is UTF-8. Decoding leniently would turn bad bytes into U+FFFD unseen.
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      return done(
        badRequest('the body is not UTF-8 (RFC 8259 §8.1)', [
          { in: 'body', pointer: '', detail: 'is not UTF-8' },
        ]),
      );
    }
    request.rawBody = text;
    parseJson(request, text, (error, value) => {
      if (error) return done(error);
      // Text no column can hold, 1e309, nesting the ledger cannot encode: refused here for every
      // route, with the pointer, before any handler can half-write it.
      const issues = jsonBodyIssues(value);
      if (issues.length > 0)
        return done(
          badRequest(
            `invalid ${issues.map((i) => `body${i.pointer || '/'}`).join(', ')}`,
            issues.map((i) => ({ in: 'body', ...i })),
          ),
        );
      done(null, value);
    });
  };
  const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepRawJson);
  // EPCIS documents are JSON-LD.
  fastify.addContentTypeParser('application/ld+json', { parseAs: 'buffer' }, keepRawJson);
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // Query strings are decoded leniently by the router: percent-encoded bytes that are not UTF-8 would
  // reach a handler as U+FFFD. Refused here, with the parameter named (RFC 3986 §2.5: UTF-8).
  fastify.addHook('onRequest', async (request) => {
    const start = request.url.indexOf('?');
    if (start < 0) return;
    for (const pair of request.url.slice(start + 1).split('&')) {
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      const decoded = strictDecode(name);
      if (decoded === undefined || strictDecode(value) === undefined)
        throw badRequest(`invalid query parameter ${decoded ?? name}: not UTF-8 percent-encoding`, [
          { in: 'query', pointer: `/${decoded ?? name}`, detail: 'is not UTF-8 percent-encoding' },
        ]);
    }
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  // Ours first: routes pick up the error handler of their context when they are declared.
  await fastify.register(errorsPlugin);
  await fastify.register(authPlugin, {
    tokenKeys: runtime.tokenKeys,
    isTokenActive: (tokenId: string) => isTokenActive(runtime.db, tokenId),
  });
  // Before every route, so each one is limited (global hooks apply to routes declared after them).
  if (runtime.rateLimit) await fastify.register(rateLimitPlugin, runtime.rateLimit);

  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Groundtruth API',
        version: '0.1.0',
        description:
          'Supply-chain provenance with a verifiable ledger: every accepted record is an entry in an RFC 9162 Merkle tree with signed C2SP checkpoints.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  // The HTML pages get helmet's security headers and CSP, in their own context so the JSON API's
  // responses stay as they are. Swagger UI loads only its own scripts and styles and fetches the
  // spec from this origin, which helmet's default CSP allows; upgrade-insecure-requests is dropped
  // because it would send a plain-HTTP deployment's spec request to https.
  await fastify.register(async (docs) => {
    await docs.register(helmet, {
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());

  await fastify.register(healthRoutes, { runtime });
  await fastify.register(passportRoutes, { db: runtime.db });
  await fastify.register(viewerRoutes);
  await fastify.register(ledgerRoutes, { runtime, prefix: '/v1/ledger' });
  await fastify.register(auditRoutes, { selfAudit: runtime.selfAudit, prefix: '/v1/ledger' });
  // The background self-audit runs while the server does; it must stop before the database closes.
  fastify.addHook('onReady', async () => runtime.selfAudit.start(fastify.log));
  fastify.addHook('onClose', async () => runtime.selfAudit.stop());

  const deps = { db: runtime.db, writer: runtime.writer };
  const access = createAccess(runtime.db);
  const organisations = createOrganisationService({ ...deps, access });
  const plots = createPlotService(deps);
  await fastify.register(organisationRoutes, { organisations, plots, access, prefix: '/v1/organisations' });
  await fastify.register(contactRoutes, { ...deps, access, prefix: '/v1/organisations' });
  await fastify.register(grantRoutes, { ...deps, prefix: '/v1/organisations' });
  await fastify.register(relationshipRoutes, { organisations, prefix: '/v1' });
  await fastify.register(plotRoutes, { plots, access, prefix: '/v1/plots' });
  await fastify.register(importRoutes, {
    imports: createImportService({ ...deps, access, plots }),
    prefix: '/v1/imports',
  });
  await fastify.register(productRoutes, { ...deps, access, prefix: '/v1/products' });
  const events = createEventService({ ...deps, access, custody: runtime.custody });
  const massBalance = createMassBalanceService({ ...deps, access, custody: runtime.custody });
  // A new harvest re-checks its plot at once, a new transfer or transformation its conservation; a
  // failure here is logged, and the next recompute covers it. The same for captured EPCIS custody.
  const afterHarvest = (principal: Principal, eventId: string) =>
    massBalance.checkHarvest(principal, eventId).then(
      () => undefined,
      (error: unknown) => fastify.log.error({ err: error, eventId }, 'incremental mass-balance check failed'),
    );
  const afterConversion = (principal: Principal, eventId: string) =>
    massBalance.checkEvent(principal, eventId).then(
      () => undefined,
      (error: unknown) => fastify.log.error({ err: error, eventId }, 'incremental conservation check failed'),
    );
  const afterCustodyEvent: AfterCustody = async (principal, kind, eventId) => {
    if (kind === 'harvest') await afterHarvest(principal, eventId);
    if (kind === 'transfer' || kind === 'transformation') await afterConversion(principal, eventId);
  };
  await fastify.register(eventRoutes, {
    events,
    afterHarvest,
    afterConversion,
    prefix: '/v1/events',
  });
  await fastify.register(massBalanceRoutes, { massBalance, events, prefix: '/v1' });
  const passportPolicies = createPassportPolicyService({ ...deps, access });
  await fastify.register(passportPolicyRoutes, { policies: passportPolicies, prefix: '/v1' });
  // Its own lookup, never stale: a credential must be drafted from the lot's claim as it is now.
  const credentialPassports = createPassportService({ db: runtime.db, freshMs: 0 });
  fastify.addHook('onClose', async () => credentialPassports.close());
  await fastify.register(passportCredentialRoutes, {
    credentials: createPassportCredentialService({
      ...deps,
      reader: runtime.reader,
      access,
      passports: credentialPassports,
    }),
  });
  await fastify.register(disclosureRoutes, {
    disclosures: createDisclosureService({
      ...deps,
      reader: runtime.reader,
      access,
      massBalance,
      events,
      policies: passportPolicies,
      store: runtime.evidence.store,
    }),
    prefix: '/v1',
  });
  await fastify.register(siteAccountRoutes, { ...deps, access, massBalance, prefix: '/v1/organisations' });
  // Evidence (decision 0035): media, signing keys, attestations, and their public verification.
  const { store: blobStore, maxBytes } = runtime.evidence;
  await fastify.register(blobRoutes, {
    blobs: createBlobService({ ...deps, access, store: blobStore, maxBytes }),
    prefix: '/v1',
  });
  await fastify.register(keyRoutes, { keys: createKeyService({ ...deps, access }), prefix: '/v1' });
  const evidencePackages = createEvidencePackages({
    ...deps,
    reader: runtime.reader,
    logKey: runtime.verifierKey,
  });
  await fastify.register(attestationRoutes, {
    attestations: createAttestationService({
      ...deps,
      reader: runtime.reader,
      access,
      packages: evidencePackages,
      logKey: runtime.verifierKey,
      // Evidence plausibility as attestations arrive; a failure is logged, never a refusal, and the next
      // recompute covers it.
      afterAttested: (principal, attestationIds) =>
        massBalance.checkAttestations(principal, attestationIds).then(
          () => undefined,
          (error: unknown) =>
            fastify.log.error({ err: error, attestationIds }, 'incremental evidence check failed'),
        ),
    }),
    prefix: '/v1',
  });
  await fastify.register(verificationRoutes, {
    verification: createVerificationService({ ...deps, packages: evidencePackages, maxBytes }),
    prefix: '/v1',
  });
  const forest = createForestService({ db: runtime.db, access, settings: runtime.forest, log: fastify.log });
  await fastify.register(forestRoutes, {
    forest,
    events,
    prefix: '/v1',
  });
  await fastify.register(batchRoutes, {
    events,
    batches: createBatchListing({ db: runtime.db, access }),
    prefix: '/v1/batches',
  });
  await fastify.register(eudrRoutes, {
    eudr: createEudrService({
      ...deps,
      access,
      events,
      massBalance,
      // A statement carries the newest forest check of each plot (decision 0020).
      forestChecks: async (plotIds) =>
        (await forest.latest(plotIds)).map((c) => ({
          plotId: c.plotId,
          checkedAt: c.checkedAt,
          verdict: c.verdict,
          coveredShare: c.coveredShare,
          forestShare: c.forestShare,
          lostShare: c.loss?.lostShare ?? null,
          dataset: c.dataset,
          findingId: c.finding?.id ?? null,
        })),
    }),
    prefix: '/v1/batches',
  });
  await fastify.register(auditWorkflowRoutes, {
    audits: createAuditService({ ...deps, access, events, massBalance }),
    prefix: '/v1/audits',
  });
  await fastify.register(reportRoutes, {
    reports: createReportService({ db: runtime.db, access, events }),
    prefix: '/v1/reports',
  });
  await fastify.register(userRoutes, { ...deps, prefix: '/v1' });
  await fastify.register(invitationRoutes, {
    invitations: createInvitationService({ ...deps, access, tokenKeys: runtime.tokenKeys }),
    prefix: '/v1',
  });
  await fastify.register(onboardingRoutes, {
    onboarding: createOnboardingService({ ...deps, access }),
    prefix: '/v1',
  });
  const epcis = createEpcisService({
    ...deps,
    access,
    schema: loadEpcisSchema(runtime.epcisSchemaPath),
    events,
    afterCustody: afterCustodyEvent,
  });
  if (!epcis.available)
    fastify.log.warn(
      { path: runtime.epcisSchemaPath },
      "GS1's EPCIS JSON Schema not found: EPCIS capture is off",
    );
  const queries = createQueryService({ ...deps, epcis });
  const subscriptions = createSubscriptionService({
    ...deps,
    queries,
    targets: { allowLoopback: runtime.webhooks.allowLoopback },
  });
  await fastify.register(epcisRoutes, {
    epcis,
    queries,
    subscriptions,
    streamPollMs: runtime.webhooks.pollMs,
    // GS1's XSD sits beside its JSON Schema (schemas/vendor/gs1/epcis-2.0/xsd).
    xsdDir: join(dirname(runtime.epcisSchemaPath), 'xsd'),
    prefix: '/epcis',
  });
  // Webhook deliveries run while the server does, woken by this process's appends (others' are found
  // by polling), and stop before the database closes (decision 0026).
  const webhooks = new WebhookDispatcher({
    db: runtime.db,
    epcis,
    settings: runtime.webhooks,
    log: fastify.log,
  });
  const unsubscribe = onRecorded(() => webhooks.wake());
  fastify.addHook('onReady', async () => webhooks.start());
  fastify.addHook('onClose', async () => {
    unsubscribe();
    await webhooks.stop();
  });
}
