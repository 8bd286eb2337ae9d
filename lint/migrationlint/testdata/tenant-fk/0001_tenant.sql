CREATE TABLE fleet_organizations (
    id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE fleet_customers (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES fleet_organizations (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE fleet_vehicles (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fleet_vehicles_org FOREIGN KEY (org_id) REFERENCES public.fleet_organizations (id) ON DELETE CASCADE
);
CREATE TABLE fleet_invoices (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES fleet_organizations (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE fleet_notes (
    id uuid PRIMARY KEY,
    owner uuid REFERENCES fleet_organizations ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE fleet_tags (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (org_id) REFERENCES fleet_organizations (id) ON DELETE SET NULL
);
CREATE TABLE countries (
    code text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
