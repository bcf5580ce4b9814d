-- Customer erasure: case events are found by case, and each erasure leaves a
-- record for downstream services (metrics) in the outbox. The outbox holds no
-- personal data beyond what downstream must erase: the customer id itself,
-- deleted by the relay once delivered.

CREATE TABLE IF NOT EXISTS outbox (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- e.g. "cx.feedback.v1.CustomerErased".
  event_type VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload MEDIUMBLOB NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  KEY outbox_by_time (create_time)
) ENGINE=InnoDB;

-- Erasure finds a customer's cases by customer id.
CREATE INDEX cases_by_customer ON cases (tenant_id, customer_id);
