CREATE TABLE fresh (id int, created_at timestamptz, updated_at timestamptz);
CREATE INDEX fresh_id ON fresh (id);
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON ONLY public.customers (lower(email));
CREATE INDEX ON vehicles USING btree (vin) WHERE deleted_at IS NULL;
