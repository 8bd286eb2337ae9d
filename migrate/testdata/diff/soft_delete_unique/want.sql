ALTER TABLE app_customers DROP CONSTRAINT app_customers_email_key;
ALTER TABLE app_customers ADD COLUMN deleted_at timestamp with time zone;
CREATE UNIQUE INDEX app_customers_email_key ON app_customers (email) WHERE deleted_at IS NULL;
