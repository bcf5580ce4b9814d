-- Surveys, their published versions and responses. Every primary key starts
-- with tenant_id (tenant-sharding ready); ids are time-ordered hex (common/ids.h)
-- so inserts append to the clustered index.

CREATE TABLE IF NOT EXISTS surveys (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  state TINYINT NOT NULL,
  audience TINYINT NOT NULL,
  version INT NOT NULL,
  revision BIGINT NOT NULL,
  request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  -- The serialized cx.feedback.v1.Survey (head: the draft or latest version).
  body MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE KEY surveys_by_request (tenant_id, request_id),
  KEY surveys_by_state (tenant_id, state, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Immutable definitions of every published version, for validating and
-- interpreting the responses that answered them.
CREATE TABLE IF NOT EXISTS survey_versions (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  survey_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version INT NOT NULL,
  body MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, survey_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS responses (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  survey_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  survey_version INT NOT NULL,
  channel TINYINT NOT NULL,
  customer_id VARCHAR(128) NOT NULL DEFAULT '',
  touchpoint VARCHAR(200) NOT NULL DEFAULT '',
  team VARCHAR(80) NOT NULL DEFAULT '',
  agent VARCHAR(80) NOT NULL DEFAULT '',
  locale VARCHAR(35) NOT NULL DEFAULT '',
  -- The first scored answer, for score-range filters; NULL when none.
  score SMALLINT NULL,
  submit_time DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  -- The serialized cx.feedback.v1.Response as acknowledged.
  body MEDIUMBLOB NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE KEY responses_by_request (tenant_id, request_id),
  KEY responses_by_survey (tenant_id, survey_id, id),
  KEY responses_by_customer (tenant_id, customer_id, id),
  KEY responses_by_submit_time (tenant_id, submit_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
