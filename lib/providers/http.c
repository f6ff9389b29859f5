/*
 * The providers' HTTP client: one reused CURL handle per provider and the
 * outbound rules of STYLE.md applied to every request.  See http.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "providers/http.h"

#define HTTP_HEADER_MAX	(16 * 1024)	/* one "Name: value" line */

/* Where the write callback puts the body, and whether it overflowed. */
struct http_sink {
	struct buf	*body;
	bool		 too_big;
};

int
http_client_init(struct http_client *h, unsigned connect_timeout_ms,
    unsigned timeout_ms, bool allow_http, char *why, size_t whysz)
{
	memset(h, 0, sizeof(*h));
	h->connect_timeout_ms = connect_timeout_ms;
	h->timeout_ms = timeout_ms;
	h->allow_http = allow_http;
	/* Reference-counted by libcurl; http_client_release() undoes it. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, whysz, "cannot initialise libcurl");
		return -1;
	}
	if ((h->curl = curl_easy_init()) == NULL) {
		curl_global_cleanup();
		snprintf(why, whysz, "cannot create a libcurl handle");
		return -1;
	}
	return 0;
}

void
http_client_release(struct http_client *h)
{
	if (h->curl != NULL) {
		curl_easy_cleanup(h->curl);
		curl_global_cleanup();
	}
	h->curl = NULL;
}

void
http_response_release(struct http_response *rs)
{
	buf_release(&rs->body);
	rs->status = 0;
}

bool
http_header_value_ok(const char *v)
{
	for (; *v != '\0'; v++)
		if (((unsigned char)*v < 0x20 && *v != '\t') || *v == 0x7f)
			return false;
	return true;
}

bool
http_header_name_ok(const char *n)
{
	if (*n == '\0')
		return false;
	for (; *n != '\0'; n++)
		if (!((*n >= 'a' && *n <= 'z') || (*n >= 'A' && *n <= 'Z') ||
		    (*n >= '0' && *n <= '9') ||
		    strchr("!#$%&'*+-.^_`|~", *n) != NULL))
			return false;
	return true;
}

int
http_url_check(const char *url, bool allow_http, char *why, size_t whysz)
{
	CURLU	*u = NULL;
	char	*scheme = NULL, *host = NULL, *user = NULL, *pass = NULL;
	int	 rc = -1;

	if (url == NULL || *url == '\0') {
		snprintf(why, whysz, "no URL is set");
		return -1;
	}
	if (!http_header_value_ok(url) || strchr(url, ' ') != NULL) {
		snprintf(why, whysz, "the URL holds a space or control byte");
		return -1;
	}
	if ((u = curl_url()) == NULL) {
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    *host == '\0') {
		snprintf(why, whysz, "not an absolute URL with a host");
		goto out;
	}
	if (strcmp(scheme, "https") != 0 &&
	    !(allow_http && strcmp(scheme, "http") == 0)) {
		snprintf(why, whysz, allow_http ?
		    "the URL must start with https:// or http://" :
		    "the URL must start with https:// (http:// only with "
		    "allow_insecure_http = 1)");
		goto out;
	}
	/* Credentials belong in their own keys, never in a URL that may end
	 * up in an error message. */
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK) {
		snprintf(why, whysz, "the URL must not hold a user name or "
		    "password");
		goto out;
	}
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(pass);
	curl_url_cleanup(u);
	return rc;
}

static size_t
http_write(char *p, size_t size, size_t n, void *arg)
{
	struct http_sink	*s = arg;

	if (buf_append(s->body, p, size * n) == -1) {
		s->too_big = true;
		return 0;	/* libcurl stops with CURLE_WRITE_ERROR */
	}
	return size * n;
}

/* Frees a header list, wiping it first: it may hold a credential. */
static void
http_headers_free(struct curl_slist *l)
{
	for (struct curl_slist *i = l; i != NULL; i = i->next)
		explicit_bzero(i->data, strlen(i->data));
	curl_slist_free_all(l);
}

