/*
 * The "example" provider: records every request in provider_log and
 * touches no network.  The default for development and tests, where
 * `mentorshipctl provider-log` and the tests read what was asked of it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/timeutil.h"
#include "providers/provider.h"

static const char SQL_LOG[] =
    "INSERT INTO provider_log (created_at, provider, kind, destination,"
    " payload, partner_id) VALUES (?, 'example', ?, ?, ?, ?)";
static const char SQL_SET_PARTNER[] =
    "UPDATE provider_log SET partner_id = ? WHERE id = ?";

/* Logs one request; payload is a JSON object (consumed). */
static int
example_log(struct provider *p, const char *kind, const char *dest,
    cJSON *payload, int with_partner_id, struct provider_result *res)
{
	char		*text = cJSON_PrintUnformatted(payload);
	uint64_t	 id = 0;
	enum outcome	 rc;

	cJSON_Delete(payload);
	if (text == NULL) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		return -1;
	}
	rc = db_exec(p->db, SQL_LOG, DB_ARGS(DB_TIME(time_now_us()),
	    DB_STR(kind), DB_STR(dest), DB_STR(text), DB_NULL), NULL, &id);
	cJSON_free(text);
	if (rc == OUTCOME_OK && with_partner_id) {
		/* Like OnionDev, answer with an id of our own. */
		snprintf(res->partner_id, sizeof(res->partner_id),
		    "example-%llu", (unsigned long long)id);
		rc = db_exec(p->db, SQL_SET_PARTNER, DB_ARGS(
		    DB_STR(res->partner_id), DB_INT((int64_t)id)), NULL, NULL);
	}
	if (rc != OUTCOME_OK) {
		snprintf(res->error, sizeof(res->error),
		    "cannot record the request: %s", db_last_error(p->db));
		return -1;
	}
	return 0;
}

static int
example_start_call(struct provider *p, const char *from, const char *to,
    struct provider_result *res)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "from", from);
	cJSON_AddStringToObject(o, "to", to);
	return example_log(p, "call", to, o, 1, res);
}

static int
example_send_sms(struct provider *p, const char *to, const char *text,
    const char *key, struct provider_result *res)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "to", to);
	cJSON_AddStringToObject(o, "text", text);
	if (key != NULL)
		cJSON_AddStringToObject(o, "key", key);
	return example_log(p, "sms", to, o, 0, res);
}

static int
example_send_push(struct provider *p, const char *token, const char *title,
    const char *body, const char *data_json, struct provider_result *res)
{
	cJSON	*o = cJSON_CreateObject(), *data = NULL;

	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddStringToObject(o, "body", body);
	if (data_json != NULL && (data = cJSON_Parse(data_json)) != NULL)
		cJSON_AddItemToObject(o, "data", data);
	return example_log(p, "push", token, o, 0, res);
}

const struct provider_ops provider_example_ops = {
	.name = "example",
	.start_call = example_start_call,
	.send_sms = example_send_sms,
	.send_push = example_send_push,
};
