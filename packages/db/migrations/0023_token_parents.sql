-- A token issued with another token records that parent (issue 10): the child never outlives or
-- outranks it, and revoking the parent revokes every token below it (checked along the chain on
-- every request). Tokens issued before this migration, and tokens issued with an operator token
-- (`gt token`, which has no id), have none.
ALTER TABLE api_tokens ADD COLUMN parent_jti uuid REFERENCES api_tokens (jti);
CREATE INDEX api_tokens_parent_idx ON api_tokens (parent_jti);
