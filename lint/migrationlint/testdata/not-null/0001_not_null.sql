SET LOCAL lock_timeout TO '5s';
ALTER TABLE customers ALTER COLUMN name SET NOT NULL;
ALTER TABLE customers ADD COLUMN tier text NOT NULL;
ALTER TABLE customers ADD COLUMN IF NOT EXISTS score int NOT NULL DEFAULT 0;
ALTER TABLE customers ADD seq bigserial NOT NULL;
ALTER TABLE customers ADD COLUMN nick text;
ALTER TABLE customers ALTER name DROP NOT NULL;
CREATE TABLE fresh (id int, created_at timestamptz, updated_at timestamptz);
ALTER TABLE fresh ADD COLUMN name text NOT NULL, ALTER COLUMN id SET NOT NULL;
