-- Every webhook body a provider posted, stored before it is processed, so
-- that nothing a provider sent is ever lost, even when it cannot be
-- processed.  dedupe_key (SHA-256 of endpoint and body) finds a delivery
-- that was already processed.
CREATE TABLE IF NOT EXISTS webhook_log (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    received_at DATETIME(6) NOT NULL,
    endpoint    VARCHAR(64) NOT NULL,
    -- The bytes exactly as received, valid UTF-8 or not.
    body        MEDIUMBLOB NOT NULL,
    outcome     VARCHAR(16) NOT NULL DEFAULT 'received',
    detail      VARCHAR(1024) NOT NULL DEFAULT '',
    dedupe_key  CHAR(64) CHARACTER SET ascii NOT NULL,
    KEY webhook_log_received (received_at),
    KEY webhook_log_dedupe (dedupe_key, outcome),
    CONSTRAINT webhook_log_outcome_valid CHECK (outcome IN
        ('received', 'processed', 'duplicate', 'rejected', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
