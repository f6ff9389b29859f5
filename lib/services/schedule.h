/*
 * Scheduled calls as a whole: create, reschedule and cancel, each telling
 * the mentee by a system message (through the outbox) and recording an
 * event; and the seed's notify_callee* and remind_caller.
 */
#ifndef MT_SCHEDULE_H
#define MT_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/message.h"
#include "models/scheduled_call.h"

/*
 * Inside the caller's transaction: a system message from the caller to the
 * callee (the seed's notify_callee), sent through the outbox.  m is filled
 * in.
 */
enum outcome scheduled_call_notify_callee(struct db *db,
	    const struct scheduled_call *sc, const char *text,
	    struct message *m);
/* The standard texts, into out; each returns out. */
const char *scheduled_call_text_scheduled(const struct scheduled_call *sc,
	    char *out, size_t outsz);
const char *scheduled_call_text_rescheduled(const struct scheduled_call *sc,
	    char *out, size_t outsz);
const char *scheduled_call_text_cancelled(const struct scheduled_call *sc,
	    char *out, size_t outsz);

/* What a mentor sends to plan or move a call: each part may be absent. */
struct schedule_input {
	bool	has_call_time;
	int64_t	call_time;	/* in the future (the validator checks) */
	bool	has_activity;
	int64_t	activity_id;	/* 0: none */
};

/*
 * Schedules a call from mentor_id to their mentee at in->call_time (with
 * in->activity_id), notifies the mentee and records call_scheduled.  *out
 * is the call stored.  OUTCOME_INVALID when the mentor has no mentee or
 * the activity does not exist.
 */
enum outcome schedule_create(struct db *db, struct arena *a,
	    int64_t mentor_id, const struct schedule_input *in,
	    struct scheduled_call *out, struct outcome_detail *d);
/*
 * Moves the mentor's scheduled call id to in->call_time and in->activity_id
 * (the parts given); when the time changed, notifies the mentee and
 * records call_rescheduled.  *out is the call stored.  OUTCOME_NOT_FOUND
 * when it is not the mentor's (or cancelled), OUTCOME_INVALID for an
 * activity that does not exist.
 */
enum outcome schedule_reschedule(struct db *db, struct arena *a,
	    int64_t mentor_id, int64_t id, const struct schedule_input *in,
	    struct scheduled_call *out, struct outcome_detail *d);
/* Cancels the mentor's scheduled call id, notifies, records it. */
enum outcome schedule_cancel(struct db *db, struct arena *a,
	    int64_t mentor_id, int64_t id);
/*
 * The seed's remind_caller: a push reminder to the mentor (of push_type,
 * one of the PUSH_CALL_STARTING_* of models/outbox.h) and a CallReminder
 * row, once per (call, type, call_time): OUTCOME_OK when sent now,
 * OUTCOME_CONFLICT when that reminder was already recorded.  text NULL
 * uses a standard one.
 */
enum outcome scheduled_call_remind_caller(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *push_type, const char *text);

/*
 * The seed's reminder for the mentee: a system SMS, once per (call, type,
 * call_time), like scheduled_call_remind_caller.
 */
enum outcome scheduled_call_remind_callee(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *text);
/*
 * Records a reminder decision ("sent" or "skipped") once: OUTCOME_OK
 * recorded now, OUTCOME_CONFLICT recorded before.
 */
enum outcome scheduled_call_record_reminder(struct db *db,
	    const struct scheduled_call *sc, const char *reminder_type,
	    const char *outcome);

#endif
