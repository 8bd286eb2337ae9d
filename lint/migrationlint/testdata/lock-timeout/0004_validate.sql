-- VALIDATE CONSTRAINT blocks no reads or writes: no lock_timeout needed
ALTER TABLE customers VALIDATE CONSTRAINT customers_email_check;
ALTER TABLE customers VALIDATE CONSTRAINT a, ADD COLUMN f int;
