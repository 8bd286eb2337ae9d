-- fresh was created by 0001: it may hold rows by now
CREATE INDEX fresh_later ON fresh (id);
