-- An audit's grant is an auditor grant (migration 0008) of narrower reach and limited life: it lets
-- the assigned auditor read one organisation's chain (the audit's scope), until `expires_at` or until
-- the audit is concluded, whichever comes first (docs/decisions/0024-audit-workflow.md). A brand's
-- standing grant (audit_id null) stays one per brand and auditor; an audit has at most one grant.
ALTER TABLE auditor_grants DROP CONSTRAINT auditor_grants_pkey;
ALTER TABLE auditor_grants ADD COLUMN audit_id uuid REFERENCES audits (id);
ALTER TABLE auditor_grants ADD COLUMN scope_organisation_id uuid REFERENCES organisations (id);
ALTER TABLE auditor_grants ADD COLUMN expires_at timestamptz;
ALTER TABLE auditor_grants ADD CONSTRAINT auditor_grants_audit_scoped
  CHECK ((audit_id IS NULL) = (scope_organisation_id IS NULL AND expires_at IS NULL));
CREATE UNIQUE INDEX auditor_grants_standing_key ON auditor_grants (brand_id, auditor_id) WHERE audit_id IS NULL;
CREATE UNIQUE INDEX auditor_grants_audit_key ON auditor_grants (audit_id) WHERE audit_id IS NOT NULL;
