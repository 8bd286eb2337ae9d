-- plinth:no-transaction
-- Runs statement by statement, outside a transaction; none of it blocks reads or writes.
ALTER TABLE app_customers VALIDATE CONSTRAINT app_customers_len_check;
ALTER TABLE app_customers VALIDATE CONSTRAINT app_customers_year_check;
