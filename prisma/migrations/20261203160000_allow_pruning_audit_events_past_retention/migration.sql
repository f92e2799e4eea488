-- Hand-written (not in schema.prisma): the audit log's retention (issue 17).
-- "AuditEvent" stays append-only, with one exception: a transaction that sets
-- fieldwork.audit_prune_before (SET LOCAL, lib/privacy/retention.ts) may delete
-- events older than that instant, and nothing newer. UPDATE and TRUNCATE are
-- refused as before.
CREATE OR REPLACE FUNCTION "AuditEvent_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  prune_before text := current_setting('fieldwork.audit_prune_before', true);
BEGIN
  IF TG_OP = 'DELETE' AND prune_before IS NOT NULL AND prune_before <> '' AND OLD."at" < prune_before::timestamp THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only'
    USING DETAIL = format('%s on "AuditEvent" is not allowed.', TG_OP);
END;
$$;
