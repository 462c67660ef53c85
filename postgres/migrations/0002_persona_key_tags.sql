-- A value filed with a key of the key index (ringer.Persona.Tags), returned
-- with lookups: a photo chunk key carries the photo's hash, so a lookup
-- tells near photos from chance chunk matches without reading personas.
-- NULL where none was filed, as in every row written before this column.
ALTER TABLE persona_keys ADD COLUMN tag bigint;
