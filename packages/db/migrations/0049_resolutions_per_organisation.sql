-- A finding's resolution is given on behalf of one organisation and closes the finding for it alone
-- (decision 0036, amended stop 25). Before, any compliance officer who could see the organisation a
-- finding was about closed it for every brand that relied on it, and every one of them read the
-- justification. resolved_for NULL: given by an administrator, for everyone.
ALTER TABLE finding_resolutions ADD COLUMN resolved_for uuid;

-- Earlier resolutions carry no organisation in their entries: they were given for the resolver's own
-- organisation, as the projector reads it from the resolver's user row (administrators: for everyone).
UPDATE finding_resolutions r SET resolved_for = u.organisation_id
  FROM users u
 WHERE r.resolved_by = 'user:' || u.id::text AND u.role <> 'admin';
