/*
 * Messages between mentors and mentees: the seed's send_and_create, send
 * and receive_message.  Outbound SMS and pushes go through the outbox,
 * written in the same transaction as the message.
 */
#ifndef MT_MESSAGING_H
#define MT_MESSAGING_H

#include <stdint.h>

#include "db/db.h"
#include "models/message.h"

/*
 * Inside the caller's transaction: stores an outbound message from sender
 * to recipient, queues its SMS and records a message_sent event for
 * mentor_id.  m->id is set.  An enum db_rc.
 */
int	message_send_and_create_tx(struct db *db, struct message *m,
	    int64_t mentor_id);
/* The same in a transaction of its own. */
int	message_send_and_create(struct db *db, struct message *m,
	    int64_t mentor_id);
/* Queues the SMS of a stored outbound message (again).  An enum db_rc. */
int	message_send(struct db *db, const struct message *m);
/*
 * The seed's receive_message: a message from a mentee (sender_id) to
 * their mentor (m->recipient_id, or when 0 the mentor the mentee's
 * messages go to); stores it, records a receive_message event and queues
 * a push to the mentor.  m->recipient_id and m->id are set.
 * SVC_NOT_FOUND when the mentee has no mentor, else an enum db_rc.
 */
int	message_receive(struct db *db, struct message *m);

/*
 * Records an SMS a provider carried from a mentor to their mentee (it was
 * delivered already: no outbox), with a message_sent event.  A rc.
 */
int	message_record_relayed(struct db *db, struct message *m);

#endif
