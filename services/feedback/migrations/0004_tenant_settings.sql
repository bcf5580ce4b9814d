-- Small per-tenant configuration documents (serialized protos by name), such
-- as the topic taxonomy.
CREATE TABLE IF NOT EXISTS tenant_settings (
  tenant_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  body MEDIUMBLOB NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant_id, name)
) ENGINE=InnoDB;
