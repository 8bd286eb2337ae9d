ALTER TYPE app_status RENAME TO app_status_plinth_old;
CREATE TYPE app_status AS ENUM ('active', 'churned');
ALTER TABLE app_customers ALTER COLUMN history TYPE app_status[] USING history::text[]::app_status[];
ALTER TABLE app_customers ALTER COLUMN status DROP DEFAULT;
ALTER TABLE app_customers ALTER COLUMN status TYPE app_status USING status::text::app_status;
ALTER TABLE app_customers ALTER COLUMN status SET DEFAULT 'active'::app_status;
DROP TYPE app_status_plinth_old;
