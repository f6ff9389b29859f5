/*
 * Scheduled calls as a whole: create, reschedule and cancel, each telling
 * the mentee by a system message (through the outbox) and recording an
 * event; and the seed's notify_callee* and remind_caller.
 */
#ifndef MT_SCHEDULE_H
#define MT_SCHEDULE_H

#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "models/message.h"
#include "models/scheduled_call.h"

/*
 * Inside the caller's transaction: a system message from the caller to the
 * callee (the seed's notify_callee), sent through the outbox.  m is filled
 * in.  An enum db_rc.
 */
int	scheduled_call_notify_callee(struct db *db,
	    const struct scheduled_call *sc, const char *text,
	    struct message *m);
/* The standard texts, into out; each returns out. */
const char *scheduled_call_text_scheduled(const struct scheduled_call *sc,
	    char *out, size_t outsz);
const char *scheduled_call_text_rescheduled(const struct scheduled_call *sc,
	    char *out, size_t outsz);
const char *scheduled_call_text_cancelled(const struct scheduled_call *sc,
	    char *out, size_t outsz);

/*
 * Schedules a call from mentor_id to their mentee at sc->call_time (with
 * sc->activity_id), notifies the mentee and records call_scheduled.
 * SVC_NOT_FOUND when mentor_id is no mentor; else an enum db_rc.
 */
int	schedule_create(struct db *db, struct arena *a, int64_t mentor_id,
	    struct scheduled_call *sc);
/*
 * Moves the mentor's scheduled call sc->id to sc->call_time (and
 * sc->activity_id); when the time changed, notifies the mentee and records
 * call_rescheduled.  *sc is reloaded.
 * SVC_NOT_FOUND when it is not the mentor's (or cancelled).
 */
int	schedule_reschedule(struct db *db, struct arena *a, int64_t mentor_id,
	    struct scheduled_call *sc);
/* Cancels the mentor's scheduled call id, notifies, records it. */
int	schedule_cancel(struct db *db, struct arena *a, int64_t mentor_id,
	    int64_t id);
/*
 * The seed's remind_caller: a push reminder to the mentor and a
 * CallReminder row, once per (call, type, call_time): returns 1 when sent
 * now, 0 when that reminder was already recorded, or a negative rc.
 * text NULL uses a standard one.
 */
int	scheduled_call_remind_caller(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *text);

/*
 * The seed's reminder for the mentee: a system SMS, once per (call, type,
 * call_time), like scheduled_call_remind_caller.  1 sent, 0 before, rc.
 */
int	scheduled_call_remind_callee(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *text);
/*
 * Records a reminder decision ("sent" or "skipped") once: 1 recorded now,
 * 0 recorded before, or a negative rc.
 */
int	scheduled_call_record_reminder(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *outcome);

#endif
