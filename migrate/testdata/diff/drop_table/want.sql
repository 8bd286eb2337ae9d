SET LOCAL lock_timeout = '5s';
ALTER TABLE app_notes DROP CONSTRAINT app_notes_org_id_fkey;
-- plinth:lint-ignore destructive allowed with --allow-destructive (AllowDestructive)
DROP TABLE app_notes;
