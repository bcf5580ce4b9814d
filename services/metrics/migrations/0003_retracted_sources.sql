-- Sources retracted for good (erased customers' responses). An observation
-- of one that arrives after its retraction (two relays can deliver out of
-- order) is ignored rather than counted again.
CREATE TABLE IF NOT EXISTS metric_retracted_sources (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  retract_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, source)
) ENGINE=InnoDB;
