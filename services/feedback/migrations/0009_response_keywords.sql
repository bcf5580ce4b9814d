-- The keywords of a response's comments, ",login,app,page,", so ListResponses
-- can list the comments behind a keyword (keyword = "login") without reading
-- bodies. Responses stored before this column have '' until
-- `cxctl topics backfill` fills it.
ALTER TABLE responses
  ADD COLUMN keywords VARCHAR(1000) NOT NULL DEFAULT '';
