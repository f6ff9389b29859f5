#include "config.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "core/log.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "models/user.h"
#include "services/messaging.h"

enum outcome
message_send(struct db *db, const struct message *m)
{
	cJSON	*p = cJSON_CreateObject();

	cJSON_AddStringToObject(p, "text", m->content);
	return outbox_enqueue_json(db, OUTBOX_SMS, m->id, m->recipient_id, p);
}

enum outcome
message_send_and_create_tx(struct db *db, struct message *m,
    int64_t mentor_id)
{
	enum outcome	rc;

	m->direction = MESSAGE_OUTBOUND;
	m->delivery = DELIVERY_QUEUED;
	if ((rc = message_insert(db, m)) != OUTCOME_OK ||
	    (rc = message_send(db, m)) != OUTCOME_OK)
		return rc;
	return event_record(db, EVENT_MESSAGE_SENT, m->type == MESSAGE_SYSTEM ?
	    "System message sent" : "Message sent", mentor_id, m->id, NULL);
}

/* message_create_by_mentor's checks and writes, in its transaction. */
static enum outcome
message_create_by_mentor_tx(struct db *db, struct arena *a,
    int64_t mentor_id, const struct message_input *in, struct message *m,
    struct outcome_detail *d)
{
	struct mentor	mentor;
	enum outcome	rc;

	if ((rc = mentor_get(db, a, mentor_id, &mentor)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, NULL,
		    "No mentee is linked to this mentor.");
	if (rc != OUTCOME_OK)
		return rc;
	if (in->sender_id != 0 && in->sender_id != mentor_id)
		return outcome_fail(d, OUTCOME_INVALID, "sender_id",
		    "Messages can only be sent as yourself.");
	if (in->recipient_id != 0 && in->recipient_id != mentor.mentee_id)
		return outcome_fail(d, OUTCOME_INVALID, "recipient_id",
		    "Messages can only be sent to your mentee.");
	memset(m, 0, sizeof(*m));
	m->sender_id = mentor_id;
	m->recipient_id = mentor.mentee_id;
	m->type = MESSAGE_USER;
	m->content = in->content;
	return message_send_and_create_tx(db, m, mentor_id);
}

enum outcome
message_create_by_mentor(struct db *db, struct arena *a, int64_t mentor_id,
    const struct message_input *in, struct message *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, message_create_by_mentor_tx(db, a, mentor_id, in,
	    out, d));
}

/* receive_message inside the caller's transaction. */
static enum outcome
message_receive_tx(struct db *db, struct message *m)
{
	enum outcome	rc;

	if (m->recipient_id == 0 && (rc = mentor_of_mentee(db, m->sender_id,
	    &m->recipient_id)) != OUTCOME_OK)
		return rc;
	m->direction = MESSAGE_INBOUND;
	m->delivery = DELIVERY_RECEIVED;
	m->type = MESSAGE_USER;
	if ((rc = message_insert(db, m)) != OUTCOME_OK ||
	    (rc = event_record(db, EVENT_MESSAGE_RECEIVED, "Message received",
	    m->recipient_id, m->id, NULL)) != OUTCOME_OK)
		return rc;
	return outbox_push(db, m->recipient_id, m->id,
	    "New message from your mentee", m->content, PUSH_NEW_MESSAGE,
	    m->id);
}

enum outcome
message_receive(struct db *db, struct message *m)
{
	enum outcome	rc;
	bool		own;

	if ((rc = db_join(db, &own)) != OUTCOME_OK)
		return rc;
	return db_leave(db, own, message_receive_tx(db, m));
}

/* The user with a number, or OUTCOME_INVALID on field. */
static enum outcome
relayed_party(struct db *db, struct arena *a, const char *e164,
    const char *field, struct user *u, struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = user_get_by_contact(db, a, e164, u)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, field,
		    "No user has this number.");
	return rc;
}

static enum outcome
message_create_relayed_tx(struct db *db, struct arena *a,
    const struct relayed_message_input *in, struct message *m,
    struct outcome_detail *d)
{
	const struct user	*mu, *eu;
	struct user		 from, to;
	struct mentor		 mentor;
	enum outcome		 rc;

	if ((rc = relayed_party(db, a, in->sender, "sender_contact", &from,
	    d)) != OUTCOME_OK ||
	    (rc = relayed_party(db, a, in->recipient, "recipient_contact", &to,
	    d)) != OUTCOME_OK)
		return rc;
	/* Which of the two is the mentor? */
	mu = from.role == USER_ROLE_MENTOR ? &from : &to;
	eu = mu == &from ? &to : &from;
	rc = mentor_get(db, a, mu->id, &mentor);
	if (rc == OUTCOME_NOT_FOUND || (rc == OUTCOME_OK &&
	    mentor.mentee_id != eu->id))
		return outcome_fail(d, OUTCOME_INVALID, "non_field_errors",
		    "The sender and the recipient are not a mentor and their "
		    "mentee.");
	if (rc != OUTCOME_OK)
		return rc;
	memset(m, 0, sizeof(*m));
	m->sender_id = from.id;
	m->recipient_id = to.id;
	m->type = MESSAGE_USER;
	m->content = in->content;
	m->sender_contact = from.contact_number;
	m->recipient_contact = to.contact_number;
	if (from.role == USER_ROLE_MENTEE)
		return message_receive_tx(db, m);
	/* From the mentor: it was delivered already, no outbox. */
	m->direction = MESSAGE_OUTBOUND;
	m->delivery = DELIVERY_SENT;
	if ((rc = message_insert(db, m)) != OUTCOME_OK)
		return rc;
	return event_record(db, EVENT_MESSAGE_SENT, "Message sent",
	    m->sender_id, m->id, NULL);
}

enum outcome
message_create_relayed(struct db *db, struct arena *a,
    const struct relayed_message_input *in, struct message *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, message_create_relayed_tx(db, a, in, out, d));
}
