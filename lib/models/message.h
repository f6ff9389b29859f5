/*
 * Messages between a mentor and their mentee, carried by SMS.  Outbound
 * ones are written by the mentor (or by the system in their name) and
 * delivered through the outbox; inbound ones came from the mentee.
 */
#ifndef MT_MESSAGE_H
#define MT_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

enum message_type {
	MESSAGE_SYSTEM,
	MESSAGE_USER,
	MESSAGE_TYPE__MAX
};

enum message_direction {
	MESSAGE_INBOUND,
	MESSAGE_OUTBOUND,
	MESSAGE_DIRECTION__MAX
};

enum message_delivery {
	DELIVERY_QUEUED,
	DELIVERY_SENT,
	DELIVERY_FAILED,
	DELIVERY_RECEIVED,
	MESSAGE_DELIVERY__MAX
};

extern const char *const message_type_names[MESSAGE_TYPE__MAX];
extern const char *const message_direction_names[MESSAGE_DIRECTION__MAX];
extern const char *const message_delivery_names[MESSAGE_DELIVERY__MAX];

struct message {
	int64_t			 id;
	int64_t			 time_sent;
	int64_t			 sender_id;
	int64_t			 recipient_id;
	enum message_type	 type;
	const char		*content;
	enum message_direction	 direction;
	enum message_delivery	 delivery;
	/* Admin and provider views only: never shown to a mentor. */
	const char		*sender_contact;
	const char		*recipient_contact;
};

/* The longest content: ten concatenated SMS. */
#define MESSAGE_CONTENT_MAX	1600

/* Inserts m (time_sent now when 0) and sets its id. */
enum outcome message_insert(struct db *db, struct message *m);
/* OUTCOME_NOT_FOUND also when user_id neither sent nor received it. */
enum outcome message_get_for_user(struct db *db, struct arena *a, int64_t id,
	    int64_t user_id, struct message *out);
/* Any message (providers, admins). */
enum outcome message_get(struct db *db, struct arena *a, int64_t id,
	    struct message *out);
enum outcome message_set_delivery(struct db *db, int64_t id,
	    enum message_delivery delivery);

/*
 * Every message with an id above filter.since_id (0: all), newest first;
 * those filter.user_id sent or received.
 */
extern const struct db_list message_list_all;
extern const struct db_list message_list_by_user;

#endif
