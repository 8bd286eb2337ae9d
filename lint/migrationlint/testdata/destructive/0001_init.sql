CREATE TABLE scratch (id int, created_at timestamptz, updated_at timestamptz);
CREATE TYPE mood AS ENUM ('ok');
-- new in this file: dropping them loses nothing deployed
DROP TABLE scratch;
DROP TYPE mood;
CREATE TABLE kept (id int, created_at timestamptz, updated_at timestamptz);
CREATE TYPE kept_mood AS ENUM ('ok');
