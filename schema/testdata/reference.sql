CREATE TABLE countries (
    code character varying(2) NOT NULL,
    name text NOT NULL,
    eu boolean NOT NULL DEFAULT false,
    CONSTRAINT countries_pkey PRIMARY KEY (code)
);

CREATE TABLE states (
    country character varying(2) NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    rank integer,
    area numeric(12,2),
    CONSTRAINT states_pkey PRIMARY KEY (country, code)
);

ALTER TABLE states ADD CONSTRAINT states_country_fkey FOREIGN KEY (country) REFERENCES countries (code) ON DELETE RESTRICT;

INSERT INTO countries (code, name, eu) VALUES ('US', 'United States', false);
INSERT INTO countries (code, name, eu) VALUES ('FR', 'France', true);
INSERT INTO states (country, code, name, rank, area) VALUES ('US', 'NY', 'New York', 4, 141297.5);
INSERT INTO states (country, code, name, rank, area) VALUES ('US', 'TX', 'Texas''s', NULL, 695662 * 1.0);
