/*
 * The "oniondev" provider: voice calls and SMS through OnionDev's outbound
 * HTTP API, over libcurl.
 *
 * OnionDev's outbound API is private, so everything that depends on its
 * wire format is in the first section below (and in docs/providers.md):
 * the paths, the JSON bodies and the field the call id comes back in.
 * The URLs, the credentials and the time-outs come from [oniondev].
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "providers/http.h"
#include "providers/provider.h"

/* ---- the request format: everything OnionDev-specific ---- */

/* Appended to [oniondev] base_url when call_url or sms_url is not set. */
#define ONIONDEV_CALL_PATH	"/calls"
#define ONIONDEV_SMS_PATH	"/sms"

/*
 * A call bridges the handler (our mentor, called first) and the
 * beneficiary (the mentee), the names OnionDev's call-end webhook uses:
 *   {"handler": "919876543321", "beneficiary": "911234567890"}
 * Returns the body (cJSON_free) or NULL.
 */
static char *
oniondev_call_body(const char *handler, const char *beneficiary)
{
	cJSON	*o;
	char	*s = NULL;

	if ((o = cJSON_CreateObject()) == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "handler", handler) != NULL &&
	    cJSON_AddStringToObject(o, "beneficiary", beneficiary) != NULL)
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

/*
 * An SMS to one number, like OnionDev's inbound-SMS webhook:
 *   {"mobile": "911234567890", "text": "Hi"}
 */
static char *
oniondev_sms_body(const char *mobile, const char *text)
{
	cJSON	*o;
	char	*s = NULL;

	if ((o = cJSON_CreateObject()) == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "mobile", mobile) != NULL &&
	    cJSON_AddStringToObject(o, "text", text) != NULL)
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

/*
 * Reads the call's id from the call response, {"scheduled_call_id": "123"}
 * (a JSON integer is accepted too): the id the call-end webhook later
 * sends as scheduledCallId.  0, or -1 with why set.
 */
static int
oniondev_call_id(const char *json, size_t len, char *out, size_t outsz,
    char *why, size_t whysz)
{
	const cJSON	*id;
	cJSON		*o;
	int		 rc = -1;

	if ((o = cJSON_ParseWithLength(json, len)) == NULL ||
	    !cJSON_IsObject(o)) {
		snprintf(why, whysz, "the response is not a JSON object");
		goto out;
	}
	id = cJSON_GetObjectItemCaseSensitive(o, "scheduled_call_id");
	if (cJSON_IsString(id)) {
		const char	*s = id->valuestring;
		size_t		 n = strlen(s);

		if (n == 0 || n >= outsz) {
			snprintf(why, whysz, "scheduled_call_id is empty or "
			    "longer than %zu bytes", outsz - 1);
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] <= 0x20 ||
			    (unsigned char)s[i] >= 0x7f) {
				snprintf(why, whysz, "scheduled_call_id holds "
				    "a byte that is not printable ASCII");
				goto out;
			}
		snprintf(out, outsz, "%s", s);
	} else if (cJSON_IsNumber(id) && id->valuedouble >= 0 &&
	    id->valuedouble <= 9007199254740992.0 &&
	    id->valuedouble == (double)(int64_t)id->valuedouble) {
		snprintf(out, outsz, "%lld", (long long)id->valuedouble);
	} else {
		snprintf(why, whysz, "the response has no scheduled_call_id");
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(o);
	return rc;
}

/* ---- set-up ---- */

struct oniondev {
	struct http_client	 http;
	char			*call_url;
	char			*sms_url;
};

