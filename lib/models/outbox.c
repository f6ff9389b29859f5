#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "models/outbox.h"

const char *const outbox_kind_names[OUTBOX_KIND__MAX] = { "sms", "push",
	"email" };

enum outbox_stmt {
	OUTBOX_STMT_INSERT,
	OUTBOX_STMT_GET,
	OUTBOX_STMT_LOCK,
	OUTBOX_STMT_RETRY,
	OUTBOX_STMT__MAX
};

#define OUTBOX_COLUMNS \
	"id, created_at, kind, message_id, recipient_id, payload, status," \
	" attempts, next_attempt_at, last_error, sent_at"

static const char *const outbox_sql[OUTBOX_STMT__MAX] = {
	[OUTBOX_STMT_INSERT] =
	    "INSERT INTO outbox (created_at, kind, message_id, recipient_id,"
	    " payload, next_attempt_at) VALUES (?,?,?,?,?,?)",
	[OUTBOX_STMT_GET] =
	    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?",
	[OUTBOX_STMT_LOCK] =
	    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ? FOR UPDATE",
	/* A dead entry starts again as if new: due now, no attempts. */
	[OUTBOX_STMT_RETRY] =
	    "UPDATE outbox SET status = 'pending', attempts = 0,"
	    " next_attempt_at = ?, last_error = '' WHERE id = ?",
};

enum outcome
outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t message_id,
    int64_t recipient_id, const char *payload, int64_t *id)
{
	int64_t		now = time_now_us();
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, outbox_sql[OUTBOX_STMT_INSERT], DB_ARGS(DB_TIME(now),
	    DB_STR(outbox_kind_names[kind]), DB_ID_OR_NULL(message_id),
	    DB_INT(recipient_id), DB_STR(payload), DB_TIME(now)), NULL, &newid);
	if (rc == OUTCOME_OK && id != NULL)
		*id = (int64_t)newid;
	return rc;
}

enum outcome
outbox_enqueue_json(struct db *db, enum outbox_kind kind, int64_t message_id,
    int64_t recipient_id, cJSON *payload)
{
	char	*text = cJSON_PrintUnformatted(payload);
	enum outcome	 rc;

	cJSON_Delete(payload);
	if (text == NULL)
		return OUTCOME_ERROR;
	rc = outbox_enqueue(db, kind, message_id, recipient_id, text, NULL);
	cJSON_free(text);
	return rc;
}

#define PUSH_BODY_MAX	120

enum outcome
outbox_push(struct db *db, int64_t recipient_id, int64_t message_id,
    const char *title, const char *body, const char *type, int64_t object_id)
{
	char	 cut[PUSH_BODY_MAX + 1], payload[48];
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
	/* FCM data values are strings: the app parses this one. */
	snprintf(payload, sizeof(payload), "{\"object_id\": %lld}",
	    (long long)object_id);
	cJSON_AddStringToObject(data, "payload", payload);
	return outbox_enqueue_json(db, OUTBOX_PUSH, message_id, recipient_id, p);
}

const char *
push_type_for_reminder(int64_t offset_s)
{
	if (offset_s <= 60)
		return PUSH_CALL_STARTING_1_MIN;
	if (offset_s <= 600)
		return PUSH_CALL_STARTING_10_MIN;
	return PUSH_CALL_STARTING_HOUR;
}

static void
outbox_entry_from_row(const struct db_rows *r, size_t row, void *out)
{
	struct outbox_entry	*e = out;

	e->id = db_rows_int(r, row, 0);
	e->created_at = db_rows_time(r, row, 1);
	e->kind = db_rows_str(r, row, 2);
	e->message_id = db_rows_isnull(r, row, 3) ? 0 : db_rows_int(r, row, 3);
	e->recipient_id = db_rows_int(r, row, 4);
	e->payload = db_rows_str(r, row, 5);
	e->status = db_rows_str(r, row, 6);
	e->attempts = db_rows_int(r, row, 7);
	e->next_attempt_at = db_rows_time(r, row, 8);
	e->last_error = db_rows_str(r, row, 9);
	e->sent_at = db_rows_isnull(r, row, 10) ? 0 : db_rows_time(r, row, 10);
}

const struct db_list outbox_list_all = {
	.count_sql = "SELECT COUNT(*) FROM outbox",
	.page_sql = "SELECT " OUTBOX_COLUMNS " FROM outbox"
	    " ORDER BY id DESC LIMIT ? OFFSET ?",
	.from_row = outbox_entry_from_row,
	.elem_size = sizeof(struct outbox_entry),
};

const struct db_list outbox_list_by_status = {
	.count_sql = "SELECT COUNT(*) FROM outbox WHERE status = ?",
	.page_sql = "SELECT " OUTBOX_COLUMNS " FROM outbox"
	    " WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	.params = { LIST_STATUS },
	.from_row = outbox_entry_from_row,
	.elem_size = sizeof(struct outbox_entry),
};

bool
outbox_status_valid(const char *s)
{
	return strcmp(s, "pending") == 0 || strcmp(s, "sent") == 0 ||
	    strcmp(s, "dead") == 0;
}

enum outcome
outbox_get(struct db *db, struct arena *a, int64_t id,
    struct outbox_entry *out)
{
	return db_query_one(db, outbox_sql[OUTBOX_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, outbox_entry_from_row, out);
}

/* outbox_retry() inside its transaction. */
static enum outcome
outbox_retry_tx(struct db *db, struct arena *a, int64_t id,
    struct outbox_entry *e, struct outcome_detail *d)
{
	int64_t		now = time_now_us();
	enum outcome	rc;

	if ((rc = db_query_one(db, outbox_sql[OUTBOX_STMT_LOCK],
	    DB_ARGS(DB_INT(id)), a, outbox_entry_from_row, e)) != OUTCOME_OK)
		return rc;
	/* Only a dead one: a double click must not send an SMS twice. */
	if (strcmp(e->status, "dead") != 0)
		return outcome_fail(d, OUTCOME_INVALID, NULL, "Only a dead entry "
		    "can be retried; this one is %s.", e->status);
	if ((rc = db_exec(db, outbox_sql[OUTBOX_STMT_RETRY],
	    DB_ARGS(DB_TIME(now), DB_INT(id)), NULL, NULL)) != OUTCOME_OK)
		return rc;
	e->status = "pending";
	e->attempts = 0;
	e->next_attempt_at = now;
	e->last_error = "";
	return OUTCOME_OK;
}

enum outcome
outbox_retry(struct db *db, struct arena *a, int64_t id,
    struct outbox_entry *out, struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, outbox_retry_tx(db, a, id, out, d));
}
