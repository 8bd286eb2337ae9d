CREATE TABLE IF NOT EXISTS public.good (
    id int,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE half (id int, created_at timestamptz);
CREATE TABLE bare (id int, CONSTRAINT bare_pk PRIMARY KEY (id));
CREATE TEMP TABLE scratch (id int);
CREATE TABLE copy AS SELECT * FROM bare;
CREATE TABLE part PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
-- plinth:lint-ignore timestamps,tenant-fk join table, rows are immutable
CREATE TABLE links (a int, b int);
