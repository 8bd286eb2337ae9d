SET LOCAL lock_timeout = '5s';
ALTER TABLE app_customers DROP CONSTRAINT app_customers_email_key;
ALTER TABLE app_customers ADD COLUMN deleted_at timestamp with time zone;
-- plinth:lint-ignore index-concurrently it replaces a unique key dropped above, in the same transaction, so that uniqueness is enforced throughout
CREATE UNIQUE INDEX app_customers_email_key ON app_customers (email) WHERE deleted_at IS NULL;
