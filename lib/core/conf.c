#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"

enum conf_type {
	CONF_STR,
	CONF_UINT,
	CONF_OCTAL,
	CONF_LEVEL,
	CONF_SMTP_SECURITY,
	CONF_TYPE__MAX
};

struct conf_key {
	const char	*section;
	const char	*key;
	enum conf_type	 type;
	size_t		 off;
	unsigned	 min, max;	/* CONF_UINT only */
	const char	*def;
	int		 secret;	/* wiped by conf_release() */
};

#define K(s, k, t, f, lo, hi, d) \
	{ s, k, t, offsetof(struct conf, f), lo, hi, d, 0 }
/* A password or key: wiped from memory when the configuration goes. */
#define KSECRET(s, k, f) \
	{ s, k, CONF_STR, offsetof(struct conf, f), 0, 0, "", 1 }

const char *const smtp_security_names[SMTP_SECURITY__MAX] = {
	"starttls", "tls", "none"
};

static const struct conf_key conf_keys[] = {
	K("database", "host", CONF_STR, db_host, 0, 0, "localhost"),
	K("database", "port", CONF_UINT, db_port, 0, 65535, "3306"),
	K("database", "socket", CONF_STR, db_socket, 0, 0, ""),
	K("database", "user", CONF_STR, db_user, 0, 0, "mentorship"),
	KSECRET("database", "password", db_password),
	K("database", "name", CONF_STR, db_name, 0, 0, "mentorship"),
	K("database", "connect_timeout", CONF_UINT, db_connect_timeout, 1, 300, "5"),
	K("fcgi", "socket", CONF_STR, fcgi_socket, 0, 0, "/run/mentorship/fcgi.sock"),
	K("fcgi", "socket_mode", CONF_OCTAL, fcgi_socket_mode, 0, 0777, "0660"),
	K("fcgi", "workers", CONF_UINT, fcgi_workers, 1, 256, "4"),
	K("fcgi", "max_requests", CONF_UINT, fcgi_max_requests, 0, 100000000, "500000"),
	K("fcgi", "backlog", CONF_UINT, fcgi_backlog, 1, 65535, "128"),
	K("fcgi", "max_body_bytes", CONF_UINT, fcgi_max_body_bytes, 1024, 1073741824, "1048576"),
	K("fcgi", "keepalive_idle_ms", CONF_UINT, fcgi_keepalive_idle_ms, 0, 3600000, "75000"),
	/* a request must arrive whole within this (nginx sends it at once) */
	K("fcgi", "read_timeout_ms", CONF_UINT, fcgi_read_timeout_ms, 100, 600000, "10000"),
	K("auth", "realm", CONF_STR, auth_realm, 0, 0, "Mentoring Tool"),
	K("auth", "argon2_memory_kib", CONF_UINT, auth_argon2_memory_kib, 8, 4194304, "19456"),
	K("auth", "argon2_iterations", CONF_UINT, auth_argon2_iterations, 1, 100, "2"),
	K("auth", "argon2_parallelism", CONF_UINT, auth_argon2_parallelism, 1, 64, "1"),
	K("auth", "cache_ttl_seconds", CONF_UINT, auth_cache_ttl_seconds, 0, 86400, "300"),
	K("auth", "cache_entries", CONF_UINT, auth_cache_entries, 1, 1048576, "1024"),
	K("auth", "throttle_max_failures", CONF_UINT, auth_throttle_max_failures, 1, 100000, "10"),
	K("auth", "throttle_window_seconds", CONF_UINT, auth_throttle_window_seconds, 1, 86400, "300"),
	K("auth", "session_ttl_seconds", CONF_UINT, auth_session_ttl_seconds, 60, 2592000, "43200"),
	K("log", "level", CONF_LEVEL, log_level, 0, 0, "info"),
	K("providers", "voice", CONF_STR, providers_voice, 0, 0, "example"),
	K("providers", "sms", CONF_STR, providers_sms, 0, 0, "example"),
	K("providers", "push", CONF_STR, providers_push, 0, 0, "example"),
	K("oniondev", "base_url", CONF_STR, oniondev_base_url, 0, 0, ""),
	K("oniondev", "call_url", CONF_STR, oniondev_call_url, 0, 0, ""),
	K("oniondev", "sms_url", CONF_STR, oniondev_sms_url, 0, 0, ""),
	K("oniondev", "username", CONF_STR, oniondev_username, 0, 0, ""),
	KSECRET("oniondev", "password", oniondev_password),
	KSECRET("oniondev", "api_key", oniondev_api_key),
	K("oniondev", "api_key_header", CONF_STR, oniondev_api_key_header, 0, 0, "X-API-Key"),
	K("oniondev", "connect_timeout_ms", CONF_UINT, oniondev_connect_timeout_ms, 1, 60000, "5000"),
	K("oniondev", "timeout_ms", CONF_UINT, oniondev_timeout_ms, 1, 300000, "10000"),
	K("oniondev", "allow_insecure_http", CONF_UINT, oniondev_allow_insecure_http, 0, 1, "0"),
	/* signed webhooks: required when a secret is set; two for rotation */
	KSECRET("oniondev", "webhook_secret", oniondev_webhook_secret),
	KSECRET("oniondev", "webhook_secret_previous", oniondev_webhook_secret_previous),
	K("oniondev", "webhook_max_age_seconds", CONF_UINT, oniondev_webhook_max_age_seconds, 1, 86400, "300"),
	K("fcm", "service_account_file", CONF_STR, fcm_service_account_file, 0, 0, SYSCONFDIR "/mentorship/fcm-service-account.json"),
	K("fcm", "project_id", CONF_STR, fcm_project_id, 0, 0, ""),
	K("fcm", "base_url", CONF_STR, fcm_base_url, 0, 0, "https://fcm.googleapis.com"),
	K("fcm", "send_url", CONF_STR, fcm_send_url, 0, 0, ""),
	K("fcm", "token_url", CONF_STR, fcm_token_url, 0, 0, "https://oauth2.googleapis.com/token"),
	K("fcm", "connect_timeout_ms", CONF_UINT, fcm_connect_timeout_ms, 1, 60000, "5000"),
	K("fcm", "timeout_ms", CONF_UINT, fcm_timeout_ms, 1, 300000, "10000"),
	K("fcm", "allow_insecure_http", CONF_UINT, fcm_allow_insecure_http, 0, 1, "0"),
	K("worker", "poll_interval_ms", CONF_UINT, worker_poll_interval_ms, 10, 3600000, "1000"),
	K("worker", "batch_size", CONF_UINT, worker_batch_size, 1, 10000, "50"),
	K("worker", "max_attempts", CONF_UINT, worker_max_attempts, 1, 1000, "8"),
	K("worker", "backoff_base_seconds", CONF_UINT, worker_backoff_base_seconds, 0, 86400, "10"),
	K("worker", "backoff_max_seconds", CONF_UINT, worker_backoff_max_seconds, 0, 604800, "3600"),
	K("worker", "call_timeout_seconds", CONF_UINT, worker_call_timeout_seconds, 1, 604800, "3600"),
	/* Seconds before the call: pushes to the mentor, SMS to the mentee. */
	K("worker", "mentor_reminders", CONF_STR, worker_mentor_reminders, 0, 0, "86400,3600,600,60"),
	K("worker", "mentee_reminders", CONF_STR, worker_mentee_reminders, 0, 0, "3600"),
	K("worker", "reminder_window_seconds", CONF_UINT, worker_reminder_window_seconds, 1, 86400, "600"),
	K("app", "public_base_url", CONF_STR, app_public_base_url, 0, 0, ""),
	K("app", "migrations_dir", CONF_STR, app_migrations_dir, 0, 0, DATADIR "/mentorship/migrations"),
	/* pictures in root/media, their resized copies in root/media-cache:
	 * the folder nginx's $mentorship_media_root names */
	K("media", "root", CONF_STR, media_root, 0, 0, "/var/lib/mentorship"),
	K("media", "max_upload_bytes", CONF_UINT, media_max_upload_bytes, 1024, 268435456, "10485760"),
	K("media", "max_pixels", CONF_UINT, media_max_pixels, 1, 400000000, "40000000"),
	K("smtp", "host", CONF_STR, smtp_host, 0, 0, "localhost"),
	K("smtp", "port", CONF_UINT, smtp_port, 1, 65535, "587"),
	/* starttls (port 587), tls (465), none (a local relay only) */
	K("smtp", "security", CONF_SMTP_SECURITY, smtp_security, 0, 0, "starttls"),
	/* the CA certificates to verify the server with (empty: the
	 * system's) */
	K("smtp", "ca_file", CONF_STR, smtp_ca_file, 0, 0, ""),
	K("smtp", "username", CONF_STR, smtp_username, 0, 0, ""),
	KSECRET("smtp", "password", smtp_password),
	K("smtp", "from", CONF_STR, smtp_from, 0, 0, "Mentoring Tool <no-reply@localhost>"),
	K("smtp", "connect_timeout_ms", CONF_UINT, smtp_connect_timeout_ms, 1, 60000, "5000"),
	K("smtp", "timeout_ms", CONF_UINT, smtp_timeout_ms, 1, 300000, "20000"),
	K("auth", "reset_ttl_seconds", CONF_UINT, auth_reset_ttl_seconds, 60, 604800, "3600"),
};

