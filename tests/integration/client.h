/*
 * A small HTTPS client over libcurl for the integration tests: they talk
 * to the real stack through nginx, verifying its certificate.
 *
 * The stack is described by the environment that ./dev.sh test exports:
 * MT_BASE_URL, MT_HTTP_URL, MT_ADMIN_USER, MT_ADMIN_PASS, MT_VAR (for the
 * certificate), MT_FCGI_PID, MT_FCGI_LOG, MT_CTL, MT_CONF, MT_STACK.
 */
#ifndef MT_TEST_CLIENT_H
#define MT_TEST_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

struct resp {
	long	 status;
	char	*body;		/* NUL-terminated */
	size_t	 len;
	char	*headers;	/* raw header block */
	cJSON	*json;		/* parsed body, or NULL */
};

#define REQ_MAX_HEADERS	4

struct req {
	const char	*method;	/* default GET */
	const char	*url;		/* absolute, or a path on MT_BASE_URL */
	const char	*user;		/* Basic Auth, with pass */
	const char	*pass;
	const char	*authorization;	/* a raw Authorization header */
	const char	*content_type;
	const char	*body;
	size_t		 body_len;	/* 0: strlen(body) */
	int		 streamed;	/* body without a Content-Length, as
					 * React Native streams file parts */
	int		 http1;		/* HTTP/1.1, not HTTP/2 */
	/* More header lines ("Name: value"), up to the first NULL. */
	const char	*headers[REQ_MAX_HEADERS];
};

/* The value of a required environment variable (fails the test). */
const char	*env(const char *name);
/* Performs r; the test fails if the transfer itself fails. */
void		 http(const struct req *r, struct resp *out);
/* Like http() but returns curl's result code instead of failing. */
int		 http_try(const struct req *r, struct resp *out, long sslversion);
/* GET path with Basic Auth user/pass (NULL: none). */
void		 http_get(const char *path, const char *user, const char *pass,
		    struct resp *out);
/* A response header's value (case-insensitive name), malloc'd, or NULL. */
char		*resp_header(const struct resp *r, const char *name);
void		 resp_free(struct resp *r);

/* The answer's Content-Type is type (the test fails otherwise). */
void		 assert_content_type(const struct resp *r, const char *type);
/* How many pictures of kind ("profile", ...) the stack has stored. */
int		 pictures_stored(const char *kind);

/* Runs a shell command; returns its exit status. */
int		 run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Runs one pass of a worker of the stack (mentorship-worker --once) with
 * extra MENTORSHIP_* settings (NULL-ended, or NULL); its log goes to
 * MT_VAR/log/worker-test.log.  The test fails unless it exits 0.
 */
void		 worker_once(const char *const *extra);
/* Creates a superuser with the given password through mentorshipctl. */
void		 make_user(const char *username, const char *password);
/* Worker pids (children of the master in MT_FCGI_PID); count returned. */
int		 worker_pids(pid_t *out, int max);
pid_t		 master_pid(void);
/* Counts access-log lines of request id rid with "auth=<how>". */
int		 log_auth_of(const char *rid, char *how, size_t howsz);
void		 msleep(int ms);

#endif
