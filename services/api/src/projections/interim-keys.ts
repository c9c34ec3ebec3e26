// INTERIM (publication branch; drop when the evidence domain's key projectors are merged): the
// projector of key.registered, because a passport credential's row references its key
// (passport_credentials.kid → organisation_keys), so replaying a credential needs the key projected.
// key.revoked stays inline, and organisation_keys uncompared, until the evidence domain converts them.
// The route's inline closure is left as it was (record.ts prefers a registered projector), so this
// file and its line in index.ts are all there is to drop.
import { idOf, indexText, type Projectors } from './projector.ts';

export const interimKeyProjectors = {
  'key.registered': async (tx, { index, subject, body }) => {
    await tx.query(
      'INSERT INTO organisation_keys (kid, organisation_id, alg, jwk, entry_index) VALUES ($1, $2, $3, $4::jsonb, $5)',
      [body.kid, idOf(subject), body.alg, JSON.stringify(body.jwk), indexText(index)],
    );
  },
} satisfies Projectors;
