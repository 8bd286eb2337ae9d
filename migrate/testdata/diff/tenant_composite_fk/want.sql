ALTER TABLE app_vehicles DROP CONSTRAINT app_vehicles_customer_id_fkey;
ALTER TABLE app_customers ADD COLUMN org_id uuid NOT NULL;
ALTER TABLE app_vehicles ADD COLUMN org_id uuid NOT NULL;
ALTER TABLE app_customers ADD CONSTRAINT app_customers_org_id_id_key UNIQUE (org_id, id);
CREATE INDEX app_customers_org_id_idx ON app_customers (org_id);
CREATE INDEX app_vehicles_org_id_idx ON app_vehicles (org_id);
ALTER TABLE app_customers ADD CONSTRAINT app_customers_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_customer_id_fkey FOREIGN KEY (org_id, customer_id) REFERENCES app_customers (org_id, id) ON DELETE SET NULL (customer_id);
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