/* [oniondev] url if set, else base_url + path.  0, or -1 with why. */
static int
oniondev_url(const struct conf *c, const char *key, const char *url,
    const char *path, char **out, char *why, size_t whysz)
{
	struct buf	b;
	char		reason[HTTP_ERROR_MAX];
	size_t		n;

	buf_init(&b, 8192);
	if (*url != '\0')
		buf_puts(&b, url);
	else if (*c->oniondev_base_url != '\0') {
		n = strlen(c->oniondev_base_url);
		while (n > 0 && c->oniondev_base_url[n - 1] == '/')
			n--;
		if (buf_append(&b, c->oniondev_base_url, n) == 0)
			buf_puts(&b, path);
	} else {
		snprintf(why, whysz, "set [oniondev] base_url or %s", key);
		return -1;
	}
	if (b.data == NULL) {
		snprintf(why, whysz, "[oniondev] %s is too long", key);
		return -1;
	}
	if (http_url_check(b.data, c->oniondev_allow_insecure_http, reason,
	    sizeof(reason)) == -1) {
		snprintf(why, whysz, "[oniondev] %s: %s",
		    *url != '\0' ? key : "base_url", reason);
		buf_release(&b);
		return -1;
	}
	*out = buf_detach(&b);
	return 0;
}

/* Checks the credentials once, so that a bad one stops the start-up. */
static int
oniondev_check_credentials(const struct conf *c, char *why, size_t whysz)
{
	if (*c->oniondev_username == '\0' && *c->oniondev_api_key == '\0') {
		snprintf(why, whysz, "set [oniondev] username and password, "
		    "or api_key");
		return -1;
	}
	if (strchr(c->oniondev_username, ':') != NULL ||
	    !http_header_value_ok(c->oniondev_username)) {
		snprintf(why, whysz, "[oniondev] username must not hold a "
		    "colon, CR, LF or control byte");
		return -1;
	}
	if (!http_header_value_ok(c->oniondev_password) ||
	    !http_header_value_ok(c->oniondev_api_key)) {
		snprintf(why, whysz, "[oniondev] password and api_key must "
		    "not hold a CR, LF or control byte");
		return -1;
	}
	if (*c->oniondev_api_key != '\0' &&
	    !http_header_name_ok(c->oniondev_api_key_header)) {
		snprintf(why, whysz, "[oniondev] api_key_header is not a "
		    "header name");
		return -1;
	}
	return 0;
}

static void
oniondev_release(struct provider *p)
{
	struct oniondev	*o = p->state;

	if (o == NULL)
		return;
	http_client_release(&o->http);
	free(o->call_url);
	free(o->sms_url);
	free(o);
	p->state = NULL;
}

