-- Closed-loop cases, their event log (history and WatchCases feed) and the
-- tenants' case rules.

CREATE TABLE IF NOT EXISTS cases (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  response_name VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  customer_id VARCHAR(128) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  priority TINYINT NOT NULL,
  owner VARCHAR(100) NOT NULL DEFAULT '',
  due_time DATETIME(6) NOT NULL,
  revision BIGINT NOT NULL,
  -- The serialized cx.feedback.v1.Case.
  body MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE KEY cases_by_response (tenant_id, response_name),
  -- The overdue sweep looks across tenants by state and deadline.
  KEY cases_by_due_time (state, due_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per-tenant sequence of case events. The counter row is locked by every
-- transaction that appends an event, so a tenant's events commit in sequence
-- order and a reader resuming after N can never skip one still in flight.
CREATE TABLE IF NOT EXISTS case_event_counters (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS case_events (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sequence BIGINT NOT NULL,
  case_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- The serialized cx.feedback.v1.CaseEvent.
  body MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, sequence),
  KEY case_events_by_case (tenant_id, case_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS closed_loop_policies (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- The serialized cx.feedback.v1.ClosedLoopPolicy.
  body MEDIUMBLOB NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id)
) ENGINE=InnoDB;
