-- plinth:no-transaction
CREATE INDEX CONCURRENTLY vehicles_vin ON vehicles (vin);
