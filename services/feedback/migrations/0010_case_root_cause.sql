-- A resolved case's root cause (Case.root_cause), so ListCases can filter on
-- it (root_cause = "billing"). Cases stored before it have ''; root causes
-- were introduced together with this column.
ALTER TABLE cases
  ADD COLUMN root_cause VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin
  NOT NULL DEFAULT '';
