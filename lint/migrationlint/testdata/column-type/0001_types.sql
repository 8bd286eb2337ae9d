SET lock_timeout = '5s';
ALTER TABLE customers ALTER COLUMN score TYPE bigint;
ALTER TABLE customers ALTER score SET DATA TYPE numeric USING score::numeric;
ALTER TABLE customers ALTER COLUMN score SET DEFAULT 0;
