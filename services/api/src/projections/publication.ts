// Projectors of publications (schemas/src/entries/publication.ts): fields of earlier entries made
// public, batch claims, passport policies and credentials, upstream EUDR statements.
import { idOf, indexText, type Projectors } from './projector.ts';

export const publicationProjectors = {
  'disclosure.published': async (tx, { index, body }) => {
    // A field already public keeps the entry that first published it. A field whose disclosure was
    // erased after this entry (a contact's) has nothing left to publish when the log is replayed, as
    // its publication went with it when the original was erased. The entry's paths are one `~`-joined
    // text in its own row (migrations 0047, 0051), split as the ledger_disclosures view splits them;
    // NULL once erased, which matches no path.
    await tx.query(
      `INSERT INTO ledger_disclosure_publications (entry_index, path, published_entry)
         SELECT e.idx, u.path, $3
           FROM ledger_entries e, unnest($2::text[]) AS u(path)
          WHERE e.idx = $1 AND u.path = ANY (string_to_array(e.disclosure_paths, '~'))
       ON CONFLICT (entry_index, path) DO NOTHING`,
      [indexText(body.entry), body.fields, indexText(index)],
    );
  },

  // Nothing to project: the passport reads the claim from the log (domains/passport/service.ts), its
  // fields opened by the disclosures the writer publishes with the entry (`publishedOnEntry`, the
  // log's own rows). Its thumbnails are content the body names by digest, stored by the route
  // beside the entry and copied on a rebuild (rebuild.ts CONTENT_TABLES), like evidence blobs.
  'batch.claim_published': async () => {},

  'passport_policy.set': async (tx, { index, subject, body }) => {
    // The scope is the subject (`organisation:<uuid>` or `product:<gtin>`); the newest entry per scope
    // is the policy in force. The policy's values are named one by one, so a field a later version of
    // the body adds cannot widen what passports show without a change here.
    const policy = {
      origin: body.origin,
      tracedShare: body.tracedShare,
      suppliers: body.suppliers,
      evidence: body.evidence,
      findings: body.findings,
    };
    await tx.query(
      `INSERT INTO passport_policies (scope, organisation_id, policy, entry_index) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope) DO UPDATE SET policy = EXCLUDED.policy, entry_index = EXCLUDED.entry_index`,
      [subject, idOf(body.organisation), JSON.stringify(policy), indexText(index)],
    );
  },

  'passport.credential_issued': async (tx, { index, body }) => {
    // The same JWS twice for one claim is a unique violation: the route answers 409.
    await tx.query(
      `INSERT INTO passport_credentials (entry_index, batch_id, claim_entry, organisation_id, kid, jws)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        indexText(index),
        idOf(body.batch),
        indexText(body.claim),
        idOf(body.organisation),
        body.kid,
        body.jws,
      ],
    );
  },

  'batch.upstream_statement': async (tx, { index, at, body }) => {
    // The same reference number twice for one batch is a unique violation: the route answers 409.
    await tx.query(
      `INSERT INTO batch_upstream_statements
         (batch_id, organisation_id, reference_number, verification_number, entry_index, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        idOf(body.batch),
        idOf(body.organisation),
        body.referenceNumber,
        body.verificationNumber,
        indexText(index),
        at,
      ],
    );
  },
} satisfies Projectors;
