/*
 * A small HTTP client over libcurl for the providers: POST a body, get the
 * status and a bounded response body back.
 *
 * Each provider keeps one struct http_client per process: one CURL handle,
 * reused so that connections and TLS sessions stay alive between requests.
 * Every request follows the house rules for outbound HTTP: HTTPS only
 * (plain http:// only when the client was set up with allow_http, which
 * the tests use for fake servers on 127.0.0.1), no redirects, a connect
 * and a total time-out, at most HTTP_RESPONSE_MAX bytes of response, no CR
 * or LF in any header, and error text that never holds a credential.
 */
#ifndef MT_HTTP_H
#define MT_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define HTTP_RESPONSE_MAX	(256 * 1024)	/* bytes of response body */
#define HTTP_ERROR_MAX		256

struct http_client {
	void		*curl;		/* CURL *, private to http.c */
	unsigned	 connect_timeout_ms;
	unsigned	 timeout_ms;
	bool		 allow_http;
};

struct http_header {
	const char	*name;		/* a token: letters, digits, "-" ... */
	const char	*value;		/* no CR, LF or NUL */
};

struct http_request {
	const char			*url;
	const char			*content_type;
	const char			*body;
	size_t				 body_len;
	const struct http_header	*headers;	/* nheaders of them */
	size_t				 nheaders;
	const char			*username;	/* Basic auth if set */
	const char			*password;
	unsigned			 timeout_ms;	/* 0: the client's */
};

struct http_response {
	long		status;		/* 0 until a response arrived */
	struct buf	body;		/* NUL-terminated, release it */
};

/*
 * Sets up h with its own CURL handle.  0, or -1 with the reason in why.
 * Release it with http_client_release() either way.
 */
int	http_client_init(struct http_client *h, unsigned connect_timeout_ms,
	    unsigned timeout_ms, bool allow_http, char *why, size_t whysz);
void	http_client_release(struct http_client *h);

/*
 * Checks that url is an absolute https:// URL (or http:// when
 * allow_http) with a host and without user name or password in it.
 * 0, or -1 with the reason in why.
 */
int	http_url_check(const char *url, bool allow_http, char *why,
	    size_t whysz);
/* Whether v may go into a header: no CR, LF or other control byte. */
bool	http_header_value_ok(const char *v);
/* Whether n is a header name (an RFC 9110 token). */
bool	http_header_name_ok(const char *n);

/*
 * POSTs rq and fills rs (initialised here; release it with
 * http_response_release() either way).  Returns 0 when a response
 * arrived, whatever its status, or -1 with the reason in err: a bad URL
 * or header, a time-out, a refused connection, a response over
 * HTTP_RESPONSE_MAX.  err never holds a header value or a password.
 */
int	http_post(struct http_client *h, const struct http_request *rq,
	    struct http_response *rs, char *err, size_t errsz);
void	http_response_release(struct http_response *rs);

#endif
