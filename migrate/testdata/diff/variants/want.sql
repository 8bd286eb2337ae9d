SET LOCAL lock_timeout = '5s';
CREATE TABLE app_ice_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'ice'::text,
    mpg numeric(5,1),
    CONSTRAINT app_ice_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT app_ice_vehicles_kind_check CHECK ((kind = 'ice'::text))
);
CREATE TABLE app_bev_vehicles (
    id uuid NOT NULL,
    kind text NOT NULL DEFAULT 'bev'::text,
    battery_kwh integer,
    CONSTRAINT app_bev_vehicles_pkey PRIMARY KEY (id),
    CONSTRAINT app_bev_vehicles_kind_check CHECK ((kind = 'bev'::text))
);
-- plinth:lint-ignore not-null allowed with --allow-destructive (AllowDestructive)
ALTER TABLE app_vehicle_types ADD COLUMN kind text NOT NULL;
ALTER TABLE app_vehicle_types ADD CONSTRAINT app_vehicle_types_id_kind_key UNIQUE (id, kind);
ALTER TABLE app_vehicle_types ADD CONSTRAINT app_vehicle_types_kind_check CHECK ((kind = ANY (ARRAY['ice'::text, 'bev'::text]))) NOT VALID;
ALTER TABLE app_ice_vehicles ADD CONSTRAINT app_ice_vehicles_id_kind_fkey FOREIGN KEY (id, kind) REFERENCES app_vehicle_types (id, kind) ON DELETE CASCADE;
ALTER TABLE app_bev_vehicles ADD CONSTRAINT app_bev_vehicles_id_kind_fkey FOREIGN KEY (id, kind) REFERENCES app_vehicle_types (id, kind) ON DELETE CASCADE;
