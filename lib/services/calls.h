/*
 * Calls as a whole: every change of a call's state happens here, each in
 * one transaction that starts by locking the call's row (SELECT ... FOR
 * UPDATE), so that a mentor's PUT, the provider's report and the
 * worker's time-out never overwrite one another.
 *
 *   dial           new call (in progress) -> partner id, or inactive
 *   ended          end_time := now, if empty (the seed's PUT)
 *   report         in progress -> successful (task, event, push) or
 *                  inactive (the provider's error cause)
 *   time out       in progress, no report for too long -> inactive
 */
#ifndef MT_CALLS_H
#define MT_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/call.h"
#include "providers/provider.h"

/* What a call is started from: both 0 for an ad-hoc call. */
struct call_input {
	int64_t	scheduled_call_id;	/* the mentor's own, not cancelled */
	int64_t	activity_id;		/* 0: the scheduled call's, if any */
};

/*
 * Starts a call from mentor_id to their mentee: records it (in progress,
 * start_time now, with in's scheduled call and activity; in may be NULL)
 * with a start_call event, then asks the voice provider to connect the
 * two numbers and keeps the provider's id as partner_id.  *out is the
 * call as stored.  OUTCOME_INVALID when mentor_id has no mentee, or the
 * scheduled call or the activity is not there (d->field says which);
 * OUTCOME_PROVIDER_FAILED when the provider failed: the call is then
 * inactive with a call_failed event, *out is filled and d says why.
 */
enum outcome call_dial(struct db *db, struct providers *ps, struct arena *a,
	    int64_t mentor_id, const struct call_input *in, struct call *out,
	    struct outcome_detail *d);
/*
 * The seed's ended(), as PUT and PATCH of a call do: end_time becomes
 * now unless it is set.  Only caller_id's call, unless caller_id is 0.
 * *out is the call as stored.
 */
enum outcome call_end_now(struct db *db, struct arena *a, int64_t id,
	    int64_t caller_id, struct call *out);
/*
 * The provider's report of a call's end: the attempts, the partner's
 * times, and then the seed's handle_ended_successful (end_time now unless
 * set, successful, the mentor's feedback task, a call_ended event and a
 * push to the mentor) or the call made inactive with the last attempt's
 * error cause.  The call is found by its partner id (the seed's
 * from_partner_id) or its conversation id.  A report for a call whose end was
 * reported before changes nothing (*already).  *call_id is the call.
 * OUTCOME_NOT_FOUND when no call has the report's ids.  In the caller's
 * transaction when one is open (db_join()).
 */
enum outcome call_report_end(struct db *db, struct arena *a,
	    const struct call_end_report *in, int64_t *call_id, bool *already,
	    struct outcome_detail *d);
/*
 * Makes inactive, with a call_timed_out event, up to limit calls still
 * in progress timeout_us after they started with no report of their end
 * (has_timed_out at now_us); calls another worker holds are left to it.
 * *count says how many.
 */
enum outcome call_time_out_stale(struct db *db, int64_t now_us,
	    int64_t timeout_us, unsigned limit, int *count);

#endif
