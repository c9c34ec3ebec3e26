// Regenerates packages/client/src/generated/openapi.ts from the API's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, clientTypesFor, GENERATED_CLIENT_TYPES } from './openapi-document.ts';

const text = await clientTypesFor(await buildOpenApiDocument());
writeFileSync(GENERATED_CLIENT_TYPES, text);
console.log(`wrote ${GENERATED_CLIENT_TYPES}`);
