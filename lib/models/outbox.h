/*
 * The outbox: SMS and push notifications waiting for delivery.  Entries
 * are written in the same transaction as the message or event they belong
 * to, so nothing is lost while a provider is down; mentorship-worker
 * delivers them.
 */
#ifndef MT_OUTBOX_H
#define MT_OUTBOX_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "db/db.h"

enum outbox_kind {
	OUTBOX_SMS,
	OUTBOX_PUSH,
	OUTBOX_KIND__MAX
};

extern const char *const outbox_kind_names[OUTBOX_KIND__MAX];

/*
 * Queues a notification for recipient_id, due now.  payload is JSON text:
 * {"text": ...} for an SMS, {"title", "body", "data"} for a push.
 * message_id is 0 when it belongs to no message.  *id may be NULL.
 */
int	outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t message_id,
	    int64_t recipient_id, const char *payload, int64_t *id);

/* outbox_enqueue() of a JSON payload, which it deletes. */
int	outbox_enqueue_json(struct db *db, enum outbox_kind kind,
	    int64_t message_id, int64_t recipient_id, cJSON *payload);
/*
 * Queues a push to recipient_id: {"title", "body", "data": {"type",
 * "object_id"}}; body is cut to a notification's length.
 */
int	outbox_push(struct db *db, int64_t recipient_id, int64_t message_id,
	    const char *title, const char *body, const char *type,
	    int64_t object_id);

#endif
