-- Live federation (issue 14): a source marked live is not harvested; the engine searches it at search time
-- (0/1). Only a source whose connector can search live may be marked so (checked by the librarian API).
ALTER TABLE sources ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
