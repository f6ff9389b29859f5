-- Browser sessions of the web console.  The cookie holds a random token;
-- only its SHA-256 (hex) is stored, so a copy of this table opens no
-- session.  csrf_token is sent back by the console in X-CSRF-Token on
-- every request that changes something.  Rows past expires_at are dead
-- and are deleted at the next login.
CREATE TABLE IF NOT EXISTS sessions (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash   CHAR(64) CHARACTER SET ascii NOT NULL,
    user_id      BIGINT UNSIGNED NOT NULL,
    csrf_token   CHAR(43) CHARACTER SET ascii NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    UNIQUE KEY sessions_token (token_hash),
    KEY sessions_expires (expires_at),
    KEY sessions_user (user_id),
    CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The console polls "events since the last one I saw" every few seconds:
-- a range on this index, empty most of the time.
ALTER TABLE events ADD KEY IF NOT EXISTS events_mentor_id (relevant_mentor_id, id);
