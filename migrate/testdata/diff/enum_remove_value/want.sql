SET LOCAL lock_timeout = '5s';
ALTER TYPE app_status RENAME TO app_status_plinth_old;
CREATE TYPE app_status AS ENUM ('active', 'churned');
-- plinth:lint-ignore column-type allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers ALTER COLUMN history TYPE app_status[] USING history::text[]::app_status[];
ALTER TABLE app_customers ALTER COLUMN status DROP DEFAULT;
-- plinth:lint-ignore column-type allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers ALTER COLUMN status TYPE app_status USING status::text::app_status;
ALTER TABLE app_customers ALTER COLUMN status SET DEFAULT 'active'::app_status;
-- plinth:lint-ignore destructive no column uses the type any more
DROP TYPE app_status_plinth_old;
