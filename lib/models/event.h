/*
 * Events: what happened, for the mentor's timeline ("occured_at", as the
 * seed spells it).
 */
#ifndef MT_EVENT_H
#define MT_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

/* The event types this server records. */
#define EVENT_START_CALL	"start_call"
#define EVENT_CALL_FAILED	"call_failed"
#define EVENT_CALL_ENDED	"call_ended"
#define EVENT_CALL_TIMED_OUT	"call_timed_out"
#define EVENT_FEEDBACK_TASK	"feedback_task"
#define EVENT_MESSAGE_SENT	"message_sent"
#define EVENT_MESSAGE_RECEIVED	"receive_message"
#define EVENT_CALL_SCHEDULED	"call_scheduled"
#define EVENT_CALL_RESCHEDULED	"call_rescheduled"
#define EVENT_CALL_CANCELLED	"call_cancelled"

struct event {
	int64_t		 id;
	int64_t		 occured_at;
	const char	*event_type;
	const char	*description;
	int64_t		 relevant_mentor_id;
	int64_t		 object_id;	/* 0 = none */
};

/* Records an event now; *id may be NULL. */
enum outcome event_record(struct db *db, const char *type,
	    const char *description, int64_t mentor_id, int64_t object_id,
	    int64_t *id);
/* OUTCOME_NOT_FOUND also when it is not relevant to mentor_id. */
enum outcome event_get_for_mentor(struct db *db, struct arena *a, int64_t id,
	    int64_t mentor_id, struct event *out);

/*
 * The events of mentor filter.user_id, newest first; of those, the ones
 * with an id above filter.since_id (the console's polling).
 */
extern const struct db_list event_list_by_mentor;
extern const struct db_list event_list_by_mentor_since;

#endif
