CREATE TYPE customer_status AS ENUM ('active', 'churned');

CREATE TABLE fleet_organizations (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    settings jsonb,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_organizations_pkey PRIMARY KEY (id)
);

CREATE TABLE fleet_customers (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    name text NOT NULL,
    email character varying(200),
    status customer_status NOT NULL DEFAULT 'active',
    custom_attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    tags text[] NOT NULL DEFAULT '{}',
    deleted_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_customers_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_customers_org_id_id_key UNIQUE (org_id, id)
);

CREATE TABLE fleet_users (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_users_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_users_org_id_email_key UNIQUE (org_id, email),
    CONSTRAINT fleet_users_org_id_id_key UNIQUE (org_id, id)
);

CREATE TABLE fleet_vehicles (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    driver_id uuid,
    vin text NOT NULL,
    year integer NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_vehicles_vin_check CHECK (length(vin) = 17),
    CONSTRAINT fleet_vehicles_check CHECK (year > 1885)
);

ALTER TABLE fleet_customers ADD CONSTRAINT fleet_customers_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_users ADD CONSTRAINT fleet_users_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicles ADD CONSTRAINT fleet_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicles ADD CONSTRAINT fleet_vehicles_customer_id_fkey FOREIGN KEY (org_id, customer_id) REFERENCES fleet_customers (org_id, id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicles ADD CONSTRAINT fleet_vehicles_driver_id_fkey FOREIGN KEY (org_id, driver_id) REFERENCES fleet_users (org_id, id) ON DELETE SET NULL (driver_id);

CREATE UNIQUE INDEX fleet_customers_email_key ON fleet_customers (email) WHERE deleted_at IS NULL;
CREATE INDEX fleet_customers_org_id_idx ON fleet_customers (org_id);
CREATE INDEX fleet_customers_name_idx ON fleet_customers (name);
CREATE UNIQUE INDEX fleet_customers_expr_idx ON fleet_customers ((lower(email))) WHERE deleted_at IS NULL;
CREATE INDEX fleet_customers_tags_idx ON fleet_customers USING gin (tags);
CREATE INDEX fleet_vehicles_org_id_idx ON fleet_vehicles (org_id);
CREATE INDEX fleet_vehicles_customer_id_year_idx ON fleet_vehicles (customer_id, year) WHERE year >= 2000;

ALTER TABLE fleet_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_customers FOR ALL USING (org_id = NULLIF(current_setting('plinth.org_id', true), '')::uuid) WITH CHECK (org_id = NULLIF(current_setting('plinth.org_id', true), '')::uuid);

COMMENT ON TABLE fleet_customers IS 'Customers of an organization';
COMMENT ON COLUMN fleet_customers.name IS 'Display name';
