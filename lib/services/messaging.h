/*
 * Messages between mentors and mentees: the seed's send_and_create, send
 * and receive_message.  Outbound SMS and pushes go through the outbox,
 * written in the same transaction as the message.
 */
#ifndef MT_MESSAGING_H
#define MT_MESSAGING_H

#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "core/phone.h"
#include "db/db.h"
#include "models/message.h"

/* A message a mentor writes: sender_id and recipient_id may be left 0. */
struct message_input {
	const char	*content;
	int64_t		 sender_id;	/* 0 or the mentor */
	int64_t		 recipient_id;	/* 0 or the mentor's mentee */
};

/* An SMS a provider carried, by the numbers it was carried between. */
struct relayed_message_input {
	char		 sender[PHONE_E164_LEN];	/* E.164 */
	char		 recipient[PHONE_E164_LEN];
	const char	*content;
};

/*
 * A message from mentor_id to their mentee, queued for SMS, with a
 * message_sent event.  *out is the message stored.  OUTCOME_INVALID when
 * the mentor has no mentee, or the sender or recipient given is somebody
 * else (d->field says which).
 */
enum outcome message_create_by_mentor(struct db *db, struct arena *a,
	    int64_t mentor_id, const struct message_input *in,
	    struct message *out, struct outcome_detail *d);
/*
 * An SMS a provider carried between a mentor and their mentee (POST
 * /comms/message/): from the mentee it is received (receive_message),
 * from the mentor recorded as sent (no SMS is queued: it was delivered).
 * *out is the message stored, with the numbers.  OUTCOME_INVALID when a
 * number belongs to nobody, or the two are not a mentor and their mentee.
 */
enum outcome message_create_relayed(struct db *db, struct arena *a,
	    const struct relayed_message_input *in, struct message *out,
	    struct outcome_detail *d);

/*
 * Inside the caller's transaction: stores an outbound message from sender
 * to recipient, queues its SMS and records a message_sent event for
 * mentor_id.  m->id is set.
 */
enum outcome message_send_and_create_tx(struct db *db, struct message *m,
	    int64_t mentor_id);
/* Queues the SMS of a stored outbound message (again). */
enum outcome message_send(struct db *db, const struct message *m);
/*
 * The seed's receive_message: a message from a mentee (sender_id) to
 * their mentor (m->recipient_id, or when 0 the mentor the mentee's
 * messages go to); stores it, records a receive_message event and queues
 * a push to the mentor.  m->recipient_id and m->id are set.
 * OUTCOME_NOT_FOUND when the mentee has no mentor.  In the caller's
 * transaction when one is open (db_join()).
 */
enum outcome message_receive(struct db *db, struct message *m);

#endif
