/*
 * The outbox: SMS, push notifications and e-mails waiting for delivery.  Entries
 * are written in the same transaction as the message or event they belong
 * to, so nothing is lost while a provider is down; mentorship-worker
 * delivers them.
 */
#ifndef MT_OUTBOX_H
#define MT_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

enum outbox_kind {
	OUTBOX_SMS,
	OUTBOX_PUSH,
	OUTBOX_EMAIL,		/* a password reset's code: {"reset_id": N} */
	OUTBOX_KIND__MAX
};

extern const char *const outbox_kind_names[OUTBOX_KIND__MAX];

/*
 * Queues a notification for recipient_id, due now.  payload is JSON text:
 * {"text": ...} for an SMS, {"title", "body", "data"} for a push.
 * message_id is 0 when it belongs to no message.  *id may be NULL.
 */
enum outcome outbox_enqueue(struct db *db, enum outbox_kind kind,
	    int64_t message_id, int64_t recipient_id, const char *payload,
	    int64_t *id);

/* outbox_enqueue() of a JSON payload, which it deletes. */
enum outcome outbox_enqueue_json(struct db *db, enum outbox_kind kind,
	    int64_t message_id, int64_t recipient_id, cJSON *payload);
/*
 * The push types the Android app knows (the data field "type"); each
 * push's data "payload" is {"object_id": N} as JSON text.
 */
#define PUSH_CALL_ENDED			"CALL_ENDED"		/* a call */
#define PUSH_NEW_MESSAGE		"NEW_MESSAGE"		/* a message */
#define PUSH_CALL_STARTING_HOUR		"CALL_STARTING_HOUR"	/* a scheduled call */
#define PUSH_CALL_STARTING_10_MIN	"CALL_STARTING_10_MIN"
#define PUSH_CALL_STARTING_1_MIN	"CALL_STARTING_1_MIN"

/*
 * The push type of a reminder offset_s seconds before a call: within a
 * minute CALL_STARTING_1_MIN (the app opens its start-call screen), within
 * ten CALL_STARTING_10_MIN, else CALL_STARTING_HOUR.
 */
const char	*push_type_for_reminder(int64_t offset_s);

/*
 * Queues a push to recipient_id: {"title", "body", "data": {"type",
 * "payload": "{\"object_id\": N}"}}, as the app reads it; body is cut to
 * a notification's length.
 */
enum outcome outbox_push(struct db *db, int64_t recipient_id,
	    int64_t message_id, const char *title, const char *body,
	    const char *type, int64_t object_id);

/* One entry as the admin sees it (times 0 = NULL). */
struct outbox_entry {
	int64_t		 id;
	int64_t		 created_at;
	const char	*kind;
	int64_t		 message_id;	/* 0 = none */
	int64_t		 recipient_id;
	const char	*payload;
	const char	*status;	/* "pending", "sent" or "dead" */
	int64_t		 attempts;
	int64_t		 next_attempt_at;
	const char	*last_error;
	int64_t		 sent_at;
};

enum outcome outbox_get(struct db *db, struct arena *a, int64_t id,
	    struct outbox_entry *out);
/*
 * Puts dead entry id back in the queue, due now, attempts reset, and
 * fills *out with it as stored.  OUTCOME_NOT_FOUND when there is no entry
 * id, OUTCOME_INVALID when it is not dead (d says which status it has).
 */
enum outcome outbox_retry(struct db *db, struct arena *a, int64_t id,
	    struct outbox_entry *out, struct outcome_detail *d);
/* Whether s names a status an entry can be in. */
bool	outbox_status_valid(const char *s);

/* Every entry, newest first; those in status filter.status. */
extern const struct db_list outbox_list_all;
extern const struct db_list outbox_list_by_status;

#endif
