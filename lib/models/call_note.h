/*
 * Call notes: what a mentor writes after a call.  Version 1 (older
 * apps) records the mentee's state, whether the objective was achieved
 * and how helpful the activity was; version 2 (the app of today) the
 * call's result, the activity used and how far it went, ratings and the
 * mentee's mood.  Both share the call, the reflection and the call
 * quality.  The seed's BaseCallNote, CallNoteV1 and CallNoteV2.
 */
#ifndef MT_CALL_NOTE_H
#define MT_CALL_NOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

/* The choices of the note's fields, as the app spells them. */
enum call_note_choice {
	NOTE_CALL_QUALITY,	/* EXCELLENT, OK, INAUDIBLE, DROPPED, DELAYED */
	NOTE_MENTEE_STATE,	/* v1: happy, sad, ... (lower case) */
	NOTE_CALL_RESULT,	/* v2: COMPLETED, PARTIALLY_COMPLETED, ... */
	NOTE_ACTIVITY_PROGRESS,	/* v2: COMPLETED, PARTIALLY_COMPLETED, NOT_USED */
	NOTE_MOOD,		/* v2: HAPPY, SAD, ... (upper case) */
	NOTE_CHOICE__MAX
};

#define CALL_NOTE_REFLECTION_MAX	10000

struct call_note {
	int64_t		 id;
	int		 version;		/* 1 or 2 */
	int64_t		 mentor_id;
	int64_t		 call_id;
	int64_t		 created_at;
	const char	*reflection;
	const char	*call_quality;
	/* version 1 */
	const char	*mentee_state;
	bool		 objective_met;		/* objective_achieved */
	int		 activity_helpful;	/* 0-4, -1 none */
	/* version 2 */
	const char	*call_result;
	const char	*activity_progress;
	int64_t		 activity_id;		/* 0 = none */
	int		 objective_achieved;	/* 1-5, 0 none */
	int		 rating;		/* 1-5, 0 none */
	const char	*mood;
	/* of the call, when read */
	int64_t		 call_start_time;
	int64_t		 call_activity_id;	/* the note's, else the call's */
};

/*
 * Whether value is one of the choices of field c; NULL when it is, else
 * DRF's sentence ("\"X\" is not a valid choice.") in a.
 */
const char	*call_note_check_choice(struct arena *a,
		    enum call_note_choice c, const char *value);

/* Inserts n with the rows of its version; n->id and created_at set. */
enum outcome	call_note_insert(struct db *db, struct call_note *n);
/* Writes every field of n (its version's row too) back. */
enum outcome	call_note_update(struct db *db, const struct call_note *n);
/* mentor_id's note id, and the note locked till the transaction ends. */
enum outcome	call_note_get_for_mentor(struct db *db, struct arena *a,
		    int64_t id, int64_t mentor_id, struct call_note *out);
enum outcome	call_note_lock_for_mentor(struct db *db, struct arena *a,
		    int64_t id, int64_t mentor_id, struct call_note *out);

/* The notes of mentor filter.user_id, both versions, newest first. */
extern const struct db_list call_note_list_by_mentor;

#endif
