SELECT 1;
-- plinth:no-transaction
CREATE INDEX CONCURRENTLY x ON y (z);
