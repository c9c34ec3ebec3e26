// A typed client for the whole HTTP API: openapi-fetch over the types generated from /openapi.json
// (src/generated/openapi.ts, regenerated with `pnpm --filter @groundtruth/api generate:client`), so
// paths, parameters, request bodies and responses are checked by the compiler.
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './generated/openapi.ts';

export type ApiPaths = paths;
export type ApiOperations = operations;
/** The named wire types: `ApiSchemas['Plot']`, `ApiSchemas['NewPlotInput']` … */
export type ApiSchemas = components['schemas'];
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** The service, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** A bearer token for routes that need a role. */
  token?: string | undefined;
  /** Another fetch (tests route requests into the app without a socket). */
  fetch?: (request: Request) => Promise<Response>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
}
