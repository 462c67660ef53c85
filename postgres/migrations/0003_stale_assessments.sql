-- An assessment is marked stale when the record's ring changes under it
-- and the record waits to be re-assessed; storing its next assessment
-- clears the mark. The partial index lists the stale ones for a screener
-- that starts after a crash. A constant default adds the column without
-- rewriting the table.
ALTER TABLE assessments ADD COLUMN stale boolean NOT NULL DEFAULT false;
CREATE INDEX assessments_stale ON assessments (record_id) WHERE stale;
