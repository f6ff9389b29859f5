#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "models/task.h"
#include "services/calls.h"
#include "services/service.h"

/* Inserts the call and its start_call event in one transaction. */
static int
call_record_start(struct db *db, struct call *c)
{
	int	rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = call_insert(db, c)) == DB_OK)
		rc = event_record(db, EVENT_START_CALL, "Call started",
		    c->caller_id, c->id, NULL);
	return db_finish(db, rc);
}

/* Marks the call inactive with the reason and a call_failed event. */
static int
call_record_failure(struct db *db, const struct call *c, const char *reason)
{
	int	rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = call_set_status(db, c->id, CALL_INACTIVE, reason)) == DB_OK)
		rc = event_record(db, EVENT_CALL_FAILED, reason, c->caller_id,
		    c->id, NULL);
	return db_finish(db, rc);
}

int
call_dial(struct db *db, struct providers *ps, struct arena *a,
    int64_t mentor_id, struct call *out, char *reason, size_t reasonsz)
{
	struct provider_result	res;
	struct mentor		mentor;
	struct user		mentee;
	struct call		c;
	int			rc;

	reason[0] = '\0';
	if ((rc = mentor_get(db, a, mentor_id, &mentor)) != 1 ||
	    (rc = user_get_by_id(db, a, mentor.mentee_id, &mentee)) != 1)
		return rc == 0 ? SVC_NOT_FOUND : rc;
	memset(&c, 0, sizeof(c));
	c.caller_id = mentor_id;
	c.receiver_id = mentee.id;
	c.status = CALL_INPROGRESS;
	if ((rc = call_record_start(db, &c)) != DB_OK)
		return rc;
	if (mentor.user.contact_number == NULL ||
	    mentee.contact_number == NULL) {
		snprintf(res.error, sizeof(res.error),
		    "a contact number is missing");
		rc = -1;
	} else
		rc = provider_start_call(ps, mentor.user.contact_number,
		    mentee.contact_number, &res);
	if (rc == 0)
		rc = call_set_partner_id(db, c.id, res.partner_id);
	else {
		snprintf(reason, reasonsz, "%s", res.error);
		log_warn("call %lld: the provider failed: %s", (long long)c.id,
		    res.error);
		if ((rc = call_record_failure(db, &c, res.error)) == DB_OK)
			rc = SVC_PROVIDER;
	}
	if (rc < 0)
		return rc;
	if (call_get(db, a, c.id, out) != 1)
		return DB_ERROR;
	return rc;
}

int
call_handle_ended_successful_tx(struct db *db, struct call *c)
{
	char		 ts[TIME_ISO_LEN], desc[128];
	struct task	 t;
	int		 rc;

	if (c->end_time == 0)
		c->end_time = time_now_us();
	c->status = CALL_SUCCESSFUL;
	time_format_iso(c->start_time, ts);
	/* "Complete feedback for call at 16:13 on 2016-02-08", as the seed. */
	snprintf(desc, sizeof(desc), "Complete feedback for call at %.5s on "
	    "%.10s", ts + 11, ts);
	memset(&t, 0, sizeof(t));
	t.mentor_id = c->caller_id;
	t.description = desc;
	t.status = TASK_PENDING;
	t.call_id = c->id;
	if ((rc = call_store_partner_report(db, c)) != DB_OK ||
	    (rc = task_insert(db, &t)) != DB_OK ||
	    (rc = call_set_feedback_task(db, c->id, t.id)) != DB_OK ||
	    (rc = event_record(db, EVENT_CALL_ENDED, "Call ended",
	    c->caller_id, c->id, NULL)) != DB_OK ||
	    (rc = event_record(db, EVENT_FEEDBACK_TASK, desc, c->caller_id,
	    t.id, NULL)) != DB_OK ||
	    (rc = outbox_push(db, c->caller_id, 0, "Call ended",
	    "How did it go? Your feedback task is waiting.", EVENT_CALL_ENDED,
	    c->id)) != DB_OK)
		return rc;
	c->feedback_task_id = t.id;
	return DB_OK;
}

int
call_handle_ended_successful(struct db *db, struct call *c)
{
	int	rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	return db_finish(db, call_handle_ended_successful_tx(db, c));
}
