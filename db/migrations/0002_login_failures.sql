-- Failed logins, counted per fixed window, shared by every FastCGI worker
-- and app server.  throttle_key is the SHA-256 (hex) of "user:NAME|ip:ADDR"
-- or "ip:ADDR", so no username or address is stored in clear.
CREATE TABLE IF NOT EXISTS login_failures (
    throttle_key CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    failures     INT UNSIGNED NOT NULL,
    window_start DATETIME(6) NOT NULL,
    KEY login_failures_window_start (window_start)
) ENGINE=InnoDB;
