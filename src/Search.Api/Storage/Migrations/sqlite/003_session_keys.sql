-- The secret that signs anonymous sessions' cookies. An anonymous session is kept in its cookie alone (its
-- id and the moment it was last seen, signed with this key) until it needs the database, when it takes a
-- seat; every process on the database signs and checks with the same key, so a restart or a second
-- process recognises the cookie. Created at the first start.
CREATE TABLE access_keys (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- An anonymous session that ended (a login replaced it) before its signed cookie expired is remembered
-- until then, so the cookie cannot bring it back.
ALTER TABLE access_sessions ADD COLUMN ended_at TEXT NULL;
