-- Rollups by every single dimension (and by none) are kept for every series.
-- Rollups by a pair of dimensions cost a write per response each, so they are
-- kept only for the (series, pair) a query has asked for: the first such
-- query is answered from facts and materialises the pair, which is
-- maintained from then on.
CREATE TABLE IF NOT EXISTS metric_rollup_sets (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  series VARCHAR(162) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dims TINYINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, series, dims)
) ENGINE=InnoDB;
