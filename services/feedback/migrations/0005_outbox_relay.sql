-- Events the relay could not deliver because the receiver rejects them as
-- invalid (a retry cannot help): kept for an operator, out of the way of the
-- events behind them.
CREATE TABLE IF NOT EXISTS outbox_dead_letters (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_type VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  error VARCHAR(1000) NOT NULL,
  dead_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, id)
) ENGINE=InnoDB;
