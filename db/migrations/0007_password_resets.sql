-- Forgotten passwords: POST /v2/mentor/reset-password/ (and the console's
-- "forgot password") records a reset and queues an e-mail; the worker makes
-- the code when it sends that mail and stores only its SHA-256 (hex), so a
-- copy of this table resets nothing.  A code works once, before
-- expires_at; setting the password uses up every open reset of the account.
CREATE TABLE IF NOT EXISTS password_resets (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT UNSIGNED NOT NULL,
    code_hash   CHAR(64) CHARACTER SET ascii NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    used_at     DATETIME(6) NULL,
    UNIQUE KEY password_resets_code (code_hash),
    KEY password_resets_user (user_id, created_at),
    CONSTRAINT password_resets_user FOREIGN KEY (user_id) REFERENCES users (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The reset mails go through the outbox like SMS and pushes.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_kind_valid;
ALTER TABLE outbox
    ADD CONSTRAINT outbox_kind_valid CHECK (kind IN ('sms', 'push', 'email'));
