/*
 * Calls as a whole: the seed's dial() and handle_ended_successful().
 */
#ifndef MT_CALLS_H
#define MT_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "models/call.h"
#include "providers/provider.h"

/*
 * Starts a call from mentor_id to their mentee: records it (in progress,
 * start_time now) with a start_call event, then asks the voice provider to
 * connect the two numbers and keeps the provider's id as partner_id.  When
 * the provider fails, the call becomes inactive with a call_failed event,
 * the reason goes to reason, and SVC_PROVIDER is returned.  *out is the
 * call as stored in every case where it was created.  SVC_NOT_FOUND when
 * mentor_id is no mentor; else an enum db_rc.
 */
int	call_dial(struct db *db, struct providers *ps, struct arena *a,
	    int64_t mentor_id, struct call *out, char *reason, size_t reasonsz);
/*
 * The provider reported that call c ended successfully: stores the report
 * (c's partner times, recording, conversation id), sets end_time, creates
 * the mentor's feedback task, a call_ended event and a push to the mentor,
 * all in one transaction.  An enum db_rc.
 */
int	call_handle_ended_successful(struct db *db, struct call *c);
/* The same inside the caller's transaction. */
int	call_handle_ended_successful_tx(struct db *db, struct call *c);

#endif
