-- The content the Android app lists (/v2/mentor): categories
-- ("relationship stages"), the activities in them, blog posts, and the
-- milestones mentors reach when every activity of a category is done.
--
-- Image columns hold a path relative to the server root ("/media/...") or
-- NULL; hidden rows never reach the app.

CREATE TABLE IF NOT EXISTS categories (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title      VARCHAR(255) NOT NULL,
    color      VARCHAR(16) NOT NULL DEFAULT '',
    image      VARCHAR(255) NULL,
    about      TEXT NOT NULL DEFAULT '',
    goal       TEXT NOT NULL DEFAULT '',
    is_hidden  TINYINT(1) NOT NULL DEFAULT 0,
    ordinal    INT NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    KEY categories_order (is_hidden, ordinal, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE activities
    ADD COLUMN IF NOT EXISTS category_id BIGINT UNSIGNED NULL,
    ADD COLUMN IF NOT EXISTS icon VARCHAR(255) NULL,
    ADD COLUMN IF NOT EXISTS poster VARCHAR(255) NULL,
    ADD COLUMN IF NOT EXISTS objective TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS lesson_rationale TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS instructions TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS prompts TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS reflection_points TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS skills_developed TEXT NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS is_hidden TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ordinal INT NOT NULL DEFAULT 0,
    ADD KEY IF NOT EXISTS activities_category (category_id, is_hidden, ordinal),
    ADD CONSTRAINT activities_category FOREIGN KEY IF NOT EXISTS (category_id) REFERENCES categories (id);

-- A call note of version 2 names the activity it used; completed
-- activities are found from the notes.
ALTER TABLE call_notes_v2
    ADD KEY IF NOT EXISTS call_notes_v2_activity_progress (activity_id, activity_progress);
ALTER TABLE call_notes
    ADD KEY IF NOT EXISTS call_notes_call (call_id);

-- body_content is JSON text: a markdown string, or a list of markdown
-- strings and {"type", "value"} blocks (paragraph, heading, list,
-- numbered_list, image).
CREATE TABLE IF NOT EXISTS blog_posts (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title        VARCHAR(255) NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    thumbnail    VARCHAR(255) NULL,
    image        VARCHAR(255) NULL,
    body_content MEDIUMTEXT NOT NULL,
    is_hidden    TINYINT(1) NOT NULL DEFAULT 0,
    KEY blog_posts_listed (is_hidden, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A mentor reached a category's milestone (all its activities complete):
-- recorded once, with its all_activities_completed event.
CREATE TABLE IF NOT EXISTS milestones (
    mentor_id   BIGINT UNSIGNED NOT NULL,
    category_id BIGINT UNSIGNED NOT NULL,
    reached_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (mentor_id, category_id),
    CONSTRAINT milestones_mentor FOREIGN KEY (mentor_id) REFERENCES users (id),
    CONSTRAINT milestones_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
