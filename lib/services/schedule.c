#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "models/activity.h"
#include "services/messaging.h"
#include "services/schedule.h"

static const char SQL_REMINDER[] =
    "INSERT INTO call_reminders (scheduled_call_id, reminder_type,"
    " call_time, outcome, created_at) VALUES (?, ?, ?, ?, ?)";

/* "2016-12-23 17:30 UTC": mentees read it in an SMS. */
static void
format_call_time(int64_t us, char out[32])
{
	char	ts[TIME_ISO_LEN];

	time_format_iso(us, ts);
	snprintf(out, 32, "%.10s %.5s UTC", ts, ts + 11);
}

const char *
scheduled_call_text_scheduled(const struct scheduled_call *sc, char *out,
    size_t outsz)
{
	char	when[32];

	format_call_time(sc->call_time, when);
	snprintf(out, outsz, "Your mentor has scheduled a call with you for "
	    "%s.", when);
	return out;
}

const char *
scheduled_call_text_rescheduled(const struct scheduled_call *sc, char *out,
    size_t outsz)
{
	char	when[32];

	format_call_time(sc->call_time, when);
	snprintf(out, outsz, "Your mentor has moved your call to %s.", when);
	return out;
}

const char *
scheduled_call_text_cancelled(const struct scheduled_call *sc, char *out,
    size_t outsz)
{
	char	when[32];

	format_call_time(sc->call_time, when);
	snprintf(out, outsz, "Your mentor has cancelled your call of %s.",
	    when);
	return out;
}

enum outcome
scheduled_call_notify_callee(struct db *db, const struct scheduled_call *sc,
    const char *text, struct message *m)
{
	memset(m, 0, sizeof(*m));
	m->sender_id = sc->caller_id;
	m->recipient_id = sc->callee_id;
	m->type = MESSAGE_SYSTEM;
	m->content = text;
	return message_send_and_create_tx(db, m, sc->caller_id);
}

/* Notifies the callee with text and records event_type, in one tx. */
static enum outcome
schedule_notify(struct db *db, const struct scheduled_call *sc,
    const char *text, const char *event_type, const char *description)
{
	struct message	m;
	enum outcome	rc;

	if ((rc = scheduled_call_notify_callee(db, sc, text, &m)) !=
	    OUTCOME_OK)
		return rc;
	return event_record(db, event_type, description, sc->caller_id, sc->id,
	    NULL);
}

/* The activity of in, when one is given: it must exist. */
static enum outcome
schedule_check_activity(struct db *db, const struct schedule_input *in,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if (!in->has_activity || in->activity_id == 0)
		return OUTCOME_OK;
	if ((rc = activity_exists(db, in->activity_id)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "activity",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)in->activity_id);
	return rc;
}

static enum outcome
schedule_create_tx(struct db *db, struct arena *a, int64_t mentor_id,
    const struct schedule_input *in, struct scheduled_call *sc,
    struct outcome_detail *d)
{
	struct mentor	mentor;
	char		text[256];
	enum outcome	rc;

	if ((rc = mentor_get(db, a, mentor_id, &mentor)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, NULL,
		    "No mentee is linked to this mentor.");
	if (rc != OUTCOME_OK ||
	    (rc = schedule_check_activity(db, in, d)) != OUTCOME_OK)
		return rc;
	memset(sc, 0, sizeof(*sc));
	sc->caller_id = mentor_id;
	sc->callee_id = mentor.mentee_id;
	sc->call_time = in->call_time;
	sc->activity_id = in->has_activity ? in->activity_id : 0;
	if ((rc = scheduled_call_insert(db, sc)) != OUTCOME_OK)
		return rc;
	return schedule_notify(db, sc, scheduled_call_text_scheduled(sc, text,
	    sizeof(text)), EVENT_CALL_SCHEDULED, "Call scheduled");
}

enum outcome
schedule_create(struct db *db, struct arena *a, int64_t mentor_id,
    const struct schedule_input *in, struct scheduled_call *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, schedule_create_tx(db, a, mentor_id, in, out, d));
}

