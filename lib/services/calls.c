#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "models/cdr.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/activity.h"
#include "models/outbox.h"
#include "models/scheduled_call.h"
#include "models/task.h"
#include "services/calls.h"

/* ---- dial ---- */

/* Inserts the call and its start_call event in one transaction. */
static enum outcome
call_record_start(struct db *db, struct call *c)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	if ((rc = call_insert(db, c)) == OUTCOME_OK)
		rc = event_record(db, EVENT_START_CALL, "Call started",
		    c->caller_id, c->id, NULL);
	return db_finish(db, rc);
}

/*
 * What the provider answered, into the locked call: its id, or the call
 * made inactive with the reason and a call_failed event.
 */
static enum outcome
call_record_dialled(struct db *db, struct arena *a, int64_t id,
    const char *partner_id, const char *failure, struct call *out)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	if ((rc = call_lock(db, a, id, 0, out)) != OUTCOME_OK)
		goto out;
	/* Copies: the provider's answer is the caller's, not *out's. */
	if (failure == NULL)
		out->partner_id = arena_strdup(a, partner_id);
	else
		call_set_status(out, CALL_INACTIVE, arena_strdup(a, failure));
	if ((rc = call_save(db, out)) == OUTCOME_OK && failure != NULL)
		rc = event_record(db, EVENT_CALL_FAILED, failure,
		    out->caller_id, out->id, NULL);
out:
	return db_finish(db, rc);
}

/*
 * What the call is about: the scheduled call in names (the mentor's own,
 * not cancelled) and its activity, unless in names another (which must
 * exist).  Fills c's scheduled_call_id and activity_id.
 */
static enum outcome
call_purpose(struct db *db, struct arena *a, int64_t mentor_id,
    const struct call_input *in, struct call *c, struct outcome_detail *d)
{
	struct scheduled_call	sc;
	enum outcome		rc;

	if (in == NULL)
		return OUTCOME_OK;
	if (in->scheduled_call_id != 0) {
		rc = scheduled_call_get_by_caller(db, a, in->scheduled_call_id,
		    mentor_id, &sc);
		if (rc == OUTCOME_NOT_FOUND)
			return outcome_fail(d, OUTCOME_INVALID, "scheduled_call",
			    "Invalid pk \"%lld\" - object does not exist.",
			    (long long)in->scheduled_call_id);
		if (rc != OUTCOME_OK)
			return rc;
		c->scheduled_call_id = sc.id;
		c->activity_id = sc.activity_id;
	}
	if (in->activity_id != 0) {
		if ((rc = activity_exists(db, in->activity_id)) ==
		    OUTCOME_NOT_FOUND)
			return outcome_fail(d, OUTCOME_INVALID, "activity",
			    "Invalid pk \"%lld\" - object does not exist.",
			    (long long)in->activity_id);
		if (rc != OUTCOME_OK)
			return rc;
		c->activity_id = in->activity_id;
	}
	return OUTCOME_OK;
}

enum outcome
call_dial(struct db *db, struct providers *ps, struct arena *a,
    int64_t mentor_id, const struct call_input *in, struct call *out,
    struct outcome_detail *d)
{
	struct provider_result	res;
	struct mentor		mentor;
	struct user		mentee;
	struct call		c;
	enum outcome		rc;
	int			failed;

	if ((rc = mentor_get(db, a, mentor_id, &mentor)) == OUTCOME_OK)
		rc = user_get_by_id(db, a, mentor.mentee_id, &mentee);
	if (rc == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, NULL,
		    "No mentee is linked to this mentor.");
	if (rc != OUTCOME_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	c.caller_id = mentor_id;
	c.receiver_id = mentee.id;
	c.status = CALL_INPROGRESS;
	if ((rc = call_purpose(db, a, mentor_id, in, &c, d)) != OUTCOME_OK ||
	    (rc = call_record_start(db, &c)) != OUTCOME_OK)
		return rc;
	/* The provider is asked outside any transaction: it may take
	 * seconds, and no lock is held meanwhile. */
	memset(&res, 0, sizeof(res));
	if (mentor.user.contact_number == NULL ||
	    mentee.contact_number == NULL) {
		snprintf(res.error, sizeof(res.error),
		    "a contact number is missing");
		failed = 1;
	} else
		failed = provider_start_call(ps, mentor.user.contact_number,
		    mentee.contact_number, &res) != 0;
	if (failed)
		log_warn("call %lld: the provider failed: %s", (long long)c.id,
		    res.error);
	if ((rc = call_record_dialled(db, a, c.id, res.partner_id,
	    failed ? res.error : NULL, out)) != OUTCOME_OK)
		return rc;
	if (failed)
		return outcome_fail(d, OUTCOME_PROVIDER_FAILED, NULL,
		    "The voice provider could not start the call: %s",
		    res.error);
	return OUTCOME_OK;
}

/* ---- ended ---- */

enum outcome
call_end_now(struct db *db, struct arena *a, int64_t id, int64_t caller_id,
    struct call *out)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	if ((rc = call_lock(db, a, id, caller_id, out)) == OUTCOME_OK &&
	    call_ended(out, time_now_us()))
		rc = call_save(db, out);
	return db_finish(db, rc);
}

/* ---- the provider's report ---- */

/*
 * handle_ended_successful inside the caller's transaction, c locked and
 * holding the partner's report.
 */
