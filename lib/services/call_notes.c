#include "config.h"

#include <string.h>

#include "core/log.h"
#include "models/category.h"
#include "models/event.h"
#include "models/task.h"
#include "services/call_notes.h"

#define EVENT_CALL_NOTES_CREATED	"call_notes_created"
#define EVENT_ALL_ACTIVITIES_COMPLETED	"all_activities_completed"

/*
 * The checks that need the database: the mentor named is the author, the
 * call is theirs (into *call), the activity exists.
 */
static enum outcome
note_check(struct db *db, struct arena *a, int64_t mentor_id,
    const struct call_note_input *in, const struct call_note *n,
    struct call *call, struct outcome_detail *d)
{
	enum outcome	rc;

	if ((in->given & NOTE_F_MENTOR) && in->note.mentor_id != mentor_id)
		return outcome_fail(d, OUTCOME_INVALID, "mentor",
		    "Call notes can only be written as yourself.");
	rc = call_get_by_caller(db, a, n->call_id, mentor_id, call);
	if (rc == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "call",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)n->call_id);
	if (rc != OUTCOME_OK || n->version != 2 || n->activity_id == 0)
		return rc;
	if ((rc = activity_exists(db, n->activity_id)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "activity",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)n->activity_id);
	return rc;
}

/* A version 2 note that used no activity has no ratings of it either. */
static void
note_settle(struct call_note *n)
{
	if (n->version != 2)
		return;
	if (n->activity_progress != NULL &&
	    strcmp(n->activity_progress, "NOT_USED") == 0)
		n->activity_id = 0;
	if (n->activity_id == 0)
		n->objective_achieved = n->rating = 0;
}

/* The activity a note says the mentor completed, or 0. */
static int64_t
note_completes(const struct call_note *n, const struct call *call)
{
	if (n->version == 2)
		return n->activity_progress != NULL &&
		    strcmp(n->activity_progress, "COMPLETED") == 0 ?
		    n->activity_id : 0;
	return n->objective_met ? call->activity_id : 0;
}

/*
 * When the note completes an activity and with it every activity of its
 * category, the mentor reaches the category's milestone: once, with an
 * all_activities_completed event.
 */
static enum outcome
note_milestone(struct db *db, struct arena *a, int64_t mentor_id,
    const struct call_note *n, const struct call *call)
{
	struct activity	act;
	int64_t		done = note_completes(n, call);
	bool		all;
	enum outcome	rc;

	if (done == 0)
		return OUTCOME_OK;
	rc = activity_get_for_mentor(db, a, done, mentor_id, &act);
	if (rc == OUTCOME_NOT_FOUND || act.category_id == 0)
		return OUTCOME_OK;	/* not one the app shows */
	if (rc != OUTCOME_OK || (rc = activity_category_complete(db, mentor_id,
	    act.category_id, &all)) != OUTCOME_OK || !all)
		return rc;
	if ((rc = category_record_milestone(db, mentor_id,
	    act.category_id)) == OUTCOME_CONFLICT)
		return OUTCOME_OK;	/* reached before */
	if (rc != OUTCOME_OK)
		return rc;
	log_info("mentor %lld completed every activity of category %lld",
	    (long long)mentor_id, (long long)act.category_id);
	return event_record(db, EVENT_ALL_ACTIVITIES_COMPLETED,
	    "All activities completed", mentor_id, act.category_id, NULL);
}

/* The note as stored, with its call and its activity. */
static enum outcome
note_view(struct db *db, struct arena *a, int64_t mentor_id, int64_t id,
    const struct call *call, struct call_note_view *out)
{
	enum outcome	rc;

	memset(out, 0, sizeof(*out));
	if ((rc = call_note_get_for_mentor(db, a, id, mentor_id,
	    &out->note)) != OUTCOME_OK)
		return rc;
	out->call = *call;
	if (out->note.call_activity_id == 0)
		return OUTCOME_OK;
	rc = activity_get_for_mentor(db, a, out->note.call_activity_id,
	    mentor_id, &out->activity);
	out->has_activity = rc == OUTCOME_OK;
	return rc == OUTCOME_NOT_FOUND ? OUTCOME_OK : rc;
}

