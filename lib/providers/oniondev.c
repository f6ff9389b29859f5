/*
 * The "oniondev" provider: voice calls and SMS through OnionDev's outbound
 * HTTP API, over libcurl.
 *
 * OnionDev's outbound API is private, so everything that depends on its
 * wire format is in the first section below (and in docs/providers.md):
 * the paths, the JSON bodies and the field the call id comes back in.
 * The URLs, the credentials and the time-outs come from [oniondev].
 * The inbound formats, the three webhooks OnionDev posts to us, are the
 * last section.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/log.h"
#include "core/phone.h"
#include "core/timeutil.h"
#include "models/message.h"
#include "providers/http.h"
#include "providers/oniondev.h"
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

int
oniondev_read_call_id(const char *json, size_t len, char *out, size_t outsz,
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
 * POSTs the JSON body to url with our credentials (and the idempotency
 * key, when not NULL) and checks for a 2xx.  0 with the response in rs
 * (release it either way), or -1 with res->error set, prefixed with what.
 */
static int
oniondev_post(struct provider *p, const char *what, const char *url,
    const char *body, const char *key, struct http_response *rs,
    struct provider_result *res)
{
	const struct conf	*c = p->conf;
	struct oniondev		*o = p->state;
	struct http_header	 hdrs[3];
	struct http_request	 rq;
	char			 err[HTTP_ERROR_MAX];

	memset(&rq, 0, sizeof(rq));
	hdrs[rq.nheaders++] = (struct http_header){ "Accept",
	    "application/json" };
	if (*c->oniondev_api_key != '\0')
		hdrs[rq.nheaders++] = (struct http_header){
		    c->oniondev_api_key_header, c->oniondev_api_key };
	if (key != NULL)
		hdrs[rq.nheaders++] = (struct http_header){ "Idempotency-Key",
		    key };
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
	if (oniondev_post(p, "call", o->call_url, body, NULL, &rs, res) == -1)
		goto out;
	if (oniondev_read_call_id(rs.body.data, rs.body.len, res->partner_id,
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
    const char *key, struct provider_result *res)
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
	if (key != NULL && !http_header_value_ok(key)) {
		snprintf(res->error, sizeof(res->error), "oniondev sms: the "
		    "idempotency key is not a header value");
		goto out;
	}
	if (oniondev_post(p, "sms", o->sms_url, body, key, &rs, res) == -1)
		goto out;
	rc = 0;
out:
	http_response_release(&rs);
	cJSON_free(body);
	return rc;
}


/* ---- inbound: the three webhooks OnionDev posts ---- */

/*
 * The seed documents each body by example; where its text and its example
 * disagree, both spellings are taken (docs/api-decisions.md).
 */

#define ID_MAX_LEN	255
#define ONIONDEV_MAX_CDRS	64
#define ONIONDEV_SMS_REDELIVERY_WINDOW_US	(10 * 60 * TIME_US)

/*
 * An identifier that may come as a string or a number ("123" or 123).
 * 1 present, 0 absent or null, -1 of another type or too long.
 */
static int
read_id(struct arena *a, const cJSON *o, const char *name, const char **out)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = NULL;
	if (it == NULL || cJSON_IsNull(it))
		return 0;
	if (cJSON_IsString(it)) {
		if (*it->valuestring == '\0' ||
		    strlen(it->valuestring) > ID_MAX_LEN)
			return -1;
		*out = arena_strdup(a, it->valuestring);
	} else if (cJSON_IsNumber(it) && it->valuedouble == floor(
	    it->valuedouble) && fabs(it->valuedouble) < 9.0e15)
		*out = arena_printf(a, "%.0f", it->valuedouble);
	else
		return -1;
	return *out != NULL ? 1 : -1;
}

/* An optional string field: 1 present, 0 absent/null, -1 not a string. */
static int
read_str(struct arena *a, const cJSON *o, const char *name, const char **out)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = NULL;
	if (it == NULL || cJSON_IsNull(it))
		return 0;
	if (!cJSON_IsString(it))
		return -1;
	*out = arena_strdup(a, it->valuestring);
	return *out != NULL ? 1 : -1;
}

