CREATE TYPE app_customer_status AS ENUM ('active', 'churned');
CREATE TABLE app_orgs (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    CONSTRAINT app_orgs_pkey PRIMARY KEY (id)
);
CREATE TABLE app_customers (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    name text NOT NULL,
    email character varying(200),
    status app_customer_status NOT NULL DEFAULT 'active'::app_customer_status,
    tags text[] NOT NULL DEFAULT '{}'::text[],
    deleted_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT app_customers_pkey PRIMARY KEY (id),
    CONSTRAINT app_customers_org_id_id_key UNIQUE (org_id, id)
);
CREATE TABLE app_vehicles (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    year integer NOT NULL,
    CONSTRAINT app_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT app_vehicles_year_check CHECK ((year > 1885))
);
CREATE TABLE app_countries (
    code text NOT NULL,
    name text NOT NULL,
    eu boolean NOT NULL DEFAULT false,
    CONSTRAINT app_countries_pkey PRIMARY KEY (code)
);
CREATE UNIQUE INDEX app_customers_email_key ON app_customers (email) WHERE deleted_at IS NULL;
CREATE INDEX app_customers_expr_idx ON app_customers ((lower(name)));
CREATE INDEX app_customers_org_id_idx ON app_customers (org_id);
CREATE INDEX app_customers_tags_idx ON app_customers USING gin (tags);
CREATE INDEX app_vehicles_org_id_idx ON app_vehicles (org_id);
ALTER TABLE app_customers ADD CONSTRAINT app_customers_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_customer_id_fkey FOREIGN KEY (org_id, customer_id) REFERENCES app_customers (org_id, id) ON DELETE CASCADE;
ALTER TABLE app_vehicles ADD CONSTRAINT app_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON app_customers FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
COMMENT ON TABLE app_customers IS 'Customers of an organization';
COMMENT ON COLUMN app_customers.name IS 'Display name';
INSERT INTO app_countries (code, name, eu) VALUES ('FR', 'France', 'true') ON CONFLICT DO NOTHING;
INSERT INTO app_countries (code, name, eu) VALUES ('US', 'United States', 'false') ON CONFLICT DO NOTHING;
