SET LOCAL lock_timeout = '5s';
-- plinth:rename declared with RenamedFrom in the schema
ALTER TABLE app_customers RENAME TO app_clients;
-- plinth:rename declared with RenamedFrom in the schema
ALTER TABLE app_clients RENAME COLUMN name TO full_name;
ALTER TABLE app_clients RENAME CONSTRAINT app_customers_pkey TO app_clients_pkey;
ALTER TABLE app_clients RENAME CONSTRAINT app_customers_name_key TO app_clients_full_name_key;
