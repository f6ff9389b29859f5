#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "models/event.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "services/messaging.h"
#include "services/schedule.h"
#include "services/service.h"

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

int
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
static int
schedule_notify(struct db *db, const struct scheduled_call *sc,
    const char *text, const char *event_type, const char *description)
{
	struct message	m;
	int		rc;

	if ((rc = scheduled_call_notify_callee(db, sc, text, &m)) != DB_OK)
		return rc;
	return event_record(db, event_type, description, sc->caller_id, sc->id,
	    NULL);
}

int
schedule_create(struct db *db, struct arena *a, int64_t mentor_id,
    struct scheduled_call *sc)
{
	struct mentor	mentor;
	char		text[256];
	int		rc;

	if ((rc = mentor_get(db, a, mentor_id, &mentor)) != 1)
		return rc == 0 ? SVC_NOT_FOUND : rc;
	sc->caller_id = mentor_id;
	sc->callee_id = mentor.mentee_id;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = scheduled_call_insert(db, sc)) == DB_OK)
		rc = schedule_notify(db, sc, scheduled_call_text_scheduled(sc,
		    text, sizeof(text)), EVENT_CALL_SCHEDULED, "Call scheduled");
	return db_finish(db, rc);
}

int
schedule_reschedule(struct db *db, struct arena *a, int64_t mentor_id,
    struct scheduled_call *sc)
{
	struct scheduled_call	old;
	char			text[256];
	int			rc;
	bool			moved;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = scheduled_call_get_by_caller(db, a, sc->id, mentor_id,
	    &old)) != 1) {
		db_rollback(db);
		return rc == 0 ? SVC_NOT_FOUND : rc;
	}
	/* Only a new time is news for the mentee. */
	moved = old.call_time != sc->call_time;
	old.call_time = sc->call_time;
	old.activity_id = sc->activity_id;
	if ((rc = scheduled_call_update(db, &old)) < 0 || (moved &&
	    (rc = schedule_notify(db, &old, scheduled_call_text_rescheduled(
	    &old, text, sizeof(text)), EVENT_CALL_RESCHEDULED,
	    "Call rescheduled")) != DB_OK)) {
		db_rollback(db);
		return rc;
	}
	*sc = old;
	return db_commit(db);
}

int
schedule_cancel(struct db *db, struct arena *a, int64_t mentor_id, int64_t id)
{
	struct scheduled_call	sc;
	char			text[256];
	int			rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = scheduled_call_get_by_caller(db, a, id, mentor_id,
	    &sc)) != 1) {
		db_rollback(db);
		return rc == 0 ? SVC_NOT_FOUND : rc;
	}
	if ((rc = scheduled_call_cancel(db, id)) < 0 ||
	    (rc = schedule_notify(db, &sc, scheduled_call_text_cancelled(&sc,
	    text, sizeof(text)), EVENT_CALL_CANCELLED, "Call cancelled")) !=
	    DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int
scheduled_call_record_reminder(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *outcome)
{
	int	rc;

	rc = db_exec(db, SQL_REMINDER, DB_ARGS(DB_INT(sc->id),
	    DB_STR(reminder_type), DB_TIME(sc->call_time), DB_STR(outcome),
	    DB_TIME(time_now_us())), NULL, NULL);
	if (rc == DB_DUPLICATE)
		return 0;
	return rc == DB_OK ? 1 : rc;
}

/*
 * Records the reminder and queues what `send` queues, in one transaction,
 * unless that reminder was recorded before.  1 sent, 0 before, rc.
 */
static int
remind_once(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, int (*send)(struct db *,
    const struct scheduled_call *, const char *), const char *text)
{
	int	rc;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = scheduled_call_record_reminder(db, sc, reminder_type,
	    "sent")) != 1) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_finish(db, send(db, sc, text))) != DB_OK)
		return rc;
	return 1;
}

static int
push_to_caller(struct db *db, const struct scheduled_call *sc,
    const char *text)
{
	return outbox_push(db, sc->caller_id, 0, "Call reminder", text,
	    "call_reminder", sc->id);
}

static int
sms_to_callee(struct db *db, const struct scheduled_call *sc,
    const char *text)
{
	struct message	m;

	return scheduled_call_notify_callee(db, sc, text, &m);
}

int
scheduled_call_remind_caller(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *text)
{
	char	when[32], std[128];

	if (text == NULL) {
		format_call_time(sc->call_time, when);
		snprintf(std, sizeof(std), "You have a call with your mentee "
		    "at %s.", when);
		text = std;
	}
	return remind_once(db, sc, reminder_type, push_to_caller, text);
}

int
scheduled_call_remind_callee(struct db *db, const struct scheduled_call *sc,
    const char *reminder_type, const char *text)
{
	char	when[32], std[128];

	if (text == NULL) {
		format_call_time(sc->call_time, when);
		snprintf(std, sizeof(std), "Reminder: your mentor will call you "
		    "at %s.", when);
		text = std;
	}
	return remind_once(db, sc, reminder_type, sms_to_callee, text);
}