static int
oniondev_init(struct provider *p, char *why, size_t whysz)
{
	const struct conf	*c = p->conf;
	struct oniondev		*o;

	if ((o = calloc(1, sizeof(*o))) == NULL) {
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	p->state = o;
	if (oniondev_check_credentials(c, why, whysz) == -1 ||
	    oniondev_url(c, "call_url", c->oniondev_call_url,
	    ONIONDEV_CALL_PATH, &o->call_url, why, whysz) == -1 ||
	    oniondev_url(c, "sms_url", c->oniondev_sms_url,
	    ONIONDEV_SMS_PATH, &o->sms_url, why, whysz) == -1 ||
	    http_client_init(&o->http, c->oniondev_connect_timeout_ms,
	    c->oniondev_timeout_ms, c->oniondev_allow_insecure_http, why,
	    whysz) == -1)
		return -1;	/* the caller calls oniondev_release() */
	return 0;
}

/* ---- requests ---- */

/*
 * "+919876543321" (E.164, as we store numbers) -> "919876543321", the
 * MSISDN form OnionDev uses.  0, or -1 when number is not E.164.
 */
static int
oniondev_msisdn(const char *number, char *out, size_t outsz)
{
	size_t	n;

	if (*number == '+')
		number++;
	n = strlen(number);
	if (n < 8 || n > 15 || n >= outsz || number[0] == '0' ||
	    strspn(number, "0123456789") != n)
		return -1;
	memcpy(out, number, n + 1);
	return 0;
}

/*
 * POSTs the JSON body to url with our credentials and checks for a 2xx.
 * 0 with the response in rs (release it either way), or -1 with
 * res->error set, prefixed with what.
 */
static int
oniondev_post(struct provider *p, const char *what, const char *url,
    const char *body, struct http_response *rs, struct provider_result *res)
{
	const struct conf	*c = p->conf;
	struct oniondev		*o = p->state;
	struct http_header	 hdrs[2];
	struct http_request	 rq;
	char			 err[HTTP_ERROR_MAX];

	memset(&rq, 0, sizeof(rq));
	hdrs[rq.nheaders++] = (struct http_header){ "Accept",
	    "application/json" };
	if (*c->oniondev_api_key != '\0')
		hdrs[rq.nheaders++] = (struct http_header){
		    c->oniondev_api_key_header, c->oniondev_api_key };
	rq.url = url;
	rq.content_type = "application/json";
	rq.body = body;
	rq.body_len = strlen(body);
	rq.headers = hdrs;
	if (*c->oniondev_username != '\0') {
		rq.username = c->oniondev_username;
		rq.password = c->oniondev_password;
	}
	if (http_post(&o->http, &rq, rs, err, sizeof(err)) == -1) {
		snprintf(res->error, sizeof(res->error), "oniondev %s: %.200s",
		    what, err);
		return -1;
	}
	if (rs->status < 200 || rs->status > 299) {
		snprintf(res->error, sizeof(res->error),
		    "oniondev %s: answered HTTP %ld", what, rs->status);
		return -1;
	}
	return 0;
}

static int
oniondev_start_call(struct provider *p, const char *from, const char *to,
    struct provider_result *res)
{
	struct oniondev		*o = p->state;
	struct http_response	 rs;
	char			 handler[16], beneficiary[16];
	char			 why[PROVIDER_ERROR_MAX], *body = NULL;
	int			 rc = -1;

	memset(&rs, 0, sizeof(rs));
	if (oniondev_msisdn(from, handler, sizeof(handler)) == -1 ||
	    oniondev_msisdn(to, beneficiary, sizeof(beneficiary)) == -1) {
		snprintf(res->error, sizeof(res->error), "oniondev call: a "
		    "number is not in E.164 form");
		goto out;
	}
	if ((body = oniondev_call_body(handler, beneficiary)) == NULL) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		goto out;
	}
	if (oniondev_post(p, "call", o->call_url, body, &rs, res) == -1)
		goto out;
	if (oniondev_call_id(rs.body.data, rs.body.len, res->partner_id,
	    sizeof(res->partner_id), why, sizeof(why)) == -1) {
		snprintf(res->error, sizeof(res->error),
		    "oniondev call: %.200s", why);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		res->partner_id[0] = '\0';
	http_response_release(&rs);
	cJSON_free(body);
	return rc;
}

static int
oniondev_send_sms(struct provider *p, const char *to, const char *text,
    struct provider_result *res)
{
	struct oniondev		*o = p->state;
	struct http_response	 rs;
	char			 mobile[16], *body = NULL;
	int			 rc = -1;

	memset(&rs, 0, sizeof(rs));
	if (text == NULL) {
		snprintf(res->error, sizeof(res->error), "oniondev sms: no "
		    "text");
		goto out;
	}
	if (oniondev_msisdn(to, mobile, sizeof(mobile)) == -1) {
		snprintf(res->error, sizeof(res->error), "oniondev sms: the "
		    "number is not in E.164 form");
		goto out;
	}
	if ((body = oniondev_sms_body(mobile, text)) == NULL) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		goto out;
	}
	if (oniondev_post(p, "sms", o->sms_url, body, &rs, res) == -1)
		goto out;
	rc = 0;
out:
	http_response_release(&rs);
	cJSON_free(body);
	return rc;
}

const struct provider_ops provider_oniondev_ops = {
	.name = "oniondev",
	.init = oniondev_init,
	.release = oniondev_release,
	.start_call = oniondev_start_call,
	.send_sms = oniondev_send_sms,
	.send_push = NULL,
};
