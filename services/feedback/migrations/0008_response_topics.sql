-- What a response's comments say per topic, ",billing:negative,delivery:positive,",
-- so ListResponses can filter on it (topic, negative_topic, positive_topic)
-- without reading bodies. Responses stored before this column have ''.
ALTER TABLE responses
  ADD COLUMN topics VARCHAR(3000) CHARACTER SET ascii COLLATE ascii_bin
  NOT NULL DEFAULT '';