/* Appends "name: value" to *l.  0, or -1 with err set. */
static int
http_headers_add(struct curl_slist **l, const char *name, const char *value,
    char *err, size_t errsz)
{
	struct curl_slist	*n;
	struct buf		 line;
	int			 rc = -1;

	if (!http_header_name_ok(name)) {
		snprintf(err, errsz, "bad header name");
		return -1;
	}
	if (value == NULL || !http_header_value_ok(value)) {
		/* The value may be secret: name the header only. */
		snprintf(err, errsz, "refused a CR, LF or control byte in the "
		    "%s header", name);
		return -1;
	}
	buf_init(&line, HTTP_HEADER_MAX);
	if (buf_printf(&line, "%s: %s", name, value) == -1) {
		snprintf(err, errsz, "the %s header is too long", name);
		goto out;
	}
	if ((n = curl_slist_append(*l, line.data)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	*l = n;
	rc = 0;
out:
	if (line.data != NULL)
		explicit_bzero(line.data, line.len);
	buf_release(&line);
	return rc;
}

/* Sets every option of one request on a freshly reset handle. */
static int
http_setopts(struct http_client *h, const struct http_request *rq,
    struct curl_slist *hdrs, struct http_sink *sink, char *cerr)
{
	CURL		*c = h->curl;
	unsigned	 timeout;
	CURLcode	 cc = CURLE_OK;

	timeout = rq->timeout_ms != 0 ? rq->timeout_ms : h->timeout_ms;

#define SET(opt, val) do {						\
	if (cc == CURLE_OK)						\
		cc = curl_easy_setopt(c, opt, val);			\
} while (0)
	SET(CURLOPT_URL, rq->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, h->allow_http ? "http,https" : "https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	SET(CURLOPT_PROTOCOLS, h->allow_http ?
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS) : (long)CURLPROTO_HTTPS);
	SET(CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	SET(CURLOPT_CONNECTTIMEOUT_MS, (long)h->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, (long)timeout);
	SET(CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	SET(CURLOPT_ERRORBUFFER, cerr);
	SET(CURLOPT_POST, 1L);
	SET(CURLOPT_POSTFIELDS, rq->body);
	SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
	SET(CURLOPT_HTTPHEADER, hdrs);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)HTTP_RESPONSE_MAX);
	SET(CURLOPT_WRITEFUNCTION, http_write);
	SET(CURLOPT_WRITEDATA, sink);
	if (rq->username != NULL) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		SET(CURLOPT_USERNAME, rq->username);
		SET(CURLOPT_PASSWORD, rq->password != NULL ? rq->password : "");
	}
#undef SET
	return cc == CURLE_OK ? 0 : -1;
}

int
http_post(struct http_client *h, const struct http_request *rq,
    struct http_response *rs, char *err, size_t errsz)
{
	struct curl_slist	*hdrs = NULL;
	struct http_sink	 sink;
	char			 cerr[CURL_ERROR_SIZE], why[HTTP_ERROR_MAX];
	CURLcode		 cc;
	int			 rc = -1;

	memset(rs, 0, sizeof(*rs));
	buf_init(&rs->body, HTTP_RESPONSE_MAX);
	err[0] = cerr[0] = '\0';
	if (h->curl == NULL) {
		snprintf(err, errsz, "the HTTP client is not set up");
		goto out;
	}
	if (http_url_check(rq->url, h->allow_http, why, sizeof(why)) == -1) {
		snprintf(err, errsz, "bad URL: %s", why);
		goto out;
	}
	if (rq->username != NULL && (strchr(rq->username, ':') != NULL ||
	    !http_header_value_ok(rq->username) || (rq->password != NULL &&
	    !http_header_value_ok(rq->password)))) {
		snprintf(err, errsz, "refused a colon, CR, LF or control byte "
		    "in the Basic credentials");
		goto out;
	}
	/* "Expect:" turns off 100-continue, a round trip we never need. */
	if (http_headers_add(&hdrs, "Content-Type", rq->content_type, err,
	    errsz) == -1 ||
	    (hdrs = curl_slist_append(hdrs, "Expect:")) == NULL) {
		if (err[0] == '\0')
			snprintf(err, errsz, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < rq->nheaders; i++)
		if (http_headers_add(&hdrs, rq->headers[i].name,
		    rq->headers[i].value, err, errsz) == -1)
			goto out;

	/* Reset keeps the connection, DNS and TLS session caches. */
	curl_easy_reset(h->curl);
	sink.body = &rs->body;
	sink.too_big = false;
	if (http_setopts(h, rq, hdrs, &sink, cerr) == -1) {
		snprintf(err, errsz, "libcurl refused an option");
		goto out;
	}
	cc = curl_easy_perform(h->curl);
	if (cc == CURLE_FILESIZE_EXCEEDED ||
	    (cc == CURLE_WRITE_ERROR && sink.too_big)) {
		snprintf(err, errsz, "the response is larger than %d bytes",
		    HTTP_RESPONSE_MAX);
		goto out;
	}
	if (cc == CURLE_OPERATION_TIMEDOUT) {
		snprintf(err, errsz, "timed out: %s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(cc));
		goto out;
	}
	if (cc != CURLE_OK) {
		snprintf(err, errsz, "%s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(cc));
		goto out;
	}
	if (curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
	    &rs->status) != CURLE_OK || rs->status == 0) {
		snprintf(err, errsz, "no HTTP status in the response");
		goto out;
	}
	if (rs->body.data == NULL && buf_append(&rs->body, "", 0) == -1) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	rc = 0;
out:
	/* Drop our copies of the credentials from the handle at once. */
	if (h->curl != NULL)
		curl_easy_reset(h->curl);
	http_headers_free(hdrs);
	return rc;
}
