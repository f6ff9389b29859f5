/*
 * Calls between a mentor (caller) and their mentee (receiver), bridged by
 * the voice provider.  The seed's Call model and its methods.
 *
 * A call's state changes only in services/calls.c: it locks the row
 * (call_lock*), changes the struct with the pure methods below and
 * writes it back with call_save(), in one transaction.
 */
#ifndef MT_CALL_H
#define MT_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

enum call_status {
	CALL_SUCCESSFUL,
	CALL_SCHEDULED,
	CALL_INACTIVE,
	CALL_INPROGRESS,
	CALL_STATUS__MAX
};

extern const char *const call_status_names[CALL_STATUS__MAX];

struct call {
	int64_t			 id;
	int64_t			 start_time;	/* 0 = NULL, as all times */
	int64_t			 partner_start_time;
	int64_t			 end_time;
	int64_t			 partner_end_time;
	int64_t			 caller_id;
	int64_t			 receiver_id;
	int64_t			 feedback_task_id;	/* 0 = none */
	const char		*recording_url;
	const char		*partner_id;	/* NULL until the provider said */
	int64_t			 activity_id;
	int64_t			 scheduled_call_id;
	const char		*call_id;	/* the provider's conversation */
	enum call_status	 status;
	const char		*status_reason;
};

int	call_status_parse(const char *name, enum call_status *out);

/* ---- reading ---- */

enum outcome call_get(struct db *db, struct arena *a, int64_t id,
	    struct call *out);
/* Like call_get, but only a call that caller_id made. */
enum outcome call_get_by_caller(struct db *db, struct arena *a, int64_t id,
	    int64_t caller_id, struct call *out);
/*
 * The newest call to receiver_id that the provider knows by either id:
 * its partner_id or its conversation id (call_id) is id1 or id2 (either
 * may be NULL).  How IVR feedback finds its call.
 */
enum outcome call_of_receiver_by_ids(struct db *db, struct arena *a,
	    int64_t receiver_id, const char *id1, const char *id2,
	    struct call *out);
/* The latest call to receiver_id that started before `before`. */
enum outcome call_latest_for_receiver(struct db *db, struct arena *a,
	    int64_t receiver_id, int64_t before, struct call *out);

/* Every call, newest first; the calls of filter.user_id (the caller). */
extern const struct db_list call_list_all;
extern const struct db_list call_list_by_caller;

/* ---- locking and writing, for services/calls.c ---- */

/* Inserts c (start_time now when 0) and sets c->id. */
enum outcome call_insert(struct db *db, struct call *c);
/*
 * Reads call id (made by caller_id, unless caller_id is 0) and locks it
 * until the transaction ends.
 */
enum outcome call_lock(struct db *db, struct arena *a, int64_t id,
	    int64_t caller_id, struct call *out);
/* The seed's from_partner_id, locked: the call known to the provider as
 * partner_id, else by conversation (call_id).  Either may be NULL. */
enum outcome call_lock_by_provider_ids(struct db *db, struct arena *a,
	    const char *partner_id, const char *conversation_id,
	    struct call *out);
/*
 * Up to limit calls still in progress that started before `before`, with
 * no partner end time, oldest first, locked; rows other transactions hold
 * are skipped.  An array in a (*out, *n).
 */
enum outcome call_lock_stale(struct db *db, struct arena *a, int64_t before,
	    unsigned limit, struct call **out, size_t *n);
/* Writes every changeable column of c back (c must be locked). */
enum outcome call_save(struct db *db, const struct call *c);

/* ---- the seed's methods: pure functions of a loaded call ---- */

/* ended(): end_time becomes now, unless it is set.  True if it changed. */
bool		 call_ended(struct call *c, int64_t now_us);
/* status(new_status), with a reason kept for admins (NULL: none). */
void		 call_set_status(struct call *c, enum call_status status,
		    const char *reason);
/* How long the call lasted according to the partner, or -1 unknown. */
int64_t		 call_duration_us(const struct call *c);
/* Partner start minus our start, or -1 unknown. */
int64_t		 call_lag_us(const struct call *c);
/* "Successful", "Scheduled", "Inactive", "In progress". */
const char	*call_status_display(const struct call *c);
/*
 * Whether a call still in progress has waited longer than timeout_us
 * since it started without the partner reporting its end.
 */
bool		 call_has_timed_out(const struct call *c, int64_t now_us,
		    int64_t timeout_us);
/* Whether the provider's report of this call's end was taken already:
 * the call has left "in progress" and knows what the partner said. */
bool		 call_end_was_reported(const struct call *c);

#endif
