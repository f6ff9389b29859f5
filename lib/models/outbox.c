#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/outbox.h"

const char *const outbox_kind_names[OUTBOX_KIND__MAX] = { "sms", "push" };

enum outbox_stmt {
	OUTBOX_STMT_INSERT,
	OUTBOX_STMT__MAX
};

static const char *const outbox_sql[OUTBOX_STMT__MAX] = {
	[OUTBOX_STMT_INSERT] =
	    "INSERT INTO outbox (created_at, kind, message_id, recipient_id,"
	    " payload, next_attempt_at) VALUES (?,?,?,?,?,?)",
};

int
outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t message_id,
    int64_t recipient_id, const char *payload, int64_t *id)
{
	int64_t		now = time_now_us();
	uint64_t	newid = 0;
	int		rc;

	rc = db_exec(db, outbox_sql[OUTBOX_STMT_INSERT], DB_ARGS(DB_TIME(now),
	    DB_STR(outbox_kind_names[kind]), DB_ID_OR_NULL(message_id),
	    DB_INT(recipient_id), DB_STR(payload), DB_TIME(now)), NULL, &newid);
	if (rc == DB_OK && id != NULL)
		*id = (int64_t)newid;
	return rc;
}

int
outbox_enqueue_json(struct db *db, enum outbox_kind kind, int64_t message_id,
    int64_t recipient_id, cJSON *payload)
{
	char	*text = cJSON_PrintUnformatted(payload);
	int	 rc;

	cJSON_Delete(payload);
	if (text == NULL)
		return DB_ERROR;
	rc = outbox_enqueue(db, kind, message_id, recipient_id, text, NULL);
	cJSON_free(text);
	return rc;
}

#define PUSH_BODY_MAX	120

int
outbox_push(struct db *db, int64_t recipient_id, int64_t message_id,
    const char *title, const char *body, const char *type, int64_t object_id)
{
	char	 cut[PUSH_BODY_MAX + 1];
	size_t	 n = strlen(body);
	cJSON	*p = cJSON_CreateObject(), *data;

	if (n > PUSH_BODY_MAX) {
		n = PUSH_BODY_MAX;
		/* Do not cut a UTF-8 sequence in two. */
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(cut, body, n);
	cut[n] = '\0';
	cJSON_AddStringToObject(p, "title", title);
	cJSON_AddStringToObject(p, "body", cut);
	data = cJSON_AddObjectToObject(p, "data");
	cJSON_AddStringToObject(data, "type", type);
	cJSON_AddNumberToObject(data, "object_id", (double)object_id);
	return outbox_enqueue_json(db, OUTBOX_PUSH, message_id, recipient_id, p);
}
