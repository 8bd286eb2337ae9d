SET lock_timeout = '5s';
-- fresh was created by 0001: it may hold rows by now
ALTER TABLE fresh ADD CONSTRAINT fresh_id CHECK (id > 0);
ALTER TABLE fresh ADD CONSTRAINT fresh_id2 CHECK (id > 0) NOT VALID;
