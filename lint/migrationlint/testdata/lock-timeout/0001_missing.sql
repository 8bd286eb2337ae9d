CREATE TABLE fresh (id int, created_at timestamptz, updated_at timestamptz);
ALTER TABLE fresh ADD COLUMN a int;
ALTER TABLE customers ADD COLUMN b int;
ALTER TABLE vehicles ADD COLUMN c int;