static enum outcome
call_note_create_tx(struct db *db, struct arena *a, int64_t mentor_id,
    const struct call_note_input *in, struct call_note_view *out,
    struct outcome_detail *d)
{
	struct call_note	n = in->note;
	struct call		call;
	struct task		t;
	enum outcome		rc;

	n.mentor_id = mentor_id;
	note_settle(&n);
	if ((rc = note_check(db, a, mentor_id, in, &n, &call, d)) !=
	    OUTCOME_OK || (rc = call_note_insert(db, &n)) != OUTCOME_OK ||
	    (rc = event_record(db, EVENT_CALL_NOTES_CREATED,
	    "Call notes written", mentor_id, n.id, NULL)) != OUTCOME_OK)
		return rc;
	/* The notes are the feedback the seed's task asked for. */
	if (call.feedback_task_id != 0) {
		t.id = call.feedback_task_id;
		rc = task_set_status(db, a, mentor_id, TASK_DONE, &t);
		if (rc != OUTCOME_OK && rc != OUTCOME_NOT_FOUND)
			return rc;
	}
	if ((rc = note_milestone(db, a, mentor_id, &n, &call)) != OUTCOME_OK)
		return rc;
	return note_view(db, a, mentor_id, n.id, &call, out);
}

enum outcome
call_note_create(struct db *db, struct arena *a, int64_t mentor_id,
    const struct call_note_input *in, struct call_note_view *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, call_note_create_tx(db, a, mentor_id, in, out,
	    d));
}

/* The given fields of in over n. */
static void
note_merge(struct call_note *n, const struct call_note_input *in)
{
	const struct call_note	*g = &in->note;

	if (in->given & NOTE_F_CALL)
		n->call_id = g->call_id;
	if (in->given & NOTE_F_REFLECTION)
		n->reflection = g->reflection;
	if (in->given & NOTE_F_CALL_QUALITY)
		n->call_quality = g->call_quality;
	if (in->given & NOTE_F_MENTEE_STATE)
		n->mentee_state = g->mentee_state;
	if (in->given & NOTE_F_OBJECTIVE) {
		n->objective_met = g->objective_met;
		n->objective_achieved = g->objective_achieved;
	}
	if (in->given & NOTE_F_HELPFUL)
		n->activity_helpful = g->activity_helpful;
	if (in->given & NOTE_F_CALL_RESULT)
		n->call_result = g->call_result;
	if (in->given & NOTE_F_PROGRESS)
		n->activity_progress = g->activity_progress;
	if (in->given & NOTE_F_ACTIVITY)
		n->activity_id = g->activity_id;
	if (in->given & NOTE_F_RATING)
		n->rating = g->rating;
	if (in->given & NOTE_F_MOOD)
		n->mood = g->mood;
}

static enum outcome
call_note_change_tx(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t id, const struct call_note_input *in, struct call_note_view *out,
    struct outcome_detail *d)
{
	struct call_note	n;
	struct call		call;
	enum outcome		rc;

	if ((rc = call_note_lock_for_mentor(db, a, id, mentor_id, &n)) !=
	    OUTCOME_OK)
		return rc;
	if ((in->given & NOTE_F_VERSION) && in->note.version != n.version)
		return outcome_fail(d, OUTCOME_INVALID, "version",
		    "The version of a call note cannot change.");
	note_merge(&n, in);
	note_settle(&n);
	if ((rc = note_check(db, a, mentor_id, in, &n, &call, d)) !=
	    OUTCOME_OK || (rc = call_note_update(db, &n)) != OUTCOME_OK ||
	    (rc = note_milestone(db, a, mentor_id, &n, &call)) != OUTCOME_OK)
		return rc;
	return note_view(db, a, mentor_id, n.id, &call, out);
}

enum outcome
call_note_change(struct db *db, struct arena *a, int64_t mentor_id,
    int64_t id, const struct call_note_input *in, struct call_note_view *out,
    struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, call_note_change_tx(db, a, mentor_id, id, in, out,
	    d));
}
