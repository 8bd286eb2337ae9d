CREATE TABLE app_orgs (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT app_orgs_pkey PRIMARY KEY (id)
);

CREATE TABLE app_vehicle_types (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    kind text NOT NULL,
    org_id uuid NOT NULL,
    make text NOT NULL,
    model text NOT NULL,
    CONSTRAINT app_vehicle_types_pkey PRIMARY KEY (id),
    CONSTRAINT app_vehicle_types_org_id_id_kind_key UNIQUE (org_id, id, kind),
    CONSTRAINT app_vehicle_types_kind_check CHECK (kind IN ('ice', 'bev'))
);

CREATE TABLE app_ice_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'ice',
    org_id uuid NOT NULL,
    mpg numeric(5,1),
    CONSTRAINT app_ice_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT app_ice_vehicles_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT app_ice_vehicles_kind_check CHECK (kind = 'ice')
);

CREATE TABLE app_bev_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'bev',
    org_id uuid NOT NULL,
    battery_kwh numeric(6,1) NOT NULL,
    replacing_ice_vehicle_id uuid,
    CONSTRAINT app_bev_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT app_bev_vehicles_kind_check CHECK (kind = 'bev')
);

CREATE TABLE app_members (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    CONSTRAINT app_members_pkey PRIMARY KEY (id)
);

CREATE TABLE app_teams (
    id uuid NOT NULL,
    lead_id uuid,
    CONSTRAINT app_teams_pkey PRIMARY KEY (id)
);

ALTER TABLE app_vehicle_types ADD CONSTRAINT app_vehicle_types_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_ice_vehicles ADD CONSTRAINT app_ice_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_ice_vehicles ADD CONSTRAINT app_ice_vehicles_id_kind_fkey FOREIGN KEY (org_id, id, kind) REFERENCES app_vehicle_types (org_id, id, kind) ON DELETE CASCADE;
ALTER TABLE app_bev_vehicles ADD CONSTRAINT app_bev_vehicles_org_id_fkey FOREIGN KEY (org_id) REFERENCES app_orgs (id) ON DELETE CASCADE;
ALTER TABLE app_bev_vehicles ADD CONSTRAINT app_bev_vehicles_replacing_ice_vehicle_id_fkey FOREIGN KEY (org_id, replacing_ice_vehicle_id) REFERENCES app_ice_vehicles (org_id, id);
ALTER TABLE app_bev_vehicles ADD CONSTRAINT app_bev_vehicles_id_kind_fkey FOREIGN KEY (org_id, id, kind) REFERENCES app_vehicle_types (org_id, id, kind) ON DELETE CASCADE;
ALTER TABLE app_members ADD CONSTRAINT app_members_team_id_fkey FOREIGN KEY (team_id) REFERENCES app_teams (id) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE app_teams ADD CONSTRAINT app_teams_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES app_members (id);

CREATE INDEX app_vehicle_types_org_id_idx ON app_vehicle_types (org_id);
CREATE INDEX app_ice_vehicles_org_id_idx ON app_ice_vehicles (org_id);
CREATE INDEX app_bev_vehicles_org_id_idx ON app_bev_vehicles (org_id);
