// Column types drizzle does not ship, shared by schema.ts and tables.ts.
import { customType } from 'drizzle-orm/pg-core';

/** bytea as bytes; both drivers hand back a Uint8Array (postgres.js a Buffer, which is one). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
