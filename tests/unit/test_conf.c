/*
 * Configuration: defaults, the INI file, environment overrides, and one
 * "path:line: ..." report per problem so a typo never falls back to a
 * default silently.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/conf.h"

extern char **environ;

static char	conf_path[64];

/* The tests must not see MENTORSHIP_* of whoever runs them. */
static void
clean_env(void)
{
	char	name[256];

	for (;;) {
		char	**e;

		for (e = environ; *e != NULL; e++)
			if (strncmp(*e, "MENTORSHIP_", 11) == 0)
				break;
		if (*e == NULL)
			break;
		snprintf(name, sizeof(name), "%.*s",
		    (int)strcspn(*e, "="), *e);
		unsetenv(name);
	}
}

static void
setup(void)
{
	clean_env();
	conf_path[0] = '\0';
}

static void
teardown(void)
{
	if (conf_path[0] != '\0')
		unlink(conf_path);
}

TestSuite(conf, .init = setup, .fini = teardown);

/* Writes text to a fresh temporary file and returns its path. */
static const char *
write_conf(const char *text)
{
	FILE	*f;
	int	 fd;

	snprintf(conf_path, sizeof(conf_path), "/tmp/test_conf.XXXXXX");
	cr_assert_neq(fd = mkstemp(conf_path), -1);
	cr_assert_not_null(f = fdopen(fd, "w"));
	cr_assert_eq(fputs(text, f) >= 0, 1);
	cr_assert_eq(fclose(f), 0);
	return conf_path;
}

/* Loads text; returns conf_load's result, errors in *errs. */
static int
load(struct conf *c, const char *text, struct buf *errs)
{
	buf_init(errs, 64 * 1024);
	return conf_load(c, text != NULL ? write_conf(text) : NULL, errs);
}

static const char *
errtext(const struct buf *errs)
{
	return errs->data != NULL ? errs->data : "";
}