/*
 * What can be the time of a call: from 2010 (before any programme ran on
 * this) to a few minutes from now, for the provider's clock running
 * ahead of ours.  A time outside is refused rather than stored (or read
 * as "unknown", as the epoch would be).
 */
#define CALL_TIME_MIN_US	(INT64_C(1262304000) * TIME_US) /* 2010-01-01 */
#define CALL_TIME_SKEW_US	(INT64_C(300) * TIME_US)	/* 5 minutes */

/* An optional Asia/Calcutta call time: 1, 0 absent, -1 malformed or not
 * a plausible call time. */
static int
read_ist(const cJSON *o, const char *name, int64_t *out)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = 0;
	if (it == NULL || cJSON_IsNull(it) ||
	    (cJSON_IsString(it) && *it->valuestring == '\0'))
		return 0;
	if (!cJSON_IsString(it) ||
	    time_parse_calcutta(it->valuestring, out) == -1 ||
	    *out < CALL_TIME_MIN_US || *out > time_now_us() + CALL_TIME_SKEW_US)
		return -1;
	return 1;
}

/* An optional boolean; "true"/"false" strings and 0/1 are taken too. */
static int
read_bool(const cJSON *o, const char *name, bool *out)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = false;
	if (it == NULL || cJSON_IsNull(it))
		return 0;
	if (cJSON_IsBool(it))
		*out = cJSON_IsTrue(it);
	else if (cJSON_IsNumber(it) && (it->valuedouble == 0 ||
	    it->valuedouble == 1))
		*out = it->valuedouble == 1;
	else if (cJSON_IsString(it) && (strcmp(it->valuestring, "true") == 0 ||
	    strcmp(it->valuestring, "True") == 0))
		*out = true;
	else if (cJSON_IsString(it) && (strcmp(it->valuestring, "false") == 0 ||
	    strcmp(it->valuestring, "False") == 0))
		*out = false;
	else
		return -1;
	return 1;
}

/* An MSISDN ("919876543321", string or number) made E.164. */
static int
read_msisdn(struct arena *a, const cJSON *o, const char *name,
    char out[PHONE_E164_LEN])
{
	const char	*s;
	int		 rc;

	if ((rc = read_id(a, o, name, &s)) != 1)
		return rc;
	return phone_from_msisdn(s, out) == 0 ? 1 : -1;
}

/* The body as a JSON object.  NULL with *why when it is not one. */
static cJSON *
oniondev_body(const char *body, size_t len, const char **why)
{
	cJSON	*o;

	if ((o = json_parse(body, len, why)) == NULL)
		return NULL;
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		*why = "The body must be a JSON object.";
		return NULL;
	}
	return o;
}

/* The attempts of cdrs (NULL or absent: none).  0, or -1. */
static int
read_attempts(struct arena *a, const cJSON *cdrs, struct call_end_report *out)
{
	const cJSON	*it;
	size_t		 n = 0;

	if (cdrs == NULL || cJSON_IsNull(cdrs))
		return 0;
	if (!cJSON_IsArray(cdrs) ||
	    cJSON_GetArraySize(cdrs) > ONIONDEV_MAX_CDRS)
		return -1;
	out->attempts = arena_alloc(a, sizeof(*out->attempts) *
	    ((size_t)cJSON_GetArraySize(cdrs) + 1));
	if (out->attempts == NULL)
		return -1;
	cJSON_ArrayForEach(it, cdrs) {
		struct call_attempt	*c = &out->attempts[n];

		if (!cJSON_IsObject(it) ||
		    read_id(a, it, "id", &c->id) != 1 ||
		    read_ist(it, "startTime", &c->start_time) < 0 ||
		    read_str(a, it, "errorCause", &c->error_cause) < 0 ||
		    (c->error_cause != NULL && strlen(c->error_cause) > 255))
			return -1;
		n++;
	}
	out->nattempts = n;
	return 0;
}

