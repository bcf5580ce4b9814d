-- A pair rollup is built without holding the tenant's write lock: it is
-- registered (ready = 0; writers maintain its changes from then on), counted
-- from a snapshot taken at registration, and the counts are added (ready = 1).
-- Readers use ready pairs only; a build older than its lease is restarted.
ALTER TABLE metric_rollup_sets ADD COLUMN ready TINYINT NOT NULL DEFAULT 1;
