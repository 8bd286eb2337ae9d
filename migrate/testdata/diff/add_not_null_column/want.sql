ALTER TABLE app_customers ADD COLUMN code text NOT NULL;