#define CONF_NKEYS	(sizeof(conf_keys) / sizeof(conf_keys[0]))

const char *
conf_default_path(void)
{
	const char	*p = getenv("MENTORSHIP_CONFIG");

	return p != NULL && *p != '\0' ? p : CONF_DEFAULT_PATH;
}

/* Stores value into the field of k; returns NULL or a reason. */
static const char *
conf_set(struct conf *c, const struct conf_key *k, const char *value)
{
	char		*base = (char *)c;
	unsigned long	 v;
	char		*end;

	switch (k->type) {
	case CONF_STR: {
		char	**dst = (char **)(base + k->off);
		char	 *copy;

		if ((copy = strdup(value)) == NULL)
			return "out of memory";
		if (*dst != NULL && k->secret)
			explicit_bzero(*dst, strlen(*dst));
		free(*dst);
		*dst = copy;
		return NULL;
	}
	case CONF_UINT:
	case CONF_OCTAL:
		if (!isdigit((unsigned char)value[0]))
			return k->type == CONF_OCTAL ? "not an octal mode" :
			    "not a non-negative integer";
		errno = 0;
		v = strtoul(value, &end, k->type == CONF_OCTAL ? 8 : 10);
		if (errno != 0 || *end != '\0')
			return k->type == CONF_OCTAL ? "not an octal mode" :
			    "not a non-negative integer";
		if (v < k->min || v > k->max)
			return "out of range";
		*(unsigned *)(base + k->off) = (unsigned)v;
		return NULL;
	case CONF_LEVEL:
		if (log_level_parse(value, (enum log_level *)(base + k->off)))
			return "not one of debug, info, warn, error";
		return NULL;
	case CONF_SMTP_SECURITY:
		for (int i = 0; i < SMTP_SECURITY__MAX; i++)
			if (strcmp(value, smtp_security_names[i]) == 0) {
				*(enum smtp_security *)(base + k->off) = i;
				return NULL;
			}
		return "not one of starttls, tls, none";
	default:
		BUG("unknown conf type");
	}
}

