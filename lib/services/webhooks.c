#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "models/call.h"
#include "models/cdr.h"
#include "models/event.h"
#include "models/user.h"
#include "services/calls.h"
#include "services/messaging.h"
#include "services/service.h"
#include "services/webhooks.h"

static void
verdict(struct webhook_result *out, enum webhook_verdict v, int64_t id,
    const char *detail)
{
	out->verdict = v;
	out->object_id = id;
	snprintf(out->detail, sizeof(out->detail), "%s", detail);
}

static void
verdict_error(struct webhook_result *out, int rc)
{
	verdict(out, VERDICT_ERROR, 0, "The database failed.");
	out->rc = rc;
}

/* Finds the call by our partner id, else by the conversation id. */
static int
find_call(struct db *db, struct arena *a, const struct oniondev_call_end *in,
    struct call *c)
{
	int	rc = 0;

	if (in->scheduled_call_id != NULL &&
	    (rc = call_from_partner_id(db, a, in->scheduled_call_id, c)) != 0)
		return rc;
	if (in->conversation_id != NULL)
		rc = call_from_conversation(db, a, in->conversation_id, c);
	return rc;
}

/* The CDRs, the report, and what follows from it, in one transaction. */
static int
call_end_tx(struct db *db, const struct oniondev_call_end *in, struct call *c)
{
	const char	*cause = "";
	int		 rc;

	for (size_t i = 0; i < in->ncdrs; i++) {
		struct cdr	r = { .call_id = c->id, .partner_id = in->cdrs[i].id,
				    .start_time = in->cdrs[i].start_time,
				    .status = in->cdrs[i].error_cause };

		if ((rc = cdr_upsert(db, &r)) != DB_OK)
			return rc;
		if (in->cdrs[i].error_cause != NULL)
			cause = in->cdrs[i].error_cause;
	}
	c->partner_start_time = in->start_time;
	c->partner_end_time = in->end_time;
	c->recording_url = in->recording_url;
	if (in->conversation_id != NULL)
		c->call_id = in->conversation_id;
	if (in->success)
		return call_handle_ended_successful_tx(db, c);
	if (c->end_time == 0)
		c->end_time = in->end_time;
	c->status = CALL_INACTIVE;
	if ((rc = call_store_partner_report(db, c)) != DB_OK ||
	    (rc = call_set_status(db, c->id, CALL_INACTIVE, cause)) != DB_OK)
		return rc;
	return event_record(db, EVENT_CALL_FAILED, *cause ? cause :
	    "Call not connected", c->caller_id, c->id, NULL);
}

void
webhook_oniondev_call_end(struct db *db, struct arena *a,
    const struct oniondev_call_end *in, struct webhook_result *out)
{
	struct call	c;
	int		rc;

	memset(out, 0, sizeof(*out));
	if ((rc = find_call(db, a, in, &c)) < 0) {
		verdict_error(out, rc);
		return;
	}
	if (rc == 0) {
		verdict(out, VERDICT_UNKNOWN, 0, "No call has that "
		    "scheduledCallId or conversationId.");
		return;
	}
	/* A call-end report that was acted on already: the call has left
	 * "in progress" and knows its partner's end time. */
	if (c.status != CALL_INPROGRESS &&
	    (c.partner_end_time != 0 || c.call_id != NULL)) {
		verdict(out, VERDICT_ALREADY, c.id,
		    "The end of this call was reported already.");
		return;
	}
	if ((rc = db_begin(db)) == DB_OK)
		rc = db_finish(db, call_end_tx(db, in, &c));
	if (rc != DB_OK) {
		verdict_error(out, rc);
		return;
	}
	log_info("call %lld ended: %s", (long long)c.id, in->success ?
	    "successful" : "not connected");
	verdict(out, VERDICT_DONE, c.id, in->success ? "Call ended." :
	    "Call not connected.");
}

/* The mentee with number e164: 1 found, 0 not, negative rc. */
static int
find_mentee(struct db *db, struct arena *a, const char *e164, struct user *u)
{
	int	rc;

	if ((rc = user_get_by_contact(db, a, e164, u)) != 1)
		return rc;
	return u->role == USER_ROLE_MENTEE;
}

void
webhook_oniondev_feedback(struct db *db, struct arena *a,
    const struct oniondev_feedback *in, struct webhook_result *out)
{
	struct feedback	f;
	struct user	mentee;
	struct call	c;
	int		rc;

	memset(out, 0, sizeof(*out));
	if ((rc = find_mentee(db, a, in->caller, &mentee)) <= 0) {
		if (rc < 0)
			verdict_error(out, rc);
		else
			verdict(out, VERDICT_UNKNOWN, 0,
			    "No mentee has the number cdr.callerid.");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.sender_id = mentee.id;
	f.start_time = in->start_time;
	f.completed = in->completed;
	f.content = in->raw;
	f.conversation_id = in->conversation_id;
	for (int i = 0; i < FEEDBACK_QUESTIONS; i++)
		f.questions[i] = in->answers[i];
	/* The feedback is about the mentee's last call before it. */
	if ((rc = call_latest_for_receiver(db, a, mentee.id, in->start_time ?
	    in->start_time : time_now_us(), &c)) < 0) {
		verdict_error(out, rc);
		return;
	}
	if (rc == 1)
		f.call_id = c.id;
	rc = f.conversation_id != NULL ?
	    feedback_upsert_conversation(db, &f) : feedback_insert(db, &f);
	if (rc != DB_OK) {
		verdict_error(out, rc);
		return;
	}
	verdict(out, VERDICT_DONE, f.id, "Feedback stored.");
}

void
webhook_oniondev_message(struct db *db, struct arena *a,
    const struct oniondev_message *in, struct webhook_result *out)
{
	struct message	m;
	struct user	mentee;
	int		rc;

	memset(out, 0, sizeof(*out));
	if ((rc = find_mentee(db, a, in->mobile, &mentee)) <= 0) {
		if (rc < 0)
			verdict_error(out, rc);
		else
			verdict(out, VERDICT_UNKNOWN, 0,
			    "No mentee has that mobile number.");
		return;
	}
	memset(&m, 0, sizeof(m));
	m.sender_id = mentee.id;
	m.content = in->text;
	if ((rc = message_receive(db, &m)) == SVC_NOT_FOUND) {
		verdict(out, VERDICT_UNKNOWN, 0, "That mentee has no mentor.");
		return;
	}
	if (rc != DB_OK) {
		verdict_error(out, rc);
		return;
	}
	verdict(out, VERDICT_DONE, m.id, "Message received.");
}
