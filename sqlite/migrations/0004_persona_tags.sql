-- The tags a persona filed with its keys (ringer.Persona.Tags), as
-- encodeTags writes them, so that a persona written again unchanged is
-- recognised from its row alone and its key rows left as they are. NULL in
-- rows written before this column: such a persona is rewritten once.
ALTER TABLE personas ADD COLUMN tags BLOB;
