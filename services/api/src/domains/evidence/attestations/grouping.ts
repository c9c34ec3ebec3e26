// Single attestations arriving together are checked and appended together: while groups are in hand,
// new requests wait, and the next group takes them all (up to a batch's worth). This is the ledger
// writer's group commit one level up: a key, a subject and a media lookup, one append and one proof
// read per group instead of per request. Two groups at a time, so the service prepares one while the
// database writes the other. Each request still gets its own outcome.
import type { Principal } from '../../../auth.ts';

/**
 * Turns `many(principal, items)` (one outcome per item, in order) into a function of one item whose
 * concurrent calls are grouped: at most `groupSize` items per call of `many`, at most `inFlight`
 * calls at once. Entries name their actor, so a group is split by principal: requests by different
 * callers in the same group go as separate (concurrent) calls.
 */
export function groupedCalls<Item, Outcome>(
  many: (principal: Principal, items: Item[]) => Promise<Outcome[]>,
  limits: { groupSize: number; inFlight: number },
): (principal: Principal, item: Item) => Promise<Outcome> {
  const waiting: {
    principal: Principal;
    item: Item;
    resolve: (outcome: Outcome) => void;
    reject: (error: unknown) => void;
  }[] = [];
  let inFlight = 0;

  async function callGroup(group: typeof waiting) {
    const byPrincipal = new Map<string, typeof group>();
    for (const request of group) {
      const key = JSON.stringify(request.principal);
      const list = byPrincipal.get(key);
      if (list) list.push(request);
      else byPrincipal.set(key, [request]);
    }
    await Promise.all(
      [...byPrincipal.values()].map(async (requests) => {
        try {
          const outcomes = await many(
            requests[0]!.principal,
            requests.map((r) => r.item),
          );
          for (const [n, request] of requests.entries()) request.resolve(outcomes[n]!);
        } catch (error) {
          for (const request of requests) request.reject(error);
        }
      }),
    );
  }

  function pump() {
    while (waiting.length > 0 && inFlight < limits.inFlight) {
      inFlight++;
      void callGroup(waiting.splice(0, limits.groupSize)).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return (principal, item) =>
    new Promise<Outcome>((resolve, reject) => {
      waiting.push({ principal, item, resolve, reject });
      pump();
    });
}
