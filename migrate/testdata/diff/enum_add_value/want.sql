-- plinth:no-transaction
SET lock_timeout = '5s';
ALTER TYPE app_status ADD VALUE 'trial' BEFORE 'active';
ALTER TYPE app_status ADD VALUE 'paused' AFTER 'active';
ALTER TABLE app_customers ALTER COLUMN status SET DEFAULT 'paused'::app_status;
