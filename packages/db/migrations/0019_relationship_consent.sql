-- Relationships that both sides accept, and suppliers whose records another organisation keeps.
--
-- supply_relationships keeps only ACCEPTED relationships: every query that walks the chain
-- (visibility, traces, mass balance, onboarding requirements) sees consented links and nothing else.
-- Proposals wait in relationship_proposals until the other side accepts or either side rejects.
-- Rows that existed before this migration were declared under the old one-sided rule and stay as
-- they are (see docs/decisions/0003-authorisation.md).

-- The organisation that keeps this supplier's records (a cooperative without its own IT is kept by
-- the buyer that registered it); NULL when the supplier keeps its own.
ALTER TABLE organisations ADD COLUMN managed_by uuid REFERENCES organisations (id);
CREATE INDEX organisations_managed_by_idx ON organisations (managed_by) WHERE managed_by IS NOT NULL;

-- No foreign key on the two sides: a proposal may name an organisation id that does not exist, so
-- that its answer does not tell a stranger whether an id exists (decision 0003). Only the proposer's
-- side is known to exist; the counterparty is checked when someone acting for it accepts.
CREATE TABLE relationship_proposals (
  id             uuid    PRIMARY KEY,
  buyer_id       uuid    NOT NULL,
  supplier_id    uuid    NOT NULL,
  commodity      text    NOT NULL,
  proposed_by    text    NOT NULL CHECK (proposed_by IN ('buyer', 'supplier')),
  status         text    NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
  entry_index    bigint  NOT NULL,
  decided_entry  bigint,
  CHECK (buyer_id <> supplier_id)
);
-- One open proposal per relationship.
CREATE UNIQUE INDEX relationship_proposals_open_idx
  ON relationship_proposals (buyer_id, supplier_id, commodity) WHERE status = 'proposed';
CREATE INDEX relationship_proposals_buyer_idx ON relationship_proposals (buyer_id);
CREATE INDEX relationship_proposals_supplier_idx ON relationship_proposals (supplier_id);