static enum outcome
call_ended_successful_tx(struct db *db, struct call *c)
{
	char		 ts[TIME_ISO_LEN], desc[128];
	struct task	 t;
	enum outcome	 rc;

	(void)call_ended(c, time_now_us());
	call_set_status(c, CALL_SUCCESSFUL, NULL);
	time_format_iso(c->start_time, ts);
	/* "Complete feedback for call at 16:13 on 2016-02-08", as the seed. */
	snprintf(desc, sizeof(desc), "Complete feedback for call at %.5s on "
	    "%.10s", ts + 11, ts);
	memset(&t, 0, sizeof(t));
	t.mentor_id = c->caller_id;
	t.description = desc;
	t.status = TASK_PENDING;
	t.call_id = c->id;
	if ((rc = task_insert(db, &t)) != OUTCOME_OK)
		return rc;
	c->feedback_task_id = t.id;
	if ((rc = call_save(db, c)) != OUTCOME_OK ||
	    (rc = event_record(db, EVENT_CALL_ENDED, "Call ended",
	    c->caller_id, c->id, NULL)) != OUTCOME_OK ||
	    (rc = event_record(db, EVENT_FEEDBACK_TASK, desc, c->caller_id,
	    t.id, NULL)) != OUTCOME_OK)
		return rc;
	return outbox_push(db, c->caller_id, 0, "Call ended",
	    "How did it go? Your feedback task is waiting.", PUSH_CALL_ENDED,
	    c->id);
}

/* The attempts, the report, and what follows from it; c is locked. */
static enum outcome
call_report_end_tx(struct db *db, const struct call_end_report *in,
    struct call *c)
{
	const char	*cause = "";
	enum outcome	 rc;

	for (size_t i = 0; i < in->nattempts; i++) {
		const struct call_attempt	*at = &in->attempts[i];
		struct cdr			 r = { .call_id = c->id,
						    .partner_id = at->id,
						    .start_time = at->start_time,
						    .status = at->error_cause };

		if ((rc = cdr_upsert(db, &r)) != OUTCOME_OK)
			return rc;
		if (at->error_cause != NULL)
			cause = at->error_cause;
	}
	c->partner_start_time = in->start_time;
	c->partner_end_time = in->end_time;
	c->recording_url = in->recording_url;
	if (in->conversation_id != NULL)
		c->call_id = in->conversation_id;
	if (in->success)
		return call_ended_successful_tx(db, c);
	if (c->end_time == 0)
		c->end_time = in->end_time;
	call_set_status(c, CALL_INACTIVE, cause);
	if ((rc = call_save(db, c)) != OUTCOME_OK)
		return rc;
	return event_record(db, EVENT_CALL_FAILED, *cause ? cause :
	    "Call not connected", c->caller_id, c->id, NULL);
}

enum outcome
call_report_end(struct db *db, struct arena *a,
    const struct call_end_report *in, int64_t *call_id, bool *already,
    struct outcome_detail *d)
{
	struct call	c;
	enum outcome	rc;
	bool		own;

	*call_id = 0;
	*already = false;
	if ((rc = db_join(db, &own)) != OUTCOME_OK)
		return rc;
	rc = call_lock_by_provider_ids(db, a, in->partner_id,
	    in->conversation_id, &c);
	if (rc == OUTCOME_NOT_FOUND)
		(void)outcome_fail(d, rc, NULL, "No call has that "
		    "scheduledCallId or conversationId.");
	if (rc != OUTCOME_OK)
		goto out;
	*call_id = c.id;
	/* Under the lock, so that two deliveries of one report cannot both
	 * find it new. */
	if (call_end_was_reported(&c)) {
		*already = true;
		(void)outcome_fail(d, OUTCOME_OK, NULL,
		    "The end of this call was reported already.");
		goto out;
	}
	if ((rc = call_report_end_tx(db, in, &c)) != OUTCOME_OK)
		goto out;
	log_info("call %lld ended: %s", (long long)c.id, in->success ?
	    "successful" : "not connected");
	(void)outcome_fail(d, OUTCOME_OK, NULL, in->success ? "Call ended." :
	    "Call not connected.");
out:
	return db_leave(db, own, rc);
}

/* ---- time-outs ---- */

enum outcome
call_time_out_stale(struct db *db, int64_t now_us, int64_t timeout_us,
    unsigned limit, int *count)
{
	struct call	*calls;
	struct arena	 a;
	size_t		 n = 0;
	enum outcome	 rc;

	*count = 0;
	arena_init(&a, 0);
	if ((rc = db_begin(db)) != OUTCOME_OK)
		goto out;
	rc = call_lock_stale(db, &a, now_us - timeout_us, limit, &calls, &n);
	for (size_t i = 0; rc == OUTCOME_OK && i < n; i++) {
		struct call	*c = &calls[i];

		if (!call_has_timed_out(c, now_us, timeout_us))
			continue;
		call_set_status(c, CALL_INACTIVE,
		    "timed out: no call-end report");
		if ((rc = call_save(db, c)) == OUTCOME_OK)
			rc = event_record(db, EVENT_CALL_TIMED_OUT,
			    "Call timed out", c->caller_id, c->id, NULL);
		if (rc == OUTCOME_OK) {
			(*count)++;
			log_info("call %lld timed out", (long long)c->id);
		}
	}
	rc = db_finish(db, rc);
	if (rc != OUTCOME_OK)
		*count = 0;
out:
	arena_release(&a);
	return rc;
}
