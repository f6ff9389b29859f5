#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/phone.h"
#include "core/timeutil.h"
#include "fcgi/webhook_parse.h"

#define ID_MAX_LEN	255

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

/* An optional Asia/Calcutta time: 1, 0 absent, -1 malformed. */
static int
read_ist(const cJSON *o, const char *name, int64_t *out)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = 0;
	if (it == NULL || cJSON_IsNull(it) ||
	    (cJSON_IsString(it) && *it->valuestring == '\0'))
		return 0;
	if (!cJSON_IsString(it) ||
	    time_parse_calcutta(it->valuestring, out) == -1)
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

int
webhook_parse_call_end(struct arena *a, const cJSON *body,
    struct oniondev_call_end *out, const char **why)
{
	const cJSON	*cdrs, *it;
	size_t		 n = 0;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(body)) {
		*why = "The body must be a JSON object.";
		return -1;
	}
	if (read_id(a, body, "scheduledCallId", &out->scheduled_call_id) < 0 ||
	    read_id(a, body, "conversationId", &out->conversation_id) < 0) {
		*why = "scheduledCallId and conversationId must be strings.";
		return -1;
	}
	if (out->scheduled_call_id == NULL && out->conversation_id == NULL) {
		*why = "scheduledCallId or conversationId is required.";
		return -1;
	}
	if (read_ist(body, "conversationStartTime", &out->start_time) < 0 ||
	    read_ist(body, "conversationEndTime", &out->end_time) < 0) {
		*why = "conversationStartTime and conversationEndTime must be "
		    "\"%Y-%m-%d %H:%M:%S.%f\" times.";
		return -1;
	}
	if (read_str(a, body, "recordingUrl", &out->recording_url) < 0 ||
	    (out->recording_url != NULL && strlen(out->recording_url) > 1024)) {
		*why = "recordingUrl must be a string of at most 1024 "
		    "characters.";
		return -1;
	}
	if (read_id(a, body, "handler", &out->handler) < 0 ||
	    read_id(a, body, "beneficiary", &out->beneficiary) < 0) {
		*why = "handler and beneficiary must be MSISDNs.";
		return -1;
	}
	if (read_bool(body, "conversationSuccess", &out->success) < 0) {
		*why = "conversationSuccess must be a boolean.";
		return -1;
	}
	cdrs = cJSON_GetObjectItemCaseSensitive(body, "cdrs");
	if (cdrs != NULL && !cJSON_IsNull(cdrs)) {
		if (!cJSON_IsArray(cdrs) ||
		    cJSON_GetArraySize(cdrs) > WEBHOOK_MAX_CDRS) {
			*why = "cdrs must be a list of at most 64 attempts.";
			return -1;
		}
		out->cdrs = arena_alloc(a, sizeof(*out->cdrs) *
		    ((size_t)cJSON_GetArraySize(cdrs) + 1));
		cJSON_ArrayForEach(it, cdrs) {
			struct oniondev_cdr	*c = &out->cdrs[n];

			if (!cJSON_IsObject(it) ||
			    read_id(a, it, "id", &c->id) != 1 ||
			    read_ist(it, "startTime", &c->start_time) < 0 ||
			    read_str(a, it, "errorCause", &c->error_cause) < 0 ||
			    (c->error_cause != NULL &&
			    strlen(c->error_cause) > 255)) {
				*why = "each of cdrs needs an id, a startTime "
				    "and an errorCause string.";
				return -1;
			}
			n++;
		}
	}
	out->ncdrs = n;
	return 0;
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

int
webhook_parse_feedback(struct arena *a, const cJSON *body,
    struct oniondev_feedback *out, const char **why)
{
	const cJSON	*cdr, *records, *it;
	struct answer	*answers;
	size_t		 n = 0;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(body)) {
		*why = "The body must be a JSON object.";
		return -1;
	}
	cdr = cJSON_GetObjectItemCaseSensitive(body, "cdr");
	if (!cJSON_IsObject(cdr)) {
		*why = "cdr is required and must be an object.";
		return -1;
	}
	if (read_msisdn(a, cdr, "callerid", out->caller) != 1) {
		*why = "cdr.callerid is required and must be an MSISDN.";
		return -1;
	}
	if (read_ist(cdr, "start_time", &out->start_time) < 0) {
		*why = "cdr.start_time must be a \"%Y-%m-%d %H:%M:%S.%f\" time.";
		return -1;
	}
	if (read_id(a, body, "conversationId", &out->conversation_id) < 0) {
		*why = "conversationId must be a string.";
		return -1;
	}
	/* The seed names it "complete" in the text, "completed" in the
	 * example: take either. */
	if (read_bool(body, "completed", &out->completed) < 0 ||
	    (!cJSON_HasObjectItem(body, "completed") &&
	    read_bool(body, "complete", &out->completed) < 0)) {
		*why = "completed must be a boolean.";
		return -1;
	}
	records = cJSON_GetObjectItemCaseSensitive(body, "records");
	if (records == NULL || cJSON_IsNull(records))
		return 0;
	if (!cJSON_IsObject(records) || cJSON_GetArraySize(records) > 64) {
		*why = "records must be an object of at most 64 answers.";
		return -1;
	}
	answers = arena_alloc(a, sizeof(*answers) *
	    ((size_t)cJSON_GetArraySize(records) + 1));
	cJSON_ArrayForEach(it, records) {
		const char	*order;
		char		*end;

		if (!cJSON_IsObject(it) ||
		    read_str(a, it, "answer", &answers[n].text) < 0 ||
		    read_id(a, it, "order", &order) != 1 ||
		    (answers[n].order = strtol(order, &end, 10), *end != '\0')) {
			*why = "each record needs an answer string and a "
			    "numeric order.";
			return -1;
		}
		if (answers[n].text == NULL)
			answers[n].text = "";
		n++;
	}
	qsort(answers, n, sizeof(*answers), answer_cmp);
	for (size_t i = 0; i < n && i < FEEDBACK_QUESTIONS; i++)
		out->answers[i] = utf8_prefix(a, answers[i].text, ANSWER_MAX_LEN);
	return 0;
}

int
webhook_parse_message(struct arena *a, const cJSON *body,
    struct oniondev_message *out, const char **why)
{
	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(body)) {
		*why = "The body must be a JSON object.";
		return -1;
	}
	if (read_msisdn(a, body, "mobile", out->mobile) != 1) {
		*why = "mobile is required and must be an MSISDN.";
		return -1;
	}
	/* The seed's parameter list says "text", its example "message". */
	if (read_str(a, body, "message", &out->text) < 0 ||
	    (out->text == NULL && read_str(a, body, "text", &out->text) < 0) ||
	    out->text == NULL || *out->text == '\0' ||
	    strlen(out->text) > 1600) {
		*why = "message (or text) is required: a string of 1 to 1600 "
		    "characters.";
		return -1;
	}
	return 0;
}
