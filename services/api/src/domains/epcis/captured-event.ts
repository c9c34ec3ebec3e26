// What identifies a captured EPCIS event, read by the capture (to refuse duplicates) and by the
// projector of its ledger entry (projections/epcis.ts) alike.
import type { JsonObject } from '@groundtruth/epcis';

/** Whether the event is an error declaration, which repeats the eventID of the event it declares (EPCIS 2.0 §7.4.1.2). */
export const isErrorDeclaration = (event: JsonObject): boolean =>
  event.errorDeclaration !== null && typeof event.errorDeclaration === 'object';

/** The event's own eventID, or its CBV 2.0 hash ID when it came without one. */
export const capturedEventId = (event: JsonObject, hashId: string): string =>
  typeof event.eventID === 'string' ? event.eventID : hashId;
