#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fcgi/http.h"

const char *const http_method_names[HTTP_METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"
};

#define BASIC_MAX_LEN	4096

static const char *
param(char **params, const char *name)
{
	size_t	n = strlen(name);

	for (char **p = params; p != NULL && *p != NULL; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

/*
 * The value of cookie name in a Cookie header ("a=1; b=2"), in a, or
 * NULL.  The first one wins, as in browsers' own order of precedence.
 */
static const char *
cookie_value(struct arena *a, const char *header, const char *name)
{
	size_t	n = strlen(name);

	for (const char *p = header; p != NULL && *p != '\0'; ) {
		p += strspn(p, " \t");
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(a, p + n + 1, strcspn(p + n + 1,
			    "; \t"));
		if ((p = strchr(p, ';')) != NULL)
			p++;
	}
	return NULL;
}

int
request_from_params(struct request *r, struct arena *a, char **params)
{
	const char	*uri, *q, *v;
	char		*end;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->status = 200;
	r->auth_via = "-";
	r->method_name = (v = param(params, "REQUEST_METHOD")) ? v : "";
	r->method = HTTP_METHOD__MAX;
	for (int i = 0; i < HTTP_METHOD__MAX; i++)
		if (strcmp(r->method_name, http_method_names[i]) == 0)
			r->method = (enum http_method)i;
	if ((uri = param(params, "REQUEST_URI")) == NULL || *uri != '/')
		uri = (v = param(params, "DOCUMENT_URI")) ? v : "/";
	if ((q = strchr(uri, '?')) != NULL) {
		r->path = arena_strndup(a, uri, (size_t)(q - uri));
		r->query = q + 1;
	} else {
		r->path = uri;
		r->query = "";
	}
	r->content_type = param(params, "CONTENT_TYPE");
	if (r->content_type != NULL && *r->content_type == '\0')
		r->content_type = NULL;
	if ((v = param(params, "CONTENT_LENGTH")) != NULL && *v != '\0') {
		unsigned long long	n = strtoull(v, &end, 10);

		if (!isdigit((unsigned char)*v) || *end != '\0' ||
		    n > SIZE_MAX / 2) {
			r->status = 400;
			return -1;
		}
		r->content_length = (size_t)n;
	}
	r->authorization = param(params, "HTTP_AUTHORIZATION");
	r->session_token = cookie_value(a, param(params, "HTTP_COOKIE"),
	    SESSION_COOKIE);
	r->csrf_token = param(params, "HTTP_X_CSRF_TOKEN");
	r->signature_timestamp = param(params, "HTTP_X_MENTORSHIP_TIMESTAMP");
	r->signature = param(params, "HTTP_X_MENTORSHIP_SIGNATURE");
	r->xhr = (v = param(params, "HTTP_X_REQUESTED_WITH")) != NULL &&
	    strcasecmp(v, "XMLHttpRequest") == 0;
	r->request_id = param(params, "REQUEST_ID");
	r->remote_addr = (v = param(params, "REMOTE_ADDR")) ? v : "-";
	v = param(params, "HTTPS");
	r->scheme = v != NULL && strcasecmp(v, "on") == 0 ? "https" : "http";
	r->host = param(params, "HTTP_HOST");
	if (r->path == NULL) {
		/* The arena is full: not the client's fault. */
		r->status = 500;
		return -1;
	}
	if (r->method == HTTP_METHOD__MAX) {
		r->status = 405;
		return -1;
	}
	return 0;
}

/* Strict base64 (RFC 4648, padding required).  Length or -1. */
static long
base64_decode(const char *in, size_t len, unsigned char *out)
{
	static const char	alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned		v[4];
	size_t			o = 0;

	if (len == 0 || len % 4 != 0)
		return -1;
	for (size_t i = 0; i < len; i += 4) {
		int	pad = 0;

		for (int j = 0; j < 4; j++) {
			const char	*p;
			char		 c = in[i + j];

			if (c == '=' && i + 4 == len && j >= 2) {
				v[j] = 0;
				pad++;
				continue;
			}
			if (pad > 0 || c == '\0' ||
			    (p = strchr(alphabet, c)) == NULL)
				return -1;
			v[j] = (unsigned)(p - alphabet);
		}
		out[o++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		if (pad < 2)
			out[o++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		if (pad < 1)
			out[o++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	return (long)o;
}

int
request_parse_basic(struct arena *a, const char *header, const char **user,
    const char **pass, const char **why)
{
	const char	*p = header, *cred;
	unsigned char	*dec;
	char		*colon;
	size_t		 len;
	long		 n;

	*why = NULL;
	if (strncasecmp(p, "Basic", 5) != 0 || (p[5] != ' ' && p[5] != '\0'))
		return 0;
	p += 5;
	while (*p == ' ')
		p++;
	cred = p;
	len = strlen(cred);
	while (len > 0 && cred[len - 1] == ' ')
		len--;
	if (len == 0) {
		*why = "Invalid basic header. No credentials provided.";
		return -1;
	}
	if (memchr(cred, ' ', len) != NULL) {
		*why = "Invalid basic header. Credentials string should not "
		    "contain spaces.";
		return -1;
	}
	if (len > BASIC_MAX_LEN || (dec = arena_alloc(a, len + 1)) == NULL ||
	    (n = base64_decode(cred, len, dec)) < 0 ||
	    memchr(dec, '\0', (size_t)n) != NULL ||
	    (dec[n] = '\0', colon = strchr((char *)dec, ':')) == NULL) {
		*why = "Invalid basic header. Credentials not correctly base64 "
		    "encoded.";
		return -1;
	}
	*colon = '\0';
	*user = (const char *)dec;
	*pass = colon + 1;
	return 1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decodes s[0..n) ('+' is a space) into the arena, or NULL. */
static char *
url_decode(struct arena *a, const char *s, size_t n)
{
	char	*out, *o;

	if ((out = o = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			int	v = hexval((unsigned char)s[i + 1]) * 16 +
				    hexval((unsigned char)s[i + 2]);

			if (v == 0)
				return NULL;
			*o++ = (char)v;
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

const char *
request_query(struct request *r, const char *name)
{
	size_t		 nlen = strlen(name);
	const char	*p = r->query;

	while (p != NULL && *p != '\0') {
		const char	*amp = strchr(p, '&');
		size_t		 len = amp ? (size_t)(amp - p) : strlen(p);
		const char	*eq = memchr(p, '=', len);
		size_t		 klen = eq ? (size_t)(eq - p) : len;

		if (klen == nlen && memcmp(p, name, nlen) == 0)
			return eq ? url_decode(r->arena, eq + 1,
			    len - klen - 1) : "";
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}
