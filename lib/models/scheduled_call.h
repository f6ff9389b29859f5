/*
 * Scheduled calls: a call a mentor plans with their mentee.  Cancelled ones
 * are kept (cancelled_at) but no longer found or listed.
 */
#ifndef MT_SCHEDULED_CALL_H
#define MT_SCHEDULED_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

struct scheduled_call {
	int64_t	id;
	int64_t	created_at;
	int64_t	call_time;
	int64_t	caller_id;
	int64_t	callee_id;
	int64_t	activity_id;	/* 0 = none */
	int64_t	cancelled_at;	/* 0 = not cancelled */
};

/* Inserts sc (created_at now) and sets its id.  An enum db_rc. */
int	scheduled_call_insert(struct db *db, struct scheduled_call *sc);
/* 1 found, 0 not found (or cancelled, or not caller_id's), negative rc. */
int	scheduled_call_get_by_caller(struct db *db, struct arena *a,
	    int64_t id, int64_t caller_id, struct scheduled_call *out);
/* Calls still planned by caller_id, soonest first. */
int	scheduled_call_list(struct db *db, struct arena *a, int64_t caller_id,
	    int64_t offset, int64_t limit, struct scheduled_call **out,
	    size_t *n);
int	scheduled_call_count(struct db *db, int64_t caller_id, int64_t *count);
/* Everybody's calls still planned with call_time in [from, to]. */
int	scheduled_call_list_between(struct db *db, struct arena *a,
	    int64_t from, int64_t to, struct scheduled_call **out, size_t *n);
/* Sets call_time and activity.  1 done, 0 not found, negative rc. */
int	scheduled_call_update(struct db *db, const struct scheduled_call *sc);
/* Marks it cancelled now.  1 done, 0 not found or already cancelled. */
int	scheduled_call_cancel(struct db *db, int64_t id);

#endif
