ALTER TABLE app_customers DROP CONSTRAINT app_customers_name_check;
ALTER TABLE app_customers DROP CONSTRAINT app_customers_year_check;
ALTER TABLE app_customers ADD CONSTRAINT app_customers_len_check CHECK ((length(name) < 100));
ALTER TABLE app_customers ADD CONSTRAINT app_customers_year_check CHECK ((year > 1900));
