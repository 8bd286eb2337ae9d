-- plinth:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS vehicles_old;
