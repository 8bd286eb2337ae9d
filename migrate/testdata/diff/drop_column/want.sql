SET LOCAL lock_timeout = '5s';
ALTER TABLE app_customers DROP CONSTRAINT app_customers_email_key;
-- plinth:lint-ignore destructive allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers DROP COLUMN email;