static const char *
parse_call_end(struct arena *a, const cJSON *body, struct call_end_report *out)
{
	if (read_id(a, body, "scheduledCallId", &out->partner_id) < 0 ||
	    read_id(a, body, "conversationId", &out->conversation_id) < 0)
		return "scheduledCallId and conversationId must be strings.";
	if (out->partner_id == NULL && out->conversation_id == NULL)
		return "scheduledCallId or conversationId is required.";
	if (read_ist(body, "conversationStartTime", &out->start_time) < 0 ||
	    read_ist(body, "conversationEndTime", &out->end_time) < 0)
		return "conversationStartTime and conversationEndTime must be "
		    "\"%Y-%m-%d %H:%M:%S.%f\" times (Asia/Calcutta) from 2010 "
		    "to now (5 minutes of clock skew allowed).";
	if (out->start_time != 0 && out->end_time != 0 &&
	    out->end_time < out->start_time)
		return "conversationEndTime is before conversationStartTime.";
	if (read_str(a, body, "recordingUrl", &out->recording_url) < 0 ||
	    (out->recording_url != NULL && strlen(out->recording_url) > 1024))
		return "recordingUrl must be a string of at most 1024 "
		    "characters.";
	if (read_id(a, body, "handler", &out->handler) < 0 ||
	    read_id(a, body, "beneficiary", &out->beneficiary) < 0)
		return "handler and beneficiary must be MSISDNs.";
	if (read_bool(body, "conversationSuccess", &out->success) < 0)
		return "conversationSuccess must be a boolean.";
	if (read_attempts(a, cJSON_GetObjectItemCaseSensitive(body, "cdrs"),
	    out) == -1)
		return "cdrs must be a list of at most 64 attempts, each with "
		    "an id, a startTime (a call time, as conversationStartTime) "
		    "and an errorCause string.";
	return NULL;
}

#define ANSWER_MAX_LEN	255	/* a question column; content keeps it all */

/* s cut to at most max bytes without splitting a UTF-8 sequence. */
static const char *
utf8_prefix(struct arena *a, const char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_strndup(a, s, n);
}

struct answer {
	long		 order;
	const char	*text;
};

static int
answer_cmp(const void *x, const void *y)
{
	const struct answer	*a = x, *b = y;

	return (a->order > b->order) - (a->order < b->order);
}

/* The records' answers, in their "order".  NULL, or why not. */
static const char *
read_answers(struct arena *a, const cJSON *records, struct feedback_report *out)
{
	const cJSON	*it;
	struct answer	*answers;
	size_t		 n = 0;

	if (records == NULL || cJSON_IsNull(records))
		return NULL;
	if (!cJSON_IsObject(records) || cJSON_GetArraySize(records) > 64)
		return "records must be an object of at most 64 answers.";
	if ((answers = arena_alloc(a, sizeof(*answers) *
	    ((size_t)cJSON_GetArraySize(records) + 1))) == NULL)
		return "records must be an object of at most 64 answers.";
	cJSON_ArrayForEach(it, records) {
		const char	*order;
		char		*end;

		if (!cJSON_IsObject(it) ||
		    read_str(a, it, "answer", &answers[n].text) < 0 ||
		    read_id(a, it, "order", &order) != 1 ||
		    (answers[n].order = strtol(order, &end, 10), *end != '\0'))
			return "each record needs an answer string and a "
			    "numeric order.";
		if (answers[n].text == NULL)
			answers[n].text = "";
		n++;
	}
	qsort(answers, n, sizeof(*answers), answer_cmp);
	for (size_t i = 0; i < n && i < FEEDBACK_QUESTIONS; i++)
		out->answers[i] = utf8_prefix(a, answers[i].text, ANSWER_MAX_LEN);
	return NULL;
}

static const char *
parse_feedback(struct arena *a, const cJSON *body, struct feedback_report *out)
{
	const cJSON	*cdr = cJSON_GetObjectItemCaseSensitive(body, "cdr");

	if (!cJSON_IsObject(cdr))
		return "cdr is required and must be an object.";
	if (read_msisdn(a, cdr, "callerid", out->caller) != 1)
		return "cdr.callerid is required and must be an MSISDN.";
	if (read_ist(cdr, "start_time", &out->start_time) < 0)
		return "cdr.start_time must be a \"%Y-%m-%d %H:%M:%S.%f\" time "
		    "(Asia/Calcutta) from 2010 to now (5 minutes of clock skew "
		    "allowed).";
	/* The seed's examples: the survey's conversationId is the call's
	 * scheduledCallId, its cdr.id the call's conversationId. */
	if (read_id(a, body, "conversationId", &out->conversation_id) < 0 ||
	    read_id(a, cdr, "id", &out->call_ref) < 0)
		return "conversationId and cdr.id must be strings.";
	/* The seed names it "complete" in the text, "completed" in the
	 * example: take either. */
	if (read_bool(body, "completed", &out->completed) < 0 ||
	    (!cJSON_HasObjectItem(body, "completed") &&
	    read_bool(body, "complete", &out->completed) < 0))
		return "completed must be a boolean.";
	return read_answers(a, cJSON_GetObjectItemCaseSensitive(body,
	    "records"), out);
}