static void conf_report(struct buf *, const char *, unsigned, const char *,
    ...) __attribute__((format(printf, 4, 5)));

/* Appends "where:line: message\n" (or "where: message\n" when line is 0). */
static void
conf_report(struct buf *errors, const char *where, unsigned line,
    const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	if (errors == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		buf_printf(errors, "%s:%u: %s\n", where, line, msg);
	else
		buf_printf(errors, "%s: %s\n", where, msg);
}

static const struct conf_key *
conf_find(const char *section, const char *key)
{
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (strcmp(conf_keys[i].section, section) == 0 &&
		    strcmp(conf_keys[i].key, key) == 0)
			return &conf_keys[i];
	return NULL;
}

static int
conf_section_known(const char *section)
{
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (strcmp(conf_keys[i].section, section) == 0)
			return 1;
	return 0;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (conf_set(c, &conf_keys[i], conf_keys[i].def) != NULL)
			BUG("bad default in conf_keys");
}

static int
conf_load_file(struct conf *c, const char *path, struct buf *errors)
{
	FILE		*f;
	char		 line[4096], section[64] = "";
	unsigned	 lineno = 0;
	int		 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		conf_report(errors, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char			*p, *eq, *key, *value, *close;
		const struct conf_key	*k;
		const char		*why;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			conf_report(errors, path, lineno, "line too long");
			rc = -1;
			break;
		}
		p = trim(line);
		if (*p == '\0' || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			if ((close = strchr(p, ']')) == NULL ||
			    *trim(close + 1) != '\0') {
				conf_report(errors, path, lineno,
				    "malformed section header");
				rc = -1;
				continue;
			}
			*close = '\0';
			snprintf(section, sizeof(section), "%s", trim(p + 1));
			if (!conf_section_known(section)) {
				conf_report(errors, path, lineno,
				    "unknown section [%s]", section);
				rc = -1;
			}
			continue;
		}
		if ((eq = strchr(p, '=')) == NULL) {
			conf_report(errors, path, lineno,
			    "expected key = value");
			rc = -1;
			continue;
		}
		*eq = '\0';
		key = trim(p);
		value = trim(eq + 1);
		if (section[0] == '\0') {
			conf_report(errors, path, lineno,
			    "key '%s' outside of any section", key);
			rc = -1;
			continue;
		}
		if ((k = conf_find(section, key)) == NULL) {
			if (conf_section_known(section))
				conf_report(errors, path, lineno,
				    "unknown key '%s' in [%s]", key, section);
			rc = -1;
			continue;
		}
		if ((why = conf_set(c, k, value)) != NULL) {
			conf_report(errors, path, lineno,
			    "bad value for %s in [%s]: %s", key, section, why);
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}

static int
conf_load_env(struct conf *c, struct buf *errors)
{
	char		 name[128];
	const char	*value, *why;
	int		 rc = 0;

	for (size_t i = 0; i < CONF_NKEYS; i++) {
		const struct conf_key	*k = &conf_keys[i];
		size_t			 j;

		snprintf(name, sizeof(name), "MENTORSHIP_%s_%s", k->section,
		    k->key);
		for (j = 0; name[j] != '\0'; j++)
			name[j] = (char)toupper((unsigned char)name[j]);
		if ((value = getenv(name)) == NULL)
			continue;
		if ((why = conf_set(c, k, value)) != NULL) {
			char	where[160];

			snprintf(where, sizeof(where), "env %s", name);
			conf_report(errors, where, 0, "bad value for %s in [%s]: %s",
			    k->key, k->section, why);
			rc = -1;
		}
	}
	return rc;
}

int
conf_load(struct conf *c, const char *path, struct buf *errors)
{
	int	rc = 0;

	conf_defaults(c);
	if (path != NULL && conf_load_file(c, path, errors) == -1)
		rc = -1;
	if (conf_load_env(c, errors) == -1)
		rc = -1;
	return rc;
}

void
conf_release(struct conf *c)
{
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (conf_keys[i].type == CONF_STR) {
			char	**p = (char **)((char *)c + conf_keys[i].off);

			if (*p != NULL && conf_keys[i].secret)
				explicit_bzero(*p, strlen(*p));
			free(*p);
			*p = NULL;
		}
}
