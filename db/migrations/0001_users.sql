-- Accounts: admins, mentors, mentees and provider (comms) accounts.
-- Usernames are unique without regard to case (utf8mb4_unicode_ci), so
-- "Adam" and "adam" can never be two people.
CREATE TABLE IF NOT EXISTS users (
    id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username            VARCHAR(150) NOT NULL,
    email               VARCHAR(254) NOT NULL DEFAULT '',
    first_name          VARCHAR(150) NOT NULL DEFAULT '',
    last_name           VARCHAR(150) NOT NULL DEFAULT '',
    password_hash       VARCHAR(255) NOT NULL,
    is_superuser        TINYINT(1) NOT NULL DEFAULT 0,
    is_active           TINYINT(1) NOT NULL DEFAULT 1,
    role                VARCHAR(16) NOT NULL DEFAULT 'mentor',
    password_changed_at DATETIME(6) NOT NULL,
    date_joined         DATETIME(6) NOT NULL,
    last_login          DATETIME(6) NULL,
    UNIQUE KEY users_username (username),
    KEY users_email (email),
    CONSTRAINT users_role_valid CHECK (role IN ('admin', 'mentor', 'mentee', 'comms'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