static const char *
parse_sms(struct arena *a, const cJSON *body, struct inbound_sms *out)
{
	if (read_msisdn(a, body, "mobile", out->from) != 1)
		return "mobile is required and must be an MSISDN.";
	/* The seed's parameter list says "text", its example "message". */
	if (read_str(a, body, "message", &out->text) < 0 ||
	    (out->text == NULL && read_str(a, body, "text", &out->text) < 0) ||
	    out->text == NULL || *out->text == '\0' ||
	    strlen(out->text) > MESSAGE_CONTENT_MAX)
		return "message (or text) is required: a string of 1 to 1600 "
		    "characters.";
	return NULL;
}

/*
 * The webhook_kind parse functions: the JSON object, then the fields of
 * the kind.
 */
static int
oniondev_parse(struct arena *a, const char *body, size_t len,
    enum webhook_event event, struct webhook_report *out, const char **why)
{
	cJSON	*o;

	memset(out, 0, sizeof(*out));
	out->event = event;
	if ((o = oniondev_body(body, len, why)) == NULL)
		return -1;
	switch (event) {
	case WEBHOOK_CALL_END:
		*why = parse_call_end(a, o, &out->u.call_end);
		break;
	case WEBHOOK_FEEDBACK:
		if ((*why = parse_feedback(a, o, &out->u.feedback)) == NULL &&
		    (out->u.feedback.raw = arena_strndup(a, body, len)) == NULL)
			*why = "The body does not fit in memory.";
		break;
	case WEBHOOK_SMS:
		*why = parse_sms(a, o, &out->u.sms);
		break;
	default:
		BUG("unknown webhook event");
	}
	cJSON_Delete(o);
	return *why == NULL ? 0 : -1;
}

static int
oniondev_parse_call_end(struct arena *a, const char *body, size_t len,
    struct webhook_report *out, const char **why)
{
	return oniondev_parse(a, body, len, WEBHOOK_CALL_END, out, why);
}

static int
oniondev_parse_feedback(struct arena *a, const char *body, size_t len,
    struct webhook_report *out, const char **why)
{
	return oniondev_parse(a, body, len, WEBHOOK_FEEDBACK, out, why);
}

static int
oniondev_parse_sms(struct arena *a, const char *body, size_t len,
    struct webhook_report *out, const char **why)
{
	return oniondev_parse(a, body, len, WEBHOOK_SMS, out, why);
}

static void
oniondev_signing(const struct conf *c, struct webhook_signing *out)
{
	out->secret = c->oniondev_webhook_secret;
	out->previous = c->oniondev_webhook_secret_previous;
	out->max_age_s = c->oniondev_webhook_max_age_seconds;
}

static const struct webhook_kind oniondev_webhooks[] = {
	{ "onion_dev_call_end", WEBHOOK_CALL_END, 256 * 1024, 0,
	    oniondev_parse_call_end, oniondev_signing },
	{ "onion_dev_feedback", WEBHOOK_FEEDBACK, 256 * 1024, 0,
	    oniondev_parse_feedback, oniondev_signing },
	/* An SMS carries no id: the same text from the same mentee is taken
	 * for a redelivery only within a few minutes. */
	{ "onion_dev_message", WEBHOOK_SMS, 16 * 1024,
	    ONIONDEV_SMS_REDELIVERY_WINDOW_US, oniondev_parse_sms,
	    oniondev_signing },
	{ NULL, 0, 0, 0, NULL, NULL }
};

const struct provider_ops provider_oniondev_ops = {
	.name = "oniondev",
	.init = oniondev_init,
	.release = oniondev_release,
	.start_call = oniondev_start_call,
	.send_sms = oniondev_send_sms,
	.send_push = NULL,
	.webhooks = oniondev_webhooks,
};
