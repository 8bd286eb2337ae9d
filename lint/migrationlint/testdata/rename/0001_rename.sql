SET lock_timeout = '5s';
ALTER TABLE customers RENAME COLUMN fax TO phone;
ALTER TABLE customers RENAME TO clients;
-- plinth:rename declared with RenamedFrom("name"); v4.1 reads both
ALTER TABLE clients RENAME name TO full_name;
ALTER TABLE clients RENAME CONSTRAINT a TO b;
-- plinth:rename
ALTER TABLE clients RENAME COLUMN x TO y;
CREATE TABLE draft (id int, created_at timestamptz, updated_at timestamptz);
ALTER TABLE draft RENAME TO final;
ALTER TABLE final RENAME COLUMN id TO final_id;
