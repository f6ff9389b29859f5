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
#include "db/list.h"

struct scheduled_call {
	int64_t	id;
	int64_t	created_at;
	int64_t	call_time;
	int64_t	caller_id;
	int64_t	callee_id;
	int64_t	activity_id;	/* 0 = none */
	int64_t	cancelled_at;	/* 0 = not cancelled */
};

/* Inserts sc (created_at now) and sets its id. */
enum outcome scheduled_call_insert(struct db *db, struct scheduled_call *sc);
/* OUTCOME_NOT_FOUND also when it is cancelled or not caller_id's. */
enum outcome scheduled_call_get_by_caller(struct db *db, struct arena *a,
	    int64_t id, int64_t caller_id, struct scheduled_call *out);
/* The same, locking the row until the transaction ends. */
enum outcome scheduled_call_lock_by_caller(struct db *db, struct arena *a,
	    int64_t id, int64_t caller_id, struct scheduled_call *out);
/* Everybody's calls still planned with call_time in [from, to]. */
enum outcome scheduled_call_list_between(struct db *db, struct arena *a,
	    int64_t from, int64_t to, struct scheduled_call **out, size_t *n);
/* Sets call_time and activity.  OUTCOME_NOT_FOUND when cancelled. */
enum outcome scheduled_call_update(struct db *db,
	    const struct scheduled_call *sc);
/* Marks it cancelled now.  OUTCOME_NOT_FOUND when it already is. */
enum outcome scheduled_call_cancel(struct db *db, int64_t id);

/* The calls filter.user_id still plans, soonest first. */
extern const struct db_list scheduled_call_list_by_caller;

#endif
