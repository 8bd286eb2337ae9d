DROP INDEX app_customers_name_idx;
DROP INDEX app_customers_tags_idx;
CREATE UNIQUE INDEX app_customers_expr_idx ON app_customers ((lower(name)));
CREATE INDEX app_customers_name_idx ON app_customers (name) WHERE name <> ''::text;
CREATE INDEX app_customers_tags_idx ON app_customers USING gin (tags);
