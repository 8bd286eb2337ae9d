ALTER TABLE customers ADD COLUMN d int;
SET lock_timeout = '5s';
