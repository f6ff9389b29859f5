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

/* Inserts m (time_sent now when 0) and sets its id.  An enum db_rc. */
int	message_insert(struct db *db, struct message *m);
/* 1 found, 0 not found or neither sent nor received by user_id. */
int	message_get_for_user(struct db *db, struct arena *a, int64_t id,
	    int64_t user_id, struct message *out);
/* Any message (providers, admins).  1/0/negative rc. */
int	message_get(struct db *db, struct arena *a, int64_t id,
	    struct message *out);
/*
 * Messages sent or received by user_id (0: all) with an id above since_id
 * (0: all), newest first.
 */
int	message_list(struct db *db, struct arena *a, int64_t user_id,
	    int64_t since_id, int64_t offset, int64_t limit,
	    struct message **out, size_t *n);
int	message_count(struct db *db, int64_t user_id, int64_t since_id,
	    int64_t *count);
int	message_set_delivery(struct db *db, int64_t id,
	    enum message_delivery delivery);

#endif
