SET LOCAL lock_timeout = '5s';
INSERT INTO app_countries (code, name, eu) VALUES ('DE', 'Germany', 'true') ON CONFLICT DO NOTHING;
UPDATE app_countries SET name = 'France (République)' WHERE code = 'FR';
