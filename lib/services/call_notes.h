/*
 * Call notes as the Android app writes them (POST, PUT and PATCH of
 * /v2/mentor/call_note/): checked against the mentor's calls and the
 * activities, with what follows from a note in the same transaction: a
 * call_notes_created event, the call's feedback task done, and the
 * milestone of a category whose every activity the mentor has completed.
 */
#ifndef MT_CALL_NOTES_H
#define MT_CALL_NOTES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/activity.h"
#include "models/call.h"
#include "models/call_note.h"

/* Which fields of a note a request gave (a PATCH gives some). */
enum call_note_field {
	NOTE_F_VERSION		= 1 << 0,
	NOTE_F_CALL		= 1 << 1,
	NOTE_F_MENTOR		= 1 << 2,
	NOTE_F_REFLECTION	= 1 << 3,
	NOTE_F_CALL_QUALITY	= 1 << 4,
	NOTE_F_MENTEE_STATE	= 1 << 5,	/* version 1 */
	NOTE_F_OBJECTIVE	= 1 << 6,	/* both: a bool, or 1-5 */
	NOTE_F_HELPFUL		= 1 << 7,	/* version 1 */
	NOTE_F_CALL_RESULT	= 1 << 8,	/* version 2 ... */
	NOTE_F_PROGRESS		= 1 << 9,
	NOTE_F_ACTIVITY		= 1 << 10,
	NOTE_F_RATING		= 1 << 11,
	NOTE_F_MOOD		= 1 << 12,
};

struct call_note_input {
	struct call_note	note;	/* mentor_id: as the body said, or 0 */
	unsigned		given;	/* enum call_note_field bits */
};

/* A note with its call and its activity, as the app wants them back. */
struct call_note_view {
	struct call_note	note;
	struct call		call;
	struct activity		activity;
	bool			has_activity;	/* shown to the app */
};

/*
 * Stores mentor_id's note about one of their calls.  OUTCOME_INVALID
 * when the call is not theirs, the activity does not exist or the mentor
 * named is somebody else (d->field says which).  *out is the note stored.
 */
enum outcome call_note_create(struct db *db, struct arena *a,
	    int64_t mentor_id, const struct call_note_input *in,
	    struct call_note_view *out, struct outcome_detail *d);
/*
 * Changes the given fields of mentor_id's note id (a version never
 * changes).  OUTCOME_NOT_FOUND when it is not theirs; else as
 * call_note_create().
 */
enum outcome call_note_change(struct db *db, struct arena *a,
	    int64_t mentor_id, int64_t id, const struct call_note_input *in,
	    struct call_note_view *out, struct outcome_detail *d);

#endif
