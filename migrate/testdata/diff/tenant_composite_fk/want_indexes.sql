-- plinth:no-transaction
-- Runs statement by statement, outside a transaction; none of it blocks reads or writes.
-- After a failure, run it again: each index is dropped, if a failed build left it, before it is built.
DROP INDEX CONCURRENTLY IF EXISTS app_customers_org_id_idx;
CREATE INDEX CONCURRENTLY app_customers_org_id_idx ON app_customers (org_id);
DROP INDEX CONCURRENTLY IF EXISTS app_vehicles_org_id_idx;
CREATE INDEX CONCURRENTLY app_vehicles_org_id_idx ON app_vehicles (org_id);
ALTER TABLE app_customers VALIDATE CONSTRAINT app_customers_org_id_fkey;
ALTER TABLE app_vehicles VALIDATE CONSTRAINT app_vehicles_customer_id_fkey;
ALTER TABLE app_vehicles VALIDATE CONSTRAINT app_vehicles_org_id_fkey;
