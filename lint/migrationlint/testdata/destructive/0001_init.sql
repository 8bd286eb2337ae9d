CREATE TABLE scratch (id int, created_at timestamptz, updated_at timestamptz);
CREATE TYPE mood AS ENUM ('ok');