static enum outcome
schedule_reschedule_tx(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t id, const struct schedule_input *in, struct scheduled_call *sc,
    struct outcome_detail *d)
{
	char		text[256];
	enum outcome	rc;
	bool		moved;

	if ((rc = scheduled_call_lock_by_caller(db, a, id, mentor_id,
	    sc)) != OUTCOME_OK ||
	    (rc = schedule_check_activity(db, in, d)) != OUTCOME_OK)
		return rc;
	if (!in->has_call_time && !in->has_activity)
		return OUTCOME_OK;
	/* Only a new time is news for the mentee. */
	moved = in->has_call_time && sc->call_time != in->call_time;
	if (in->has_call_time)
		sc->call_time = in->call_time;
	if (in->has_activity)
		sc->activity_id = in->activity_id;
	if ((rc = scheduled_call_update(db, sc)) != OUTCOME_OK || !moved)
		return rc;
	return schedule_notify(db, sc, scheduled_call_text_rescheduled(sc,
	    text, sizeof(text)), EVENT_CALL_RESCHEDULED, "Call rescheduled");
}

enum outcome
schedule_reschedule(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t id, const struct schedule_input *in, struct scheduled_call *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, schedule_reschedule_tx(db, a, mentor_id, id, in,
	    out, d));
}

static enum outcome
schedule_cancel_tx(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t id)
{
	struct scheduled_call	sc;
	char			text[256];
	enum outcome		rc;

	if ((rc = scheduled_call_lock_by_caller(db, a, id, mentor_id,
	    &sc)) != OUTCOME_OK ||
	    (rc = scheduled_call_cancel(db, id)) != OUTCOME_OK)
		return rc;
	return schedule_notify(db, &sc, scheduled_call_text_cancelled(&sc, text,
	    sizeof(text)), EVENT_CALL_CANCELLED, "Call cancelled");
}

enum outcome
schedule_cancel(struct db *db, struct arena *a, int64_t mentor_id, int64_t id)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, schedule_cancel_tx(db, a, mentor_id, id));
}

enum outcome
scheduled_call_record_reminder(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *decision)
{
	return db_exec(db, SQL_REMINDER, DB_ARGS(DB_INT(sc->id),
	    DB_STR(reminder_type), DB_TIME(sc->call_time), DB_STR(decision),
	    DB_TIME(time_now_us())), NULL, NULL);
}

/*
 * Records the reminder and queues it, in one transaction, unless that
 * reminder was recorded before (OUTCOME_CONFLICT): a push of push_type to
 * the mentor, or with push_type NULL a system SMS to the mentee.  text
 * NULL: the standard one, lead and the call's time.
 */
static enum outcome
remind_once(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *push_type, const char *text,
    const char *lead)
{
	struct message	m;
	char		when[32], standard[128];
	enum outcome	rc;

	if (text == NULL) {
		format_call_time(sc->call_time, when);
		snprintf(standard, sizeof(standard), "%s %s.", lead, when);
		text = standard;
	}
	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	if ((rc = scheduled_call_record_reminder(db, sc, reminder_type,
	    "sent")) == OUTCOME_OK)
		rc = push_type != NULL ? outbox_push(db, sc->caller_id, 0,
		    "Call reminder", text, push_type, sc->id) :
		    scheduled_call_notify_callee(db, sc, text, &m);
	return db_finish(db, rc);
}

enum outcome
scheduled_call_remind_caller(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *push_type, const char *text)
{
	return remind_once(db, sc, reminder_type, push_type, text,
	    "You have a call with your mentee at");
}

enum outcome
scheduled_call_remind_callee(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *text)
{
	return remind_once(db, sc, reminder_type, NULL, text,
	    "Reminder: your mentor will call you at");
}
