CREATE TYPE charger_type AS ENUM ('j1772', 'ccs', 'nacs', 'chademo');
CREATE TYPE fuel_type AS ENUM ('gasoline', 'diesel', 'hybrid');
CREATE TYPE member_role AS ENUM ('owner', 'admin', 'member');
CREATE TABLE fleet_organizations (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    slug character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_organizations_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_organizations_slug_key UNIQUE (slug)
);
CREATE TABLE fleet_members (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role member_role NOT NULL DEFAULT 'member'::member_role,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_members_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_members_org_id_user_id_key UNIQUE (org_id, user_id)
);
CREATE TABLE fleet_users (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    email text NOT NULL,
    email_verified boolean NOT NULL DEFAULT false,
    image text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_users_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_users_email_key UNIQUE (email)
);
CREATE TABLE fleet_sessions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    token text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ip_address text,
    user_agent text,
    active_org_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_sessions_token_key UNIQUE (token)
);
CREATE TABLE fleet_accounts (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    provider_id text NOT NULL,
    account_id text NOT NULL,
    access_token text,
    refresh_token text,
    access_token_expires_at timestamp with time zone,
    password_hash text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_accounts_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_accounts_provider_id_account_id_key UNIQUE (provider_id, account_id)
);
CREATE TABLE fleet_verifications (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    identifier text NOT NULL,
    value text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_verifications_pkey PRIMARY KEY (id)
);
CREATE TABLE fleet_customers (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL,
    name text NOT NULL,
    email text,
    custom_attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_customers_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_customers_org_id_id_key UNIQUE (org_id, id)
);
CREATE TABLE fleet_vehicles (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    kind text NOT NULL,
    org_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    make text NOT NULL,
    model text NOT NULL,
    model_year smallint NOT NULL,
    vin character varying(17),
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_vehicles_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT fleet_vehicles_org_id_id_kind_key UNIQUE (org_id, id, kind),
    CONSTRAINT fleet_vehicles_org_id_vin_key UNIQUE (org_id, vin),
    CONSTRAINT fleet_vehicles_kind_check CHECK ((kind = ANY (ARRAY['ice'::text, 'bev'::text]))),
    CONSTRAINT fleet_vehicles_model_year_check CHECK (((model_year >= 1886) AND (model_year <= 2100))),
    CONSTRAINT fleet_vehicles_vin_check CHECK ((length((vin)::text) = 17))
);
CREATE TABLE fleet_ice_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'ice'::text,
    org_id uuid NOT NULL,
    fuel_type fuel_type NOT NULL,
    mpg numeric(5,1),
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_ice_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_ice_vehicles_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT fleet_ice_vehicles_kind_check CHECK ((kind = 'ice'::text)),
    CONSTRAINT fleet_ice_vehicles_mpg_check CHECK ((mpg > (0)::numeric))
);
CREATE TABLE fleet_bev_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'bev'::text,
    org_id uuid NOT NULL,
    battery_kwh numeric(6,1) NOT NULL,
    charger_type charger_type NOT NULL,
    replacing_ice_vehicle_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_bev_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_bev_vehicles_battery_kwh_check CHECK ((battery_kwh > (0)::numeric)),
    CONSTRAINT fleet_bev_vehicles_kind_check CHECK ((kind = 'bev'::text))
);
CREATE TABLE fleet_vehicle_readings (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    org_id uuid NOT NULL,
    vehicle_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    odometer_km numeric(10,1),
    speed_kph real,
    fuel_level_pct real,
    state_of_charge_pct real,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_vehicle_readings_pkey PRIMARY KEY (id),
    CONSTRAINT fleet_vehicle_readings_fuel_level_pct_check CHECK (((fuel_level_pct >= (0)::double precision) AND (fuel_level_pct <= (100)::double precision))),
    CONSTRAINT fleet_vehicle_readings_state_of_charge_pct_check CHECK (((state_of_charge_pct >= (0)::double precision) AND (state_of_charge_pct <= (100)::double precision)))
);
CREATE TABLE fleet_countries (
    code character varying(2) NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_countries_pkey PRIMARY KEY (code)
);
CREATE TABLE fleet_states (
    country_code character varying(2) NOT NULL,
    code character varying(3) NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_states_pkey PRIMARY KEY (country_code, code)
);
CREATE TABLE fleet_admin_actions (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    actor_id uuid NOT NULL,
    action text NOT NULL,
    subject_type text,
    subject_id uuid,
    metadata jsonb,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT fleet_admin_actions_pkey PRIMARY KEY (id)
);
CREATE INDEX fleet_sessions_user_id_idx ON fleet_sessions (user_id);
CREATE INDEX fleet_accounts_user_id_idx ON fleet_accounts (user_id);
CREATE INDEX fleet_verifications_identifier_idx ON fleet_verifications (identifier);
CREATE UNIQUE INDEX fleet_customers_org_id_email_key ON fleet_customers (org_id, email) WHERE deleted_at IS NULL;
CREATE INDEX fleet_customers_org_id_name_idx ON fleet_customers (org_id, name);
CREATE INDEX fleet_vehicles_customer_id_idx ON fleet_vehicles (customer_id);
CREATE INDEX fleet_ice_vehicles_org_id_idx ON fleet_ice_vehicles (org_id);
CREATE INDEX fleet_bev_vehicles_org_id_idx ON fleet_bev_vehicles (org_id);
CREATE INDEX fleet_vehicle_readings_org_id_idx ON fleet_vehicle_readings (org_id);
CREATE INDEX fleet_vehicle_readings_recorded_at_idx ON fleet_vehicle_readings USING brin (recorded_at);
CREATE INDEX fleet_vehicle_readings_vehicle_id_recorded_at_idx ON fleet_vehicle_readings (vehicle_id, recorded_at);
CREATE INDEX fleet_admin_actions_created_at_idx ON fleet_admin_actions (created_at);
CREATE INDEX fleet_admin_actions_subject_type_subject_id_idx ON fleet_admin_actions (subject_type, subject_id);
ALTER TABLE fleet_members ADD CONSTRAINT fleet_members_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_members ADD CONSTRAINT fleet_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES fleet_users (id) ON DELETE CASCADE;
ALTER TABLE fleet_sessions ADD CONSTRAINT fleet_sessions_active_org_id_fkey FOREIGN KEY (active_org_id) REFERENCES fleet_organizations (id) ON DELETE SET NULL;
ALTER TABLE fleet_sessions ADD CONSTRAINT fleet_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES fleet_users (id) ON DELETE CASCADE;
ALTER TABLE fleet_accounts ADD CONSTRAINT fleet_accounts_user_id_fkey FOREIGN KEY (user_id) REFERENCES fleet_users (id) ON DELETE CASCADE;
ALTER TABLE fleet_customers ADD CONSTRAINT fleet_customers_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicles ADD CONSTRAINT fleet_vehicles_customer_id_fkey FOREIGN KEY (org_id, customer_id) REFERENCES fleet_customers (org_id, id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicles ADD CONSTRAINT fleet_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_ice_vehicles ADD CONSTRAINT fleet_ice_vehicles_id_kind_fkey FOREIGN KEY (org_id, id, kind) REFERENCES fleet_vehicles (org_id, id, kind) ON DELETE CASCADE;
ALTER TABLE fleet_ice_vehicles ADD CONSTRAINT fleet_ice_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_bev_vehicles ADD CONSTRAINT fleet_bev_vehicles_id_kind_fkey FOREIGN KEY (org_id, id, kind) REFERENCES fleet_vehicles (org_id, id, kind) ON DELETE CASCADE;
ALTER TABLE fleet_bev_vehicles ADD CONSTRAINT fleet_bev_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_bev_vehicles ADD CONSTRAINT fleet_bev_vehicles_replacing_ice_vehicle_id_fkey FOREIGN KEY (org_id, replacing_ice_vehicle_id) REFERENCES fleet_ice_vehicles (org_id, id) ON DELETE SET NULL (replacing_ice_vehicle_id);
ALTER TABLE fleet_vehicle_readings ADD CONSTRAINT fleet_vehicle_readings_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE CASCADE;
ALTER TABLE fleet_vehicle_readings ADD CONSTRAINT fleet_vehicle_readings_vehicle_id_fkey FOREIGN KEY (org_id, vehicle_id) REFERENCES fleet_vehicles (org_id, id) ON DELETE CASCADE;
ALTER TABLE fleet_states ADD CONSTRAINT fleet_states_country_code_fkey FOREIGN KEY (country_code) REFERENCES fleet_countries (code) ON DELETE RESTRICT;
ALTER TABLE fleet_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_members FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
ALTER TABLE fleet_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_customers FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
ALTER TABLE fleet_vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_vehicles FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
ALTER TABLE fleet_ice_vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_ice_vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_ice_vehicles FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
ALTER TABLE fleet_bev_vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_bev_vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_bev_vehicles FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
ALTER TABLE fleet_vehicle_readings ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleet_vehicle_readings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet_vehicle_readings FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
COMMENT ON TABLE fleet_customers IS 'Customers of an organization; soft-deleted, so a deleted customer can be restored';
INSERT INTO fleet_countries (code, name) VALUES ('CA', 'Canada') ON CONFLICT DO NOTHING;
INSERT INTO fleet_countries (code, name) VALUES ('DE', 'Germany') ON CONFLICT DO NOTHING;
INSERT INTO fleet_countries (code, name) VALUES ('US', 'United States') ON CONFLICT DO NOTHING;
INSERT INTO fleet_states (country_code, code, name) VALUES ('CA', 'ON', 'Ontario') ON CONFLICT DO NOTHING;
INSERT INTO fleet_states (country_code, code, name) VALUES ('DE', 'BY', 'Bavaria') ON CONFLICT DO NOTHING;
INSERT INTO fleet_states (country_code, code, name) VALUES ('US', 'CA', 'California') ON CONFLICT DO NOTHING;
INSERT INTO fleet_states (country_code, code, name) VALUES ('US', 'MI', 'Michigan') ON CONFLICT DO NOTHING;
INSERT INTO fleet_states (country_code, code, name) VALUES ('US', 'NY', 'New York') ON CONFLICT DO NOTHING;
