ALTER TABLE app_customers DROP CONSTRAINT app_customers_email_key;
ALTER TABLE app_customers DROP COLUMN email;
