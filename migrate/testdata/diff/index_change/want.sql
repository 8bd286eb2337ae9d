-- plinth:no-transaction
-- Runs statement by statement, outside a transaction; none of it blocks reads or writes.
-- After a failure, run it again: each index is dropped, if a failed build left it, before it is built.
DROP INDEX CONCURRENTLY IF EXISTS app_customers_name_idx;
DROP INDEX CONCURRENTLY IF EXISTS app_customers_tags_idx;
DROP INDEX CONCURRENTLY IF EXISTS app_customers_expr_idx;
CREATE UNIQUE INDEX CONCURRENTLY app_customers_expr_idx ON app_customers ((lower(name)));
CREATE INDEX CONCURRENTLY app_customers_name_idx ON app_customers (name) WHERE name <> ''::text;
CREATE INDEX CONCURRENTLY app_customers_tags_idx ON app_customers USING gin (tags);
