SET LOCAL lock_timeout = '5s';
ALTER TABLE app_vehicles DROP CONSTRAINT app_vehicles_customer_id_fkey;
-- plinth:lint-ignore not-null allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers ADD COLUMN org_id uuid NOT NULL;
-- plinth:lint-ignore not-null allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_vehicles ADD COLUMN org_id uuid NOT NULL;
ALTER TABLE app_customers ADD CONSTRAINT app_customers_org_id_id_key UNIQUE (org_id, id);
ALTER TABLE app_customers ADD CONSTRAINT app_customers_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_customer_id_fkey FOREIGN KEY (org_id, customer_id) REFERENCES app_customers (org_id, id) ON DELETE SET NULL (customer_id) NOT VALID;
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE NOT VALID;
