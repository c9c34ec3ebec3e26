// Authentication for routes that declare it: `preHandler: app.requireRole('auditor', 'admin')`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createTokenVerifier, type Principal, type Role, TokenError, type TokenKeys } from '../auth.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
    /** The JSON body as received (set by the app's JSON parser). */
    rawBody?: string;
  }
  interface FastifyInstance {
    tokenKeys: TokenKeys;
    requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void>;
    /** For public routes that show more to a caller who presents a token: checks one if given. */
    identifyIfToken(request: FastifyRequest): Promise<void>;
  }
}

async function authPlugin(
  app: FastifyInstance,
  options: { tokenKeys: TokenKeys; isTokenActive?: (tokenId: string) => Promise<boolean> },
) {
  app.decorate('tokenKeys', options.tokenKeys);
  app.decorateRequest('principal', undefined);

  const verify = createTokenVerifier(options.tokenKeys);
  async function authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(header) : null;
    if (!match) throw unauthorized('a bearer token is required');
    let principal: Principal;
    try {
      principal = await verify(match[1]!);
    } catch (error) {
      if (error instanceof TokenError) throw unauthorized(error.message);
      throw new AppError('internal', 'token verification failed', { cause: error });
    }
    // A per-user token counts only while its issuance stands: revoked or unknown ids are refused.
    if (principal.tokenId && !(await options.isTokenActive?.(principal.tokenId))) {
      throw unauthorized('token revoked or unknown');
    }
    return principal;
  }

  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    const principal = await authenticate(request);
    if (!roles.includes(principal.role)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    request.principal = principal;
  });

  app.decorate('identifyIfToken', async (request: FastifyRequest) => {
    // A token that is present must be valid: a bad one is refused, not silently treated as anonymous.
    if (request.headers.authorization !== undefined) request.principal = await authenticate(request);
  });
}

export default fp(authPlugin, { name: 'auth' });
