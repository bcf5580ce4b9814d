-- Revenue history per account and month (MRR from that month on) and the
-- targets scorecards compare against.

CREATE TABLE IF NOT EXISTS account_revenue (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  account VARCHAR(128) NOT NULL,
  month DATE NOT NULL,
  mrr_minor BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, account, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS metric_targets (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  -- The serialized cx.metrics.v1.Target.
  body BLOB NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, id)
) ENGINE=InnoDB;
