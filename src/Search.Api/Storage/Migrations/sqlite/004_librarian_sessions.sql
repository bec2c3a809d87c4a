-- Librarians' console sessions. The librarian cookie carries only the id; the ticket lives here, so logging
-- out ends the session on every process at once and a copied cookie stops working.
CREATE TABLE librarian_sessions (
    id          TEXT PRIMARY KEY,
    user_name   TEXT NOT NULL,
    ticket      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX librarian_sessions_expires_at ON librarian_sessions (expires_at);
