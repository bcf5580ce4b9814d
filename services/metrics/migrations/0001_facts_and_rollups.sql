-- cx-metrics: per-response facts, per-score rollups, and what keeps them exact.
-- Every primary key starts with tenant_id (tenant-sharding ready).

-- One row per tenant: its time zone (days of facts and rollups are local
-- days in it) and a revision bumped by every write transaction. The bump
-- takes this row's lock first, so a tenant's writers are serialised and
-- rollup rows changed at revision R are committed before R + 1 begins: a
-- reader holding revision R can fetch exactly what changed since.
CREATE TABLE IF NOT EXISTS metric_tenants (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  revision BIGINT NOT NULL,
  time_zone VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'UTC',
  currency_code CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  -- Bumped by every rebuild, which deletes rollup rows: readers holding
  -- rollups of an older generation drop them.
  generation BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB;

-- Events already applied, for idempotent redelivery.
CREATE TABLE IF NOT EXISTS metric_events (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
) ENGINE=InnoDB;

-- Scored questions seen, with their kind and scale.
CREATE TABLE IF NOT EXISTS metric_questions (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  question VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind TINYINT NOT NULL,
  scale_min SMALLINT NOT NULL,
  scale_max SMALLINT NOT NULL,
  PRIMARY KEY (tenant_id, question)
) ENGINE=InnoDB;

-- One row per response and series it counts in: the type series ('nps',
-- 'enps', 'csat', 'ces'; '' for ratings), the question, or 'volume' (one per
-- response, score 0). Drill-down, driver analysis and rebuilds read these.
CREATE TABLE IF NOT EXISTS metric_facts (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  question VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  type_series VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  day DATE NOT NULL,
  observe_time DATETIME(6) NOT NULL,
  score SMALLINT NOT NULL,
  channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  touchpoint VARCHAR(200) NOT NULL,
  team VARCHAR(80) NOT NULL,
  agent VARCHAR(80) NOT NULL,
  survey VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (tenant_id, source, question),
  KEY facts_by_series_day (tenant_id, type_series, day),
  KEY facts_by_question_day (tenant_id, question, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per-score counts by (series, dimension set, their values, local day).
-- dims is a bit mask over channel, touchpoint, team, agent, survey (in that
-- order); key1/key2 hold the values of its first and second dimension. The
-- empty set and every single dimension are kept for every series; pairs as
-- metric_rollup_sets (0004) lists them.
CREATE TABLE IF NOT EXISTS metric_rollups (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  series VARCHAR(162) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dims TINYINT NOT NULL,
  key1 VARCHAR(200) NOT NULL,
  key2 VARCHAR(200) NOT NULL,
  day DATE NOT NULL,
  score SMALLINT NOT NULL,
  count BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, series, dims, key1, key2, day, score),
  KEY rollups_by_revision (tenant_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
