-- The data model of the seed's "Model Reference".
--
-- One id per person: mentees and mentors are keyed by their user's id, and
-- that id is what calls, messages, events and tasks refer to.

-- Contact fields (the seed's Contact model) live on users.  Numbers are
-- stored in E.164 ("+27123456789") and are unique: providers find people by
-- their number.
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS contact_number VARCHAR(16) NULL,
    ADD COLUMN IF NOT EXISTS external_id VARCHAR(255) NOT NULL DEFAULT '',
    ADD UNIQUE KEY IF NOT EXISTS users_contact_number (contact_number);

CREATE TABLE IF NOT EXISTS mentees (
    user_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT mentees_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A mentor is linked to exactly one mentee; a mentee may have several.
CREATE TABLE IF NOT EXISTS mentors (
    user_id                    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    mentee_id                  BIGINT UNSIGNED NOT NULL,
    profile_pic                VARCHAR(255) NOT NULL DEFAULT '',
    job_title                  VARCHAR(255) NOT NULL DEFAULT '',
    job_sector                 VARCHAR(255) NOT NULL DEFAULT '',
    motivation                 TEXT NOT NULL,
    inspiration                TEXT NOT NULL,
    tags                       VARCHAR(255) NOT NULL DEFAULT '',
    skills                     TEXT NOT NULL,
    android_registration_token VARCHAR(4096) NOT NULL DEFAULT '',
    created_at                 DATETIME(6) NOT NULL,
    KEY mentors_mentee (mentee_id),
    CONSTRAINT mentors_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT mentors_mentee FOREIGN KEY (mentee_id) REFERENCES mentees (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS activities (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title       VARCHAR(255) NOT NULL,
    description TEXT NOT NULL,
    created_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS scheduled_calls (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at   DATETIME(6) NOT NULL,
    call_time    DATETIME(6) NOT NULL,
    caller_id    BIGINT UNSIGNED NOT NULL,
    callee_id    BIGINT UNSIGNED NOT NULL,
    activity_id  BIGINT UNSIGNED NULL,
    -- Cancelled calls are kept (reminders and events refer to them) but no
    -- longer listed.
    cancelled_at DATETIME(6) NULL,
    KEY scheduled_calls_caller (caller_id, cancelled_at, call_time),
    KEY scheduled_calls_due (cancelled_at, call_time),
    CONSTRAINT scheduled_calls_caller FOREIGN KEY (caller_id) REFERENCES users (id),
    CONSTRAINT scheduled_calls_callee FOREIGN KEY (callee_id) REFERENCES users (id),
    CONSTRAINT scheduled_calls_activity FOREIGN KEY (activity_id) REFERENCES activities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per reminder decided: sent, or skipped because it was too late.
CREATE TABLE IF NOT EXISTS call_reminders (
    id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scheduled_call_id BIGINT UNSIGNED NOT NULL,
    reminder_type     VARCHAR(32) NOT NULL,
    -- The call_time the reminder was for: a rescheduled call gets new ones.
    call_time         DATETIME(6) NOT NULL,
    outcome           VARCHAR(16) NOT NULL DEFAULT 'sent',
    created_at        DATETIME(6) NOT NULL,
    UNIQUE KEY call_reminders_once (scheduled_call_id, reminder_type, call_time),
    CONSTRAINT call_reminders_call FOREIGN KEY (scheduled_call_id) REFERENCES scheduled_calls (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS tasks (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    mentor_id   BIGINT UNSIGNED NOT NULL,
    description VARCHAR(1024) NOT NULL,
    link        VARCHAR(1024) NOT NULL DEFAULT '',
    due_date    DATETIME(6) NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'pending',
    call_id     BIGINT UNSIGNED NULL,
    created_at  DATETIME(6) NOT NULL,
    KEY tasks_mentor (mentor_id, id),
    CONSTRAINT tasks_mentor FOREIGN KEY (mentor_id) REFERENCES users (id),
    CONSTRAINT tasks_status_valid CHECK (status IN ('pending', 'in-progress', 'done'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS calls (
    id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    start_time         DATETIME(6) NOT NULL,
    partner_start_time DATETIME(6) NULL,
    end_time           DATETIME(6) NULL,
    partner_end_time   DATETIME(6) NULL,
    caller_id          BIGINT UNSIGNED NOT NULL,
    receiver_id        BIGINT UNSIGNED NOT NULL,
    feedback_task_id   BIGINT UNSIGNED NULL,
    recording_url      VARCHAR(1024) NOT NULL DEFAULT '',
    -- The provider's id for the call (OnionDev's scheduledCallId).
    partner_id         VARCHAR(255) NULL,
    activity_id        BIGINT UNSIGNED NULL,
    scheduled_call_id  BIGINT UNSIGNED NULL,
    -- The provider's conversation id once the call happened.
    call_id            VARCHAR(255) NULL,
    status             VARCHAR(16) NOT NULL DEFAULT 'inprogress',
    status_reason      VARCHAR(255) NOT NULL DEFAULT '',
    KEY calls_caller (caller_id, start_time),
    KEY calls_receiver (receiver_id, start_time),
    KEY calls_status (status, start_time),
    UNIQUE KEY calls_partner_id (partner_id),
    KEY calls_call_id (call_id),
    CONSTRAINT calls_caller FOREIGN KEY (caller_id) REFERENCES users (id),
    CONSTRAINT calls_receiver FOREIGN KEY (receiver_id) REFERENCES users (id),
    CONSTRAINT calls_feedback_task FOREIGN KEY (feedback_task_id) REFERENCES tasks (id),
    CONSTRAINT calls_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
    CONSTRAINT calls_scheduled_call FOREIGN KEY (scheduled_call_id) REFERENCES scheduled_calls (id),
    CONSTRAINT calls_status_valid CHECK (status IN ('successful', 'scheduled', 'inactive', 'inprogress'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE tasks
    ADD CONSTRAINT tasks_call FOREIGN KEY IF NOT EXISTS (call_id) REFERENCES calls (id);

-- Attempts reported by the provider for a call.
CREATE TABLE IF NOT EXISTS call_data_records (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    call_id    BIGINT UNSIGNED NOT NULL,
    partner_id VARCHAR(255) NOT NULL,
    start_time DATETIME(6) NULL,
    status     VARCHAR(255) NOT NULL DEFAULT '',
    UNIQUE KEY call_data_records_once (call_id, partner_id),
    CONSTRAINT call_data_records_call FOREIGN KEY (call_id) REFERENCES calls (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Call notes: a base table and one table per version (both kept: version 1
-- is still written by older apps).
CREATE TABLE IF NOT EXISTS call_notes (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version    TINYINT UNSIGNED NOT NULL,
    mentor_id  BIGINT UNSIGNED NOT NULL,
    call_id    BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(6) NOT NULL,
    reflection TEXT NOT NULL,
    call_quality VARCHAR(32) NOT NULL DEFAULT '',
    KEY call_notes_mentor (mentor_id, id),
    CONSTRAINT call_notes_mentor FOREIGN KEY (mentor_id) REFERENCES users (id),
    CONSTRAINT call_notes_call FOREIGN KEY (call_id) REFERENCES calls (id),
    CONSTRAINT call_notes_version_valid CHECK (version IN (1, 2))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS call_notes_v1 (
    call_note_id       BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    mentee_state       VARCHAR(32) NOT NULL DEFAULT '',
    objective_achieved TINYINT(1) NOT NULL DEFAULT 0,
    activity_helpful   TINYINT UNSIGNED NULL,
    CONSTRAINT call_notes_v1_base FOREIGN KEY (call_note_id) REFERENCES call_notes (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS call_notes_v2 (
    call_note_id       BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    call_result        VARCHAR(64) NOT NULL DEFAULT '',
    activity_progress  VARCHAR(64) NOT NULL DEFAULT '',
    activity_id        BIGINT UNSIGNED NULL,
    objective_achieved TINYINT UNSIGNED NULL,
    rating             TINYINT UNSIGNED NULL,
    mood               VARCHAR(32) NOT NULL DEFAULT '',
    CONSTRAINT call_notes_v2_base FOREIGN KEY (call_note_id) REFERENCES call_notes (id) ON DELETE CASCADE,
    CONSTRAINT call_notes_v2_activity FOREIGN KEY (activity_id) REFERENCES activities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- IVR feedback from a mentee about a call.
CREATE TABLE IF NOT EXISTS feedback (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    received_at     DATETIME(6) NOT NULL,
    start_time      DATETIME(6) NULL,
    sender_id       BIGINT UNSIGNED NOT NULL,
    call_id         BIGINT UNSIGNED NULL,
    question_1      VARCHAR(255) NOT NULL DEFAULT '',
    question_2      VARCHAR(255) NOT NULL DEFAULT '',
    question_3      VARCHAR(255) NOT NULL DEFAULT '',
    question_4      VARCHAR(255) NOT NULL DEFAULT '',
    completed       TINYINT(1) NOT NULL DEFAULT 0,
    content         MEDIUMTEXT NOT NULL,
    -- The provider's conversation: a later report updates the same row.
    conversation_id VARCHAR(255) NULL,
    KEY feedback_sender (sender_id),
    KEY feedback_call (call_id),
    UNIQUE KEY feedback_conversation (sender_id, conversation_id),
    CONSTRAINT feedback_sender FOREIGN KEY (sender_id) REFERENCES users (id),
    CONSTRAINT feedback_call FOREIGN KEY (call_id) REFERENCES calls (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS messages (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    time_sent       DATETIME(6) NOT NULL,
    sender_id       BIGINT UNSIGNED NOT NULL,
    recipient_id    BIGINT UNSIGNED NOT NULL,
    message_type    VARCHAR(8) NOT NULL DEFAULT 'user',
    content         TEXT NOT NULL,
    direction       VARCHAR(8) NOT NULL,
    delivery_status VARCHAR(16) NOT NULL,
    KEY messages_sender (sender_id, time_sent),
    KEY messages_recipient (recipient_id, time_sent),
    CONSTRAINT messages_sender FOREIGN KEY (sender_id) REFERENCES users (id),
    CONSTRAINT messages_recipient FOREIGN KEY (recipient_id) REFERENCES users (id),
    CONSTRAINT messages_type_valid CHECK (message_type IN ('system', 'user')),
    CONSTRAINT messages_direction_valid CHECK (direction IN ('inbound', 'outbound')),
    CONSTRAINT messages_delivery_valid CHECK (delivery_status IN ('queued', 'sent', 'failed', 'received'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "occured_at" keeps the seed's spelling: it is on the wire.
CREATE TABLE IF NOT EXISTS events (
    id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occured_at         DATETIME(6) NOT NULL,
    event_type         VARCHAR(64) NOT NULL,
    description        VARCHAR(1024) NOT NULL DEFAULT '',
    relevant_mentor_id BIGINT UNSIGNED NOT NULL,
    object_id          BIGINT UNSIGNED NULL,
    KEY events_mentor (relevant_mentor_id, occured_at, id),
    CONSTRAINT events_mentor FOREIGN KEY (relevant_mentor_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every request made of a provider by the "example" provider (and a record
-- of what the real ones were asked to do).
CREATE TABLE IF NOT EXISTS provider_log (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at  DATETIME(6) NOT NULL,
    provider    VARCHAR(32) NOT NULL,
    kind        VARCHAR(8) NOT NULL,
    destination VARCHAR(4096) NOT NULL,
    payload     MEDIUMTEXT NOT NULL,
    partner_id  VARCHAR(255) NULL,
    KEY provider_log_created (created_at),
    CONSTRAINT provider_log_kind_valid CHECK (kind IN ('call', 'sms', 'push'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- SMS and push notifications to deliver, written in the same transaction as
-- the message or event they belong to, so none is lost while a provider is
-- down.  The worker delivers them.
CREATE TABLE IF NOT EXISTS outbox (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at      DATETIME(6) NOT NULL,
    kind            VARCHAR(8) NOT NULL,
    message_id      BIGINT UNSIGNED NULL,
    recipient_id    BIGINT UNSIGNED NOT NULL,
    payload         MEDIUMTEXT NOT NULL,
    status          VARCHAR(8) NOT NULL DEFAULT 'pending',
    attempts        INT UNSIGNED NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    last_error      VARCHAR(1024) NOT NULL DEFAULT '',
    sent_at         DATETIME(6) NULL,
    KEY outbox_due (status, next_attempt_at),
    KEY outbox_message (message_id),
    CONSTRAINT outbox_message FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT outbox_recipient FOREIGN KEY (recipient_id) REFERENCES users (id),
    CONSTRAINT outbox_kind_valid CHECK (kind IN ('sms', 'push')),
    CONSTRAINT outbox_status_valid CHECK (status IN ('pending', 'sent', 'dead'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
