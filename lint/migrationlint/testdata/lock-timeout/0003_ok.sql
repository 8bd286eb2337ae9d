SELECT set_config('lock_timeout', '5s', true);
ALTER TABLE customers ADD COLUMN e int;
