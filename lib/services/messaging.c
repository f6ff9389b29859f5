#include "config.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "core/log.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "services/messaging.h"
#include "services/service.h"

int
message_send(struct db *db, const struct message *m)
{
	cJSON	*p = cJSON_CreateObject();

	cJSON_AddStringToObject(p, "text", m->content);
	return outbox_enqueue_json(db, OUTBOX_SMS, m->id, m->recipient_id, p);
}

int
message_send_and_create_tx(struct db *db, struct message *m,
    int64_t mentor_id)
{
	int	rc;

	m->direction = MESSAGE_OUTBOUND;
	m->delivery = DELIVERY_QUEUED;
	if ((rc = message_insert(db, m)) != DB_OK ||
	    (rc = message_send(db, m)) != DB_OK)
		return rc;
	return event_record(db, EVENT_MESSAGE_SENT, m->type == MESSAGE_SYSTEM ?
	    "System message sent" : "Message sent", mentor_id, m->id, NULL);
}

int
message_send_and_create(struct db *db, struct message *m, int64_t mentor_id)
{
	int	rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	return db_finish(db, message_send_and_create_tx(db, m, mentor_id));
}

int
message_receive(struct db *db, struct message *m)
{
	int	rc;

	if (m->recipient_id == 0 &&
	    (rc = mentor_of_mentee(db, m->sender_id, &m->recipient_id)) != 1)
		return rc == 0 ? SVC_NOT_FOUND : rc;
	m->direction = MESSAGE_INBOUND;
	m->delivery = DELIVERY_RECEIVED;
	m->type = MESSAGE_USER;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = message_insert(db, m)) != DB_OK ||
	    (rc = event_record(db, EVENT_MESSAGE_RECEIVED, "Message received",
	    m->recipient_id, m->id, NULL)) != DB_OK)
		goto fail;
	if ((rc = outbox_push(db, m->recipient_id, m->id,
	    "New message from your mentee", m->content, EVENT_MESSAGE_RECEIVED,
	    m->id)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int
message_record_relayed(struct db *db, struct message *m)
{
	int	rc;

	m->direction = MESSAGE_OUTBOUND;
	m->delivery = DELIVERY_SENT;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = message_insert(db, m)) == DB_OK)
		rc = event_record(db, EVENT_MESSAGE_SENT, "Message sent",
		    m->sender_id, m->id, NULL);
	return db_finish(db, rc);
}
