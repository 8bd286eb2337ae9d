SET LOCAL lock_timeout = '5s';
ALTER TABLE app_customers DROP CONSTRAINT app_customers_name_check;
ALTER TABLE app_customers DROP CONSTRAINT app_customers_year_check;
ALTER TABLE app_customers ADD CONSTRAINT app_customers_len_check CHECK ((length(name) < 100)) NOT VALID;
ALTER TABLE app_customers ADD CONSTRAINT app_customers_year_check CHECK ((year > 1900)) NOT VALID;
