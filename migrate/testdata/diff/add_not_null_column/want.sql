SET LOCAL lock_timeout = '5s';
-- plinth:lint-ignore not-null allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers ADD COLUMN code text NOT NULL;
