ALTER TABLE app_customers ALTER COLUMN email TYPE character varying(200);
ALTER TABLE app_customers ALTER COLUMN code TYPE character varying(10) USING code::character varying(10);
ALTER TABLE app_customers ALTER COLUMN visits TYPE bigint;
