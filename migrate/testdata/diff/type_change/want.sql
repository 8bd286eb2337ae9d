SET LOCAL lock_timeout = '5s';
-- plinth:lint-ignore column-type widening character varying(80) to character varying(200) keeps every value and does not rewrite the table
ALTER TABLE app_customers ALTER COLUMN email TYPE character varying(200);
-- plinth:lint-ignore column-type allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_customers ALTER COLUMN code TYPE character varying(10) USING code::character varying(10);
-- plinth:lint-ignore column-type widening integer to bigint keeps every value, but rewrites the table under its lock: on a large table, add a column and backfill it instead
ALTER TABLE app_customers ALTER COLUMN visits TYPE bigint;
