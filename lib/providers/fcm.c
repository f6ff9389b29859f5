/*
 * The "fcm" provider: push notifications to the mentor's Android device
 * through the Firebase Cloud Messaging HTTP v1 API.
 *
 * FCM wants an OAuth2 access token.  We get one the way Google's
 * libraries do for a service account: a JWT (RS256, signed with the
 * account's private key through libcrypto) is exchanged at the token URL
 * for a token that is valid for about an hour.  The token is cached in
 * the provider's state until 60 s before it expires, and dropped at once
 * when FCM answers 401, so the next push fetches a new one.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "providers/fcm.h"
#include "providers/http.h"
#include "providers/provider.h"

#define FCM_SCOPE	"https://www.googleapis.com/auth/firebase.messaging"
#define FCM_GRANT_TYPE	"urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
#define FCM_JWT_LIFETIME	3600	/* seconds, Google's maximum */
#define FCM_TOKEN_MARGIN	60	/* s before expiry: stop using it */
#define FCM_TOKEN_MAX		4096	/* bytes of access token */
#define FCM_DEVICE_TOKEN_MAX	4096	/* bytes of registration token */
#define FCM_ACCOUNT_FILE_MAX	(64 * 1024)

struct fcm {
	struct http_client	 http;
	EVP_PKEY		*key;		/* the service account's */
	char			*client_email;
	char			*send_url;
	char			*token_url;
	char			*token;		/* cached, or NULL */
	int64_t			 token_until;	/* monotonic us */
	unsigned		 timeout_ms;
};

/* ---- helpers ---- */

static void
fcm_free_secret(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

static void
fcm_buf_wipe(struct buf *b)
{
	if (b->data != NULL)
		explicit_bzero(b->data, b->len);
	buf_release(b);
}

/* Appends the base64url form (no padding) of in to out.  0 or -1. */
static int
fcm_b64url(const unsigned char *in, size_t len, struct buf *out)
{
	static const char	 a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t			 i;

	for (i = 0; i + 2 < len; i += 3) {
		uint32_t	v = (uint32_t)in[i] << 16 |
		    (uint32_t)in[i + 1] << 8 | in[i + 2];

		if (buf_putc(out, a[v >> 18 & 63]) == -1 ||
		    buf_putc(out, a[v >> 12 & 63]) == -1 ||
		    buf_putc(out, a[v >> 6 & 63]) == -1 ||
		    buf_putc(out, a[v & 63]) == -1)
			return -1;
	}
	if (len - i == 1) {
		uint32_t	v = (uint32_t)in[i] << 16;

		if (buf_putc(out, a[v >> 18 & 63]) == -1 ||
		    buf_putc(out, a[v >> 12 & 63]) == -1)
			return -1;
	} else if (len - i == 2) {
		uint32_t	v = (uint32_t)in[i] << 16 |
		    (uint32_t)in[i + 1] << 8;

		if (buf_putc(out, a[v >> 18 & 63]) == -1 ||
		    buf_putc(out, a[v >> 12 & 63]) == -1 ||
		    buf_putc(out, a[v >> 6 & 63]) == -1)
			return -1;
	}
	return 0;
}

/*
 * Copies a short code from a provider's answer ("UNREGISTERED",
 * "invalid_grant") into out if it looks like one, so that an error text
 * never carries arbitrary bytes from the network.
 */
static void
fcm_code(const cJSON *s, char *out, size_t outsz)
{
	out[0] = '\0';
	if (!cJSON_IsString(s) || strlen(s->valuestring) >= outsz ||
	    strspn(s->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-") !=
	    strlen(s->valuestring))
		return;
	snprintf(out, outsz, "%s", s->valuestring);
}

/* Milliseconds left until deadline (monotonic us), at least 1; 0: none. */
static unsigned
fcm_left_ms(int64_t deadline)
{
	int64_t	left = (deadline - time_monotonic_us()) / 1000;

	return left <= 0 ? 0 : (unsigned)left;
}

/* ---- set-up ---- */

/* Never prompt for a passphrase: a service account key has none. */
static int
fcm_no_passphrase(char *buf, int size, int rwflag, void *u)
{
	return -1;
}

/* Reads the whole (small) file at path into b.  0, or -1 with why. */
static int
fcm_read_file(const char *path, struct buf *b, char *why, size_t whysz)
{
	FILE	*f;
	char	 chunk[4096];
	size_t	 n;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(why, whysz, "[fcm] service_account_file %s: cannot "
		    "open: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			snprintf(why, whysz, "[fcm] service_account_file %s: "
			    "larger than %d bytes", path, FCM_ACCOUNT_FILE_MAX);
			rc = -1;
			break;
		}
	if (rc == 0 && ferror(f)) {
		snprintf(why, whysz, "[fcm] service_account_file %s: cannot "
		    "read", path);
		rc = -1;
	}
	explicit_bzero(chunk, sizeof(chunk));
	fclose(f);
	return rc;
}

/* A string field of the service account, or NULL with why set. */
static const char *
fcm_account_field(const cJSON *o, const char *name, const char *path,
    char *why, size_t whysz)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsString(v) || *v->valuestring == '\0') {
		snprintf(why, whysz, "[fcm] service_account_file %s: no %s",
		    path, name);
		return NULL;
	}
	return v->valuestring;
}

