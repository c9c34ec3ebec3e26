// Who may ship to whom. A transfer goes only between organisations with a declared supply
// relationship for the commodity, in either direction (a buyer returning goods to its supplier is a
// transfer too). Spot trades with unknown counterparties are refused rather than flagged: an origin
// claim is only as good as the chain of partners behind it, and an unknown receiver cannot be asked
// to confirm receipt (docs/decisions/0009-custody.md).
//
// Today a declared relationship is enough. Once relationships carry the supplier's acceptance
// (trust-relationships, migration 0019), this is the one place to require it.
import type { SqlExecutor } from '@groundtruth/db';
import { AppError } from '../../../errors.ts';

export async function requirePartnership(
  db: SqlExecutor,
  sender: string,
  receiver: string,
  commodity: string,
): Promise<void> {
  const [row] = await db.query(
    `SELECT 1 FROM supply_relationships
      WHERE commodity = $3 AND ((buyer_id = $2 AND supplier_id = $1) OR (buyer_id = $1 AND supplier_id = $2))
      LIMIT 1`,
    [sender, receiver, commodity],
  );
  if (!row)
    throw new AppError(
      'conflict',
      `organisations ${sender} and ${receiver} have no supply relationship for ${commodity}: declare one before shipping`,
      {
        errors: [
          {
            in: 'body',
            pointer: '/toOrganisationId',
            detail: `no supply relationship for ${commodity} with the sender (spot trades are refused)`,
          },
        ],
      },
    );
}
