SET LOCAL lock_timeout = '5s';
ALTER TABLE app_customers ADD COLUMN email character varying(200);
ALTER TABLE app_customers ADD COLUMN visits integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN app_customers.email IS 'Where invoices go';
