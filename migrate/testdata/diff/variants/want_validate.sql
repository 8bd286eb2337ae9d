-- plinth:no-transaction
-- Runs statement by statement, outside a transaction; none of it blocks reads or writes.
ALTER TABLE app_vehicle_types VALIDATE CONSTRAINT app_vehicle_types_kind_check;
