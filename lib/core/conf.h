/*
 * Configuration: one INI file plus environment overrides.
 *
 * Every key "key" of section "[section]" can be overridden by the
 * environment variable MENTORSHIP_SECTION_KEY (upper case), which wins
 * over the file.  Unknown sections and keys and bad values are errors,
 * reported as "path:line: ..." (or "env NAME: ...") so that a typo never
 * silently falls back to a default.
 */
#ifndef MT_CONF_H
#define MT_CONF_H

#include <stddef.h>

#include "core/buf.h"
#include "core/log.h"

#define CONF_DEFAULT_PATH	SYSCONFDIR "/mentorship/mentorship.conf"

/* How the SMTP connection is protected. */
enum smtp_security {
	SMTP_STARTTLS,		/* submission, port 587: STARTTLS required */
	SMTP_TLS,		/* port 465: TLS from the start */
	SMTP_NONE,		/* a relay on this machine only */
	SMTP_SECURITY__MAX
};

extern const char *const smtp_security_names[SMTP_SECURITY__MAX];

struct conf {
	/* [database] */
	char		*db_host;
	unsigned	 db_port;
	char		*db_socket;
	char		*db_user;
	char		*db_password;
	char		*db_name;
	unsigned	 db_connect_timeout;
	/* [fcgi] */
	char		*fcgi_socket;
	unsigned	 fcgi_socket_mode;
	unsigned	 fcgi_workers;
	unsigned	 fcgi_max_requests;
	unsigned	 fcgi_backlog;
	unsigned	 fcgi_max_body_bytes;
	unsigned	 fcgi_keepalive_idle_ms;
	unsigned	 fcgi_read_timeout_ms;
	/* [auth] */
	char		*auth_realm;
	unsigned	 auth_argon2_memory_kib;
	unsigned	 auth_argon2_iterations;
	unsigned	 auth_argon2_parallelism;
	unsigned	 auth_cache_ttl_seconds;
	unsigned	 auth_cache_entries;
	unsigned	 auth_throttle_max_failures;
	unsigned	 auth_throttle_window_seconds;
	unsigned	 auth_session_ttl_seconds;
	/* [log] */
	enum log_level	 log_level;
	/* [providers] */
	char		*providers_voice;
	char		*providers_sms;
	char		*providers_push;
	/* [oniondev] */
	char		*oniondev_base_url;
	char		*oniondev_call_url;
	char		*oniondev_sms_url;
	char		*oniondev_username;
	char		*oniondev_password;
	char		*oniondev_api_key;
	char		*oniondev_api_key_header;
	unsigned	 oniondev_connect_timeout_ms;
	unsigned	 oniondev_timeout_ms;
	unsigned	 oniondev_allow_insecure_http;
	char		*oniondev_webhook_secret;
	char		*oniondev_webhook_secret_previous;
	unsigned	 oniondev_webhook_max_age_seconds;
	/* [fcm] */
	char		*fcm_service_account_file;
	char		*fcm_project_id;
	char		*fcm_base_url;
	char		*fcm_send_url;
	char		*fcm_token_url;
	unsigned	 fcm_connect_timeout_ms;
	unsigned	 fcm_timeout_ms;
	unsigned	 fcm_allow_insecure_http;
	/* [worker] */
	unsigned	 worker_poll_interval_ms;
	unsigned	 worker_batch_size;
	unsigned	 worker_max_attempts;
	unsigned	 worker_backoff_base_seconds;
	unsigned	 worker_backoff_max_seconds;
	unsigned	 worker_call_timeout_seconds;
	char		*worker_mentor_reminders;
	char		*worker_mentee_reminders;
	unsigned	 worker_reminder_window_seconds;
	/* [app] */
	char		*app_public_base_url;
	char		*app_migrations_dir;
	/* [media]: pictures uploaded, and their resized copies */
	char		*media_root;
	unsigned	 media_max_upload_bytes;
	unsigned	 media_max_pixels;
	/* [smtp]: the password-reset mails */
	char		*smtp_host;
	unsigned	 smtp_port;
	enum smtp_security smtp_security;
	char		*smtp_ca_file;
	char		*smtp_username;
	char		*smtp_password;
	char		*smtp_from;
	unsigned	 smtp_connect_timeout_ms;
	unsigned	 smtp_timeout_ms;
	/* [auth] password resets */
	unsigned	 auth_reset_ttl_seconds;
};

/* Fills c with the defaults (strings allocated: conf_release()).
 * conf_load() does it itself: do not call both. */
void	 conf_defaults(struct conf *c);
/*
 * Loads defaults, then path (NULL: no file), then the environment.
 * Returns 0, or -1 with one line per problem appended to errors.
 * c must be released with conf_release() either way.
 */
int	 conf_load(struct conf *c, const char *path, struct buf *errors);
void	 conf_release(struct conf *c);
/* The path to load: MENTORSHIP_CONFIG if set, else CONF_DEFAULT_PATH. */
const char *conf_default_path(void);

#endif
