ALTER TABLE app_notes DROP CONSTRAINT app_notes_org_id_fkey;
DROP TABLE app_notes;
