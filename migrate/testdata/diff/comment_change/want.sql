SET LOCAL lock_timeout = '5s';
COMMENT ON COLUMN app_notes.id IS NULL;
COMMENT ON COLUMN app_notes.body IS 'the text';
COMMENT ON TABLE app_notes IS 'Notes, edited';
