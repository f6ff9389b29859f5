/*
 * The jobs of mentorship-worker: what happens because time passed.
 *
 * Each function does one bounded batch and is safe to run in several
 * processes at once: rows are claimed with SELECT ... FOR UPDATE SKIP
 * LOCKED and reminders are unique per (call, type, call time).  `now` is
 * passed in, so that tests can drive the clock.
 */
#ifndef MT_JOBS_H
#define MT_JOBS_H

#include <stdint.h>
#include <signal.h>

#include "core/arena.h"
#include "core/conf.h"
#include "db/db.h"
#include "providers/provider.h"

struct jobs_stats {
	int	sent;		/* outbox entries the provider accepted */
	int	retried;	/* failed, to be tried again later */
	int	dead;		/* failed for the last time */
	int	reminded;	/* reminders queued */
	int	skipped;	/* reminders too late to send, recorded */
	int	timed_out;	/* calls made inactive */
};

/*
 * Delivers up to [worker] batch_size due outbox entries through the
 * providers, one transaction each (so at most the entry in hand can be
 * sent twice if the process dies between the provider's answer and the
 * commit).  Failures are retried with exponential back-off and jitter up
 * to [worker] max_attempts, then marked dead with the last error.  Stops
 * early when *stop becomes non-zero.
 */
enum outcome jobs_deliver_outbox(struct db *db, struct providers *ps,
	    const struct conf *c, int64_t now, volatile sig_atomic_t *stop,
	    struct jobs_stats *st);
/*
 * Queues the reminders that are due for scheduled calls: pushes to the
 * mentor at [worker] mentor_reminders seconds before the call, SMS to the
 * mentee at mentee_reminders.  A reminder whose moment passed more than
 * reminder_window_seconds ago is recorded as skipped, not sent late.
 */
enum outcome jobs_send_reminders(struct db *db, const struct conf *c,
	    int64_t now, struct jobs_stats *st);
/*
 * Calls still in progress [worker] call_timeout_seconds after they started,
 * with no call-end report, become inactive with a call_timed_out event
 * (services/calls.c does it).
 */
enum outcome jobs_time_out_calls(struct db *db, const struct conf *c,
	    int64_t now, struct jobs_stats *st);

/* Parses "86400,900,0" into up to max offsets; the count, or -1. */
int	jobs_parse_offsets(const char *s, int64_t *out, int max);

#endif