Test(conf, defaults_without_a_file)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, NULL, &errs), 0);
	cr_assert_eq(errs.len, 0);
	cr_assert_str_eq(c.db_host, "localhost");
	cr_assert_eq(c.db_port, 3306);
	cr_assert_str_eq(c.db_password, "");
	cr_assert_eq(c.fcgi_socket_mode, 0660);
	cr_assert_eq(c.fcgi_workers, 4);
	cr_assert_eq(c.auth_argon2_memory_kib, 19456);
	cr_assert_eq(c.auth_cache_ttl_seconds, 300);
	cr_assert_eq(c.log_level, LOG_LEVEL_INFO);
	cr_assert_str_eq(c.auth_realm, "Mentoring Tool");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, file_values_with_comments_and_spacing)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c,
	    "# a comment\n"
	    "; another comment\n"
	    "\n"
	    "[database]\n"
	    "host = db.example.org\n"
	    "  port=3307  \n"
	    "password = s3cr#t;=x \n"
	    "\t[ fcgi ]\n"
	    "workers = 16\n"
	    "socket_mode = 0600\n"
	    "[log]\n"
	    "level = debug\n"
	    "[auth]\n"
	    "realm = Mentors Only\n"
	    "cache_ttl_seconds = 0\n", &errs), 0, "%s", errtext(&errs));
	cr_assert_eq(errs.len, 0);
	cr_assert_str_eq(c.db_host, "db.example.org");
	cr_assert_eq(c.db_port, 3307);
	cr_assert_str_eq(c.db_password, "s3cr#t;=x");
	cr_assert_eq(c.fcgi_workers, 16);
	cr_assert_eq(c.fcgi_socket_mode, 0600);
	cr_assert_eq(c.log_level, LOG_LEVEL_DEBUG);
	cr_assert_str_eq(c.auth_realm, "Mentors Only");
	cr_assert_eq(c.auth_cache_ttl_seconds, 0);
	/* Untouched keys keep their defaults. */
	cr_assert_str_eq(c.db_user, "mentorship");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, crlf_line_endings)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, "[database]\r\nname = mt\r\nport = 1\r\n",
	    &errs), 0, "%s", errtext(&errs));
	cr_assert_str_eq(c.db_name, "mt");
	cr_assert_eq(c.db_port, 1);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, last_line_without_newline)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, "[fcgi]\nworkers = 7", &errs), 0);
	cr_assert_eq(c.fcgi_workers, 7);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, socket_mode_is_octal)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, "[fcgi]\nsocket_mode = 640\n", &errs), 0);
	cr_assert_eq(c.fcgi_socket_mode, 0640);
	conf_release(&c);
	buf_release(&errs);
	teardown();

	cr_assert_eq(load(&c, "[fcgi]\nsocket_mode = 0777\n", &errs), 0);
	cr_assert_eq(c.fcgi_socket_mode, 0777);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, bad_octal_mode_is_reported)
{
	struct conf	c;
	struct buf	errs;
	char		want[256];

	cr_assert_eq(load(&c, "[fcgi]\nsocket_mode = 0680\n"
	    "socket_mode = 01777\n", &errs), -1);
	snprintf(want, sizeof(want),
	    "%s:2: bad value for socket_mode in [fcgi]: not an octal mode\n"
	    "%s:3: bad value for socket_mode in [fcgi]: out of range\n",
	    conf_path, conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	cr_assert_eq(c.fcgi_socket_mode, 0660);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, unknown_key_is_reported_with_its_line)
{
	struct conf	c;
	struct buf	errs;
	char		want[256];

	cr_assert_eq(load(&c, "[fcgi]\nworkers = 2\nwokers = 3\n", &errs), -1);
	snprintf(want, sizeof(want), "%s:3: unknown key 'wokers' in [fcgi]\n",
	    conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	cr_assert_eq(c.fcgi_workers, 2);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, key_of_another_section_is_unknown)
{
	struct conf	c;
	struct buf	errs;
	char		want[256];

	cr_assert_eq(load(&c, "[database]\nworkers = 3\n", &errs), -1);
	snprintf(want, sizeof(want),
	    "%s:2: unknown key 'workers' in [database]\n", conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, unknown_section_is_reported_once)
{
	struct conf	c;
	struct buf	errs;
	char		want[256];

	cr_assert_eq(load(&c, "[databse]\nhost = x\nport = 1\n", &errs), -1);
	snprintf(want, sizeof(want), "%s:1: unknown section [databse]\n",
	    conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	cr_assert_str_eq(c.db_host, "localhost");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, bad_values_are_reported)
{
	struct conf	c;
	struct buf	errs;
	char		want[1024];

	cr_assert_eq(load(&c,
	    "[database]\n"
	    "port = 70000\n"
	    "port = -1\n"
	    "port = 12abc\n"
	    "port =\n"
	    "connect_timeout = 0\n"
	    "port = 99999999999999999999999\n"
	    "[log]\n"
	    "level = verbose\n", &errs), -1);
#define NOT_UINT	"bad value for port in [database]: " \
			    "not a non-negative integer\n"
	snprintf(want, sizeof(want),
	    "%1$s:2: bad value for port in [database]: out of range\n"
	    "%1$s:3: " NOT_UINT
	    "%1$s:4: " NOT_UINT
	    "%1$s:5: " NOT_UINT
	    "%1$s:6: bad value for connect_timeout in [database]: "
	    "out of range\n"
	    "%1$s:7: " NOT_UINT
	    "%1$s:9: bad value for level in [log]: "
	    "not one of debug, info, warn, error\n",
	    conf_path);
#undef NOT_UINT
	cr_assert_str_eq(errtext(&errs), want);
	cr_assert_eq(c.db_port, 3306, "a bad value replaced the default");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, malformed_lines_are_reported)
{
	struct conf	c;
	struct buf	errs;
	char		want[1024];

	cr_assert_eq(load(&c,
	    "host = early\n"
	    "[database\n"
	    "[fcgi] junk\n"
	    "[fcgi]\n"
	    "just some words\n", &errs), -1);
	snprintf(want, sizeof(want),
	    "%1$s:1: key 'host' outside of any section\n"
	    "%1$s:2: malformed section header\n"
	    "%1$s:3: malformed section header\n"
	    "%1$s:5: expected key = value\n", conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, overlong_line_is_reported)
{
	struct conf	 c;
	struct buf	 errs;
	char		*text, want[256];
	size_t		 n = 6000;

	cr_assert_not_null(text = malloc(n + 32));
	memcpy(text, "[app]\npublic_base_url = ", 24);
	memset(text + 24, 'x', n);
	memcpy(text + 24 + n, "\n", 2);
	cr_assert_eq(load(&c, text, &errs), -1);
	snprintf(want, sizeof(want), "%s:2: line too long\n", conf_path);
	cr_assert_str_eq(errtext(&errs), want);
	free(text);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, missing_file_is_reported)
{
	struct conf	c;
	struct buf	errs;

	buf_init(&errs, 4096);
	cr_assert_eq(conf_load(&c, "/nonexistent/mentorship.conf", &errs), -1);
	cr_assert_str_eq(errtext(&errs),
	    "/nonexistent/mentorship.conf: cannot open: "
	    "No such file or directory\n");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, environment_overrides_the_file)
{
	struct conf	c;
	struct buf	errs;

	setenv("MENTORSHIP_FCGI_WORKERS", "9", 1);
	setenv("MENTORSHIP_DATABASE_PASSWORD", "from env", 1);
	setenv("MENTORSHIP_FCGI_SOCKET_MODE", "0640", 1);
	setenv("MENTORSHIP_LOG_LEVEL", "error", 1);
	cr_assert_eq(load(&c, "[fcgi]\nworkers = 2\nbacklog = 5\n"
	    "[database]\npassword = from file\n", &errs), 0,
	    "%s", errtext(&errs));
	cr_assert_eq(c.fcgi_workers, 9);
	cr_assert_eq(c.fcgi_backlog, 5);
	cr_assert_str_eq(c.db_password, "from env");
	cr_assert_eq(c.fcgi_socket_mode, 0640);
	cr_assert_eq(c.log_level, LOG_LEVEL_ERROR);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, environment_alone)
{
	struct conf	c;
	struct buf	errs;

	setenv("MENTORSHIP_AUTH_CACHE_TTL_SECONDS", "0", 1);
	setenv("MENTORSHIP_APP_PUBLIC_BASE_URL", "https://mt.example", 1);
	cr_assert_eq(load(&c, NULL, &errs), 0);
	cr_assert_eq(c.auth_cache_ttl_seconds, 0);
	cr_assert_str_eq(c.app_public_base_url, "https://mt.example");
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, bad_environment_value_is_reported)
{
	struct conf	c;
	struct buf	errs;

	setenv("MENTORSHIP_FCGI_MAX_BODY_BYTES", "lots", 1);
	setenv("MENTORSHIP_FCGI_WORKERS", "0", 1);
	cr_assert_eq(load(&c, "[fcgi]\nworkers = 2\n", &errs), -1);
	cr_assert_str_eq(errtext(&errs),
	    "env MENTORSHIP_FCGI_WORKERS: bad value for workers in [fcgi]: "
	    "out of range\n"
	    "env MENTORSHIP_FCGI_MAX_BODY_BYTES: bad value for max_body_bytes "
	    "in [fcgi]: not a non-negative integer\n");
	cr_assert_eq(c.fcgi_workers, 2);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, every_problem_is_reported_at_once)
{
	struct conf	c;
	struct buf	errs;
	size_t		lines = 0;

	setenv("MENTORSHIP_DATABASE_PORT", "x", 1);
	cr_assert_eq(load(&c, "[fcgi]\nwokers = 1\n[nope]\n[auth]\n"
	    "cache_entries = 0\n", &errs), -1);
	for (const char *p = errtext(&errs); *p != '\0'; p++)
		lines += *p == '\n';
	cr_assert_eq(lines, 4, "%s", errtext(&errs));
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, errors_buffer_may_be_null)
{
	struct conf	c;

	cr_assert_eq(conf_load(&c, "/nonexistent/x.conf", NULL), -1);
	conf_release(&c);
}

Test(conf, release_clears_strings)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, NULL, &errs), 0);
	conf_release(&c);
	cr_assert_null(c.db_password);
	cr_assert_null(c.db_host);
	conf_release(&c);
	buf_release(&errs);
}

Test(conf, default_path_honours_mentorship_config)
{
	cr_assert_str_eq(conf_default_path(), CONF_DEFAULT_PATH);
	setenv("MENTORSHIP_CONFIG", "/srv/mt.conf", 1);
	cr_assert_str_eq(conf_default_path(), "/srv/mt.conf");
	setenv("MENTORSHIP_CONFIG", "", 1);
	cr_assert_str_eq(conf_default_path(), CONF_DEFAULT_PATH);
}

Test(conf, smtp_security_is_one_of_three)
{
	struct conf	c;
	struct buf	errs;

	cr_assert_eq(load(&c, "[smtp]\nsecurity = tls\nport = 465\n"
	    "[media]\nroot = /srv/pictures\n", &errs), 0, "%s",
	    errtext(&errs));
	cr_assert_eq(c.smtp_security, SMTP_TLS);
	cr_assert_eq(c.smtp_port, 465);
	cr_assert_str_eq(c.media_root, "/srv/pictures");
	cr_assert_eq(c.media_max_upload_bytes, 10485760);
	conf_release(&c);
	buf_release(&errs);
	cr_assert_eq(load(&c, "[smtp]\nsecurity = ssl\n", &errs), -1);
	cr_assert_not_null(strstr(errtext(&errs), "not one of starttls, tls, "
	    "none"), "%s", errtext(&errs));
	conf_release(&c);
	buf_release(&errs);
}
