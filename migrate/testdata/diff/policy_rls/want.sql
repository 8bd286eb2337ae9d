SET LOCAL lock_timeout = '5s';
ALTER TABLE app_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON app_notes FOR ALL USING ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid)) WITH CHECK ((org_id = (NULLIF(current_setting('plinth.org_id'::text, true), ''::text))::uuid));