/*
 * Loads the service account file: client_email, private_key (PEM) and
 * project_id.  The key is parsed at once and its text wiped.  Sets
 * f->key and f->client_email, and *project (caller frees) unless the
 * configuration names one.  0, or -1 with why.
 */
static int
fcm_load_account(struct fcm *f, const struct conf *c, char **project,
    char *why, size_t whysz)
{
	const char	*path = c->fcm_service_account_file;
	const char	*email, *pem, *proj;
	struct buf	 text;
	cJSON		*o = NULL, *pk;
	BIO		*bio = NULL;
	int		 rc = -1;

	buf_init(&text, FCM_ACCOUNT_FILE_MAX);
	if (*path == '\0') {
		snprintf(why, whysz, "[fcm] service_account_file is not set");
		goto out;
	}
	if (fcm_read_file(path, &text, why, whysz) == -1)
		goto out;
	if (text.data == NULL ||
	    (o = cJSON_ParseWithLength(text.data, text.len)) == NULL ||
	    !cJSON_IsObject(o)) {
		snprintf(why, whysz, "[fcm] service_account_file %s: not a "
		    "JSON object", path);
		goto out;
	}
	if ((email = fcm_account_field(o, "client_email", path, why,
	    whysz)) == NULL ||
	    (pem = fcm_account_field(o, "private_key", path, why,
	    whysz)) == NULL)
		goto out;
	if (!http_header_value_ok(email)) {
		snprintf(why, whysz, "[fcm] service_account_file %s: bad "
		    "client_email", path);
		goto out;
	}
	if ((bio = BIO_new_mem_buf(pem, -1)) == NULL ||
	    (f->key = PEM_read_bio_PrivateKey(bio, NULL, fcm_no_passphrase,
	    NULL)) == NULL || EVP_PKEY_base_id(f->key) != EVP_PKEY_RSA) {
		snprintf(why, whysz, "[fcm] service_account_file %s: "
		    "private_key is not an RSA private key in PEM", path);
		goto out;
	}
	if ((f->client_email = strdup(email)) == NULL) {
		snprintf(why, whysz, "out of memory");
		goto out;
	}
	if (*c->fcm_project_id == '\0' && *c->fcm_send_url == '\0') {
		if ((proj = fcm_account_field(o, "project_id", path, why,
		    whysz)) == NULL)
			goto out;
		if ((*project = strdup(proj)) == NULL) {
			snprintf(why, whysz, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	BIO_free(bio);
	if (o != NULL && (pk = cJSON_GetObjectItemCaseSensitive(o,
	    "private_key")) != NULL && cJSON_IsString(pk))
		explicit_bzero(pk->valuestring, strlen(pk->valuestring));
	cJSON_Delete(o);
	fcm_buf_wipe(&text);
	return rc;
}

/*
 * [fcm] send_url, or base_url + "/v1/projects/<project>/messages:send".
 * 0, or -1 with why.
 */
static int
fcm_send_url(struct fcm *f, const struct conf *c, const char *project,
    char *why, size_t whysz)
{
	struct buf	b;
	size_t		n;

	buf_init(&b, 8192);
	if (*c->fcm_send_url != '\0')
		buf_puts(&b, c->fcm_send_url);
	else {
		if (*project == '\0' || strspn(project,
		    "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") !=
		    strlen(project)) {
			snprintf(why, whysz, "[fcm] project_id is not a "
			    "project id");
			return -1;
		}
		n = strlen(c->fcm_base_url);
		while (n > 0 && c->fcm_base_url[n - 1] == '/')
			n--;
		if (buf_append(&b, c->fcm_base_url, n) == -1 ||
		    buf_printf(&b, "/v1/projects/%s/messages:send",
		    project) == -1) {
			buf_release(&b);
			b.data = NULL;
		}
	}
	if (b.data == NULL) {
		snprintf(why, whysz, "[fcm] send_url is too long");
		return -1;
	}
	f->send_url = buf_detach(&b);
	return 0;
}

static void
fcm_token_drop(struct fcm *f)
{
	fcm_free_secret(f->token);
	f->token = NULL;
	f->token_until = 0;
}

static void
fcm_release(struct provider *p)
{
	struct fcm	*f = p->state;

	if (f == NULL)
		return;
	fcm_token_drop(f);
	http_client_release(&f->http);
	EVP_PKEY_free(f->key);
	free(f->client_email);
	free(f->send_url);
	free(f->token_url);
	free(f);
	p->state = NULL;
}

static int
fcm_init(struct provider *p, char *why, size_t whysz)
{
	const struct conf	*c = p->conf;
	struct fcm		*f;
	char			*project = NULL, reason[HTTP_ERROR_MAX];
	int			 rc = -1;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	p->state = f;
	f->timeout_ms = c->fcm_timeout_ms;
	if (fcm_load_account(f, c, &project, why, whysz) == -1 ||
	    fcm_send_url(f, c, project != NULL ? project : c->fcm_project_id,
	    why, whysz) == -1)
		goto out;
	if (http_url_check(f->send_url, c->fcm_allow_insecure_http, reason,
	    sizeof(reason)) == -1) {
		snprintf(why, whysz, "[fcm] %s: %s", *c->fcm_send_url != '\0' ?
		    "send_url" : "base_url", reason);
		goto out;
	}
	if (http_url_check(c->fcm_token_url, c->fcm_allow_insecure_http,
	    reason, sizeof(reason)) == -1) {
		snprintf(why, whysz, "[fcm] token_url: %s", reason);
		goto out;
	}
	if ((f->token_url = strdup(c->fcm_token_url)) == NULL) {
		snprintf(why, whysz, "out of memory");
		goto out;
	}
	if (http_client_init(&f->http, c->fcm_connect_timeout_ms,
	    c->fcm_timeout_ms, c->fcm_allow_insecure_http, why, whysz) == -1)
		goto out;
	rc = 0;
out:
	free(project);
	return rc;	/* on -1 the caller calls fcm_release() */
}

/* ---- the access token ---- */

/* Appends base64url(JSON of o) to out.  0 or -1. */
static int
fcm_b64url_json(const cJSON *o, struct buf *out)
{
	char	*s;
	int	 rc;

	if ((s = cJSON_PrintUnformatted(o)) == NULL)
		return -1;
	rc = fcm_b64url((const unsigned char *)s, strlen(s), out);
	cJSON_free(s);
	return rc;
}

/*
 * Appends to out the signed JWT that asks the token URL for a messaging
 * token: header {"alg":"RS256","typ":"JWT"}, claims iss, scope, aud, iat,
 * exp, signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256).  Only what this
 * appends is signed, not what out held before.  0, or -1 with err.
 */
static int
fcm_jwt(struct fcm *f, time_t now, struct buf *out, char *err,
    size_t errsz)
{
	EVP_MD_CTX	*md = NULL;
	unsigned char	*sig = NULL;
	size_t		 siglen = 0, start = out->len;
	cJSON		*hdr = NULL, *claims = NULL;
	int		 rc = -1;

	if ((hdr = cJSON_CreateObject()) == NULL ||
	    (claims = cJSON_CreateObject()) == NULL ||
	    cJSON_AddStringToObject(hdr, "alg", "RS256") == NULL ||
	    cJSON_AddStringToObject(hdr, "typ", "JWT") == NULL ||
	    cJSON_AddStringToObject(claims, "iss", f->client_email) == NULL ||
	    cJSON_AddStringToObject(claims, "scope", FCM_SCOPE) == NULL ||
	    cJSON_AddStringToObject(claims, "aud", f->token_url) == NULL ||
	    cJSON_AddNumberToObject(claims, "iat", (double)now) == NULL ||
	    cJSON_AddNumberToObject(claims, "exp",
	    (double)(now + FCM_JWT_LIFETIME)) == NULL ||
	    fcm_b64url_json(hdr, out) == -1 || buf_putc(out, '.') == -1 ||
	    fcm_b64url_json(claims, out) == -1) {
		snprintf(err, errsz, "cannot build the JWT");
		goto out;
	}
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, f->key) != 1 ||
	    EVP_DigestSign(md, NULL, &siglen,
	    (unsigned char *)out->data + start, out->len - start) != 1 ||
	    (sig = malloc(siglen)) == NULL ||
	    EVP_DigestSign(md, sig, &siglen,
	    (unsigned char *)out->data + start, out->len - start) != 1) {
		snprintf(err, errsz, "cannot sign the JWT");
		goto out;
	}
	if (buf_putc(out, '.') == -1 || fcm_b64url(sig, siglen, out) == -1) {
		snprintf(err, errsz, "cannot build the JWT");
		goto out;
	}
	rc = 0;
out:
	EVP_MD_CTX_free(md);
	free(sig);
	cJSON_Delete(hdr);
	cJSON_Delete(claims);
	return rc;
}

int
fcm_read_token(const char *json, size_t len, char **token, int *expires_in,
    char *err, size_t errsz)
{
	const cJSON	*tok = NULL, *exp, *type;
	cJSON		*o;
	int		 rc = -1;

	*token = NULL;
	if ((o = cJSON_ParseWithLength(json, len)) == NULL ||
	    !cJSON_IsObject(o)) {
		snprintf(err, errsz, "the token response is not a JSON object");
		goto out;
	}
	tok = cJSON_GetObjectItemCaseSensitive(o, "access_token");
	exp = cJSON_GetObjectItemCaseSensitive(o, "expires_in");
	type = cJSON_GetObjectItemCaseSensitive(o, "token_type");
	if (!cJSON_IsString(tok) || *tok->valuestring == '\0' ||
	    strlen(tok->valuestring) > FCM_TOKEN_MAX) {
		snprintf(err, errsz, "the token response has no usable "
		    "access_token");
		goto out;
	}
	if (!http_header_value_ok(tok->valuestring)) {
		snprintf(err, errsz, "refused an access token with a CR, LF "
		    "or control byte");
		goto out;
	}
	if (type != NULL && (!cJSON_IsString(type) ||
	    strcasecmp(type->valuestring, "Bearer") != 0)) {
		snprintf(err, errsz, "the token response is not for a Bearer "
		    "token");
		goto out;
	}
	if (!cJSON_IsNumber(exp) || exp->valuedouble < 1 ||
	    exp->valuedouble > 86400 * 365) {
		snprintf(err, errsz, "the token response has no usable "
		    "expires_in");
		goto out;
	}
	if ((*token = strdup(tok->valuestring)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	*expires_in = (int)exp->valuedouble;
	rc = 0;
out:
	if (tok != NULL && cJSON_IsString(tok))
		explicit_bzero(tok->valuestring, strlen(tok->valuestring));
	cJSON_Delete(o);
	return rc;
}

/* Reads the token response into the cache.  0, or -1 with err. */
static int
fcm_token_store(struct fcm *f, const char *json, size_t len, char *err,
    size_t errsz)
{
	int64_t	keep;
	int	expires_in;

	if (fcm_read_token(json, len, &f->token, &expires_in, err, errsz) ==
	    -1)
		return -1;
	/* A token that lives less than the margin serves this push only. */
	keep = (int64_t)expires_in - FCM_TOKEN_MARGIN;
	f->token_until = time_monotonic_us() + (keep > 0 ? keep : 0) * TIME_US;
	log_info("fcm: new access token, valid for %d s", expires_in);
	return 0;
}

/*
 * Makes sure f->token holds a token that is still good, fetching one
 * before deadline (monotonic us) if needed.  0, or -1 with err.
 */
static int
fcm_token(struct fcm *f, int64_t deadline, char *err, size_t errsz)
{
	struct http_request	 rq;
	struct http_response	 rs;
	struct http_header	 accept = { "Accept", "application/json" };
	struct buf		 form;
	char			 why[HTTP_ERROR_MAX] = "out of memory";
	char			 code[64];
	cJSON			*o = NULL;
	int			 rc = -1;

	if (f->token != NULL && time_monotonic_us() < f->token_until)
		return 0;
	fcm_token_drop(f);
	memset(&rs, 0, sizeof(rs));
	buf_init(&form, 64 * 1024);
	if (buf_puts(&form, "grant_type=" FCM_GRANT_TYPE "&assertion=") ==
	    -1 || fcm_jwt(f, time(NULL), &form, why, sizeof(why)) == -1) {
		snprintf(err, errsz, "fcm token: %.200s", why);
		goto out;
	}
	memset(&rq, 0, sizeof(rq));
	rq.url = f->token_url;
	rq.content_type = "application/x-www-form-urlencoded";
	rq.body = form.data;
	rq.body_len = form.len;
	rq.headers = &accept;
	rq.nheaders = 1;
	if ((rq.timeout_ms = fcm_left_ms(deadline)) == 0) {
		snprintf(err, errsz, "fcm token: timed out");
		goto out;
	}
	if (http_post(&f->http, &rq, &rs, why, sizeof(why)) == -1) {
		snprintf(err, errsz, "fcm token: %.200s", why);
		goto out;
	}
	if (rs.status < 200 || rs.status > 299) {
		/* OAuth2 errors: {"error": "invalid_grant", ...} */
		code[0] = '\0';
		if ((o = cJSON_ParseWithLength(rs.body.data,
		    rs.body.len)) != NULL)
			fcm_code(cJSON_GetObjectItemCaseSensitive(o, "error"),
			    code, sizeof(code));
		snprintf(err, errsz, "fcm token: answered HTTP %ld%s%s%s",
		    rs.status, code[0] ? " (" : "", code, code[0] ? ")" : "");
		goto out;
	}
	if (fcm_token_store(f, rs.body.data, rs.body.len, why,
	    sizeof(why)) == -1) {
		snprintf(err, errsz, "fcm token: %.200s", why);
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(o);
	if (rs.body.data != NULL)
		explicit_bzero(rs.body.data, rs.body.len);
	http_response_release(&rs);
	fcm_buf_wipe(&form);
	return rc;
}

/* ---- sending ---- */

/* FCM refuses these data keys: they are its own. */
static bool
fcm_data_key_reserved(const char *k)
{
	return strcmp(k, "from") == 0 || strcmp(k, "message_type") == 0 ||
	    strcmp(k, "notification") == 0 || strncmp(k, "google", 6) == 0 ||
	    strncmp(k, "gcm", 3) == 0;
}

/*
 * FCM data is a map of strings: a string stays as it is, true and false
 * become "true" and "false", a number, object or array becomes its JSON
 * text, and null drops the key.  Returns the new object (the caller
 * deletes it) or NULL with err.
 */
static cJSON *
fcm_data(const char *data_json, char *err, size_t errsz)
{
	cJSON		*in = NULL, *out = NULL, *v;
	const char	*s;
	char		*own;

	if ((in = cJSON_Parse(data_json)) == NULL || !cJSON_IsObject(in)) {
		snprintf(err, errsz, "the data is not a JSON object");
		goto fail;
	}
	if ((out = cJSON_CreateObject()) == NULL)
		goto oom;
	cJSON_ArrayForEach(v, in) {
		if (fcm_data_key_reserved(v->string)) {
			snprintf(err, errsz, "the data key \"%.64s\" is "
			    "reserved by FCM", v->string);
			goto fail;
		}
		own = NULL;
		if (cJSON_IsNull(v))
			continue;
		if (cJSON_IsString(v))
			s = v->valuestring;
		else if (cJSON_IsBool(v))
			s = cJSON_IsTrue(v) ? "true" : "false";
		else if ((s = own = cJSON_PrintUnformatted(v)) == NULL)
			goto oom;
		if (cJSON_AddStringToObject(out, v->string, s) == NULL) {
			cJSON_free(own);
			goto oom;
		}
		cJSON_free(own);
	}
	cJSON_Delete(in);
	return out;
oom:
	snprintf(err, errsz, "out of memory");
fail:
	cJSON_Delete(in);
	cJSON_Delete(out);
	return NULL;
}

/*
 * {"message": {"token": ..., "notification": {"title", "body"},
 * "data": {...}}}, notification only when there is a title or body and
 * data only when data_json is given.  The body (cJSON_free) or NULL.
 */
static char *
fcm_message(const char *token, const char *title, const char *body,
    const char *data_json, char *err, size_t errsz)
{
	cJSON	*root, *msg, *n, *data;
	char	*s = NULL;

	if ((root = cJSON_CreateObject()) == NULL ||
	    (msg = cJSON_AddObjectToObject(root, "message")) == NULL ||
	    cJSON_AddStringToObject(msg, "token", token) == NULL)
		goto oom;
	if (title != NULL || body != NULL) {
		if ((n = cJSON_AddObjectToObject(msg,
		    "notification")) == NULL ||
		    (title != NULL &&
		    cJSON_AddStringToObject(n, "title", title) == NULL) ||
		    (body != NULL &&
		    cJSON_AddStringToObject(n, "body", body) == NULL))
			goto oom;
	}
	if (data_json != NULL && *data_json != '\0') {
		if ((data = fcm_data(data_json, err, errsz)) == NULL)
			goto out;
		cJSON_AddItemToObject(msg, "data", data);
	}
	if ((s = cJSON_PrintUnformatted(root)) == NULL)
		goto oom;
	goto out;
oom:
	snprintf(err, errsz, "out of memory");
out:
	cJSON_Delete(root);
	return s;
}

/* Whether token looks like a registration token: printable ASCII. */
static bool
fcm_device_token_ok(const char *token)
{
	size_t	n = token != NULL ? strlen(token) : 0;

	if (n == 0 || n > FCM_DEVICE_TOKEN_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)token[i] <= 0x20 ||
		    (unsigned char)token[i] >= 0x7f)
			return false;
	return true;
}

void
fcm_read_error(const char *body, size_t len, char *out, size_t outsz)
{
	const cJSON	*e, *d;
	char		 status[64], code[64];
	cJSON		*o;

	out[0] = status[0] = code[0] = '\0';
	if ((o = cJSON_ParseWithLength(body, len)) == NULL)
		return;
	if ((e = cJSON_GetObjectItemCaseSensitive(o, "error")) != NULL) {
		fcm_code(cJSON_GetObjectItemCaseSensitive(e, "status"),
		    status, sizeof(status));
		cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(e,
		    "details")) {
			fcm_code(cJSON_GetObjectItemCaseSensitive(d,
			    "errorCode"), code, sizeof(code));
			if (code[0] != '\0')
				break;
		}
	}
	if (status[0] != '\0' || code[0] != '\0')
		snprintf(out, outsz, " (%s%s%s)", status,
		    status[0] && code[0] ? " " : "", code);
	cJSON_Delete(o);
}

static int
fcm_send_push(struct provider *p, const char *token, const char *title,
    const char *body, const char *data_json, struct provider_result *res)
{
	struct fcm		*f = p->state;
	struct http_response	 rs;
	struct http_request	 rq;
	struct http_header	 hdrs[2];
	struct buf		 auth;
	const cJSON		*name;
	int64_t			 deadline;
	char			 why[HTTP_ERROR_MAX], detail[160];
	char			*msg = NULL;
	cJSON			*o = NULL;
	int			 rc = -1;

	memset(&rs, 0, sizeof(rs));
	buf_init(&auth, FCM_TOKEN_MAX + 16);
	/* timeout_ms bounds the whole push, a token fetch included. */
	deadline = time_monotonic_us() + (int64_t)f->timeout_ms * 1000;
	if (!fcm_device_token_ok(token)) {
		snprintf(res->error, sizeof(res->error), "fcm send: the "
		    "registration token is empty, too long or not printable "
		    "ASCII");
		goto out;
	}
	if ((msg = fcm_message(token, title, body, data_json, why,
	    sizeof(why))) == NULL) {
		snprintf(res->error, sizeof(res->error), "fcm send: %.200s",
		    why);
		goto out;
	}
	if (fcm_token(f, deadline, res->error, sizeof(res->error)) == -1)
		goto out;
	if (buf_printf(&auth, "Bearer %s", f->token) == -1) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		goto out;
	}
	hdrs[0] = (struct http_header){ "Authorization", auth.data };
	hdrs[1] = (struct http_header){ "Accept", "application/json" };
	memset(&rq, 0, sizeof(rq));
	rq.url = f->send_url;
	rq.content_type = "application/json";
	rq.body = msg;
	rq.body_len = strlen(msg);
	rq.headers = hdrs;
	rq.nheaders = 2;
	if ((rq.timeout_ms = fcm_left_ms(deadline)) == 0) {
		snprintf(res->error, sizeof(res->error), "fcm send: timed out");
		goto out;
	}
	if (http_post(&f->http, &rq, &rs, why, sizeof(why)) == -1) {
		snprintf(res->error, sizeof(res->error), "fcm send: %.200s",
		    why);
		goto out;
	}
	if (rs.status < 200 || rs.status > 299) {
		fcm_read_error(rs.body.data, rs.body.len, detail,
		    sizeof(detail));
		if (rs.status == 401)
			fcm_token_drop(f);
		snprintf(res->error, sizeof(res->error),
		    "fcm send: answered HTTP %ld%s%s", rs.status, detail,
		    rs.status == 401 ? "; the access token was dropped" : "");
		goto out;
	}
	/* {"name": "projects/p/messages/0:1500415314455276%31bd1c96"} */
	if ((o = cJSON_ParseWithLength(rs.body.data, rs.body.len)) != NULL &&
	    cJSON_IsString(name = cJSON_GetObjectItemCaseSensitive(o,
	    "name")) && strlen(name->valuestring) < sizeof(res->partner_id) &&
	    http_header_value_ok(name->valuestring))
		snprintf(res->partner_id, sizeof(res->partner_id), "%s",
		    name->valuestring);
	rc = 0;
out:
	cJSON_Delete(o);
	cJSON_free(msg);
	http_response_release(&rs);
	fcm_buf_wipe(&auth);
	return rc;
}

const struct provider_ops provider_fcm_ops = {
	.name = "fcm",
	.init = fcm_init,
	.release = fcm_release,
	.start_call = NULL,
	.send_sms = NULL,
	.send_push = fcm_send_push,
};
