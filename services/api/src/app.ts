// The application as a Fastify plugin: external plugins, then ours, then routes.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import authPlugin from './plugins/auth.ts';
import errorsPlugin from './plugins/errors.ts';
import healthRoutes from './routes/health/index.ts';
import ledgerRoutes from './routes/v1/ledger/index.ts';
import type { Runtime } from './runtime.ts';

export interface AppOptions {
  runtime: Runtime;
}

export default async function app(fastify: FastifyInstance, { runtime }: AppOptions) {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

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
    transform: jsonSchemaTransform,
  });
  await fastify.register(swaggerUi, { routePrefix: '/docs' });
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());

  await fastify.register(errorsPlugin);
  await fastify.register(authPlugin, { tokenKeys: runtime.tokenKeys });

  await fastify.register(healthRoutes, { runtime });
  await fastify.register(ledgerRoutes, { runtime, prefix: '/v1/ledger' });
}
