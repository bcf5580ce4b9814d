-- Customers whose data was erased, so re-importing an old file does not bring
-- them back. Only a SHA-256 of (tenant, customer id) is kept: enough to
-- recognise the customer on import, not to name them.
CREATE TABLE IF NOT EXISTS erased_customers (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  customer_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  erase_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, customer_hash)
) ENGINE=InnoDB;
