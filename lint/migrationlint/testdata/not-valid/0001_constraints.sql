SET lock_timeout = '5s';
CREATE TABLE fresh (id int, org_id int, created_at timestamptz, updated_at timestamptz);
ALTER TABLE fresh ADD CONSTRAINT fresh_org FOREIGN KEY (org_id) REFERENCES orgs (id);
ALTER TABLE vehicles ADD CONSTRAINT vehicles_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE vehicles ADD CHECK (year > 1900);
ALTER TABLE vehicles ADD CONSTRAINT vehicles_year CHECK (year > 1900) NOT VALID;
ALTER TABLE vehicles ADD FOREIGN KEY (type_id) REFERENCES vehicle_types NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_year;
