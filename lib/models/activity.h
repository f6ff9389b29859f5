/*
 * Activities: what a call is about, grouped in categories ("relationship
 * stages") for the Android app, referred to by calls, scheduled calls and
 * call notes.  Whether a mentor has completed one is derived from their
 * call notes (ACTIVITY_IS_COMPLETE in activity.c), never stored.
 */
#ifndef MT_ACTIVITY_H
#define MT_ACTIVITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

/*
 * The lengths of an activity's texts, in characters: a title as its
 * VARCHAR(255) holds; the others (TEXT columns) as category.h says.
 */
#define ACTIVITY_TITLE_MAX	255
#define ACTIVITY_TEXT_MAX	10000

struct activity {
	int64_t		 id;
	int64_t		 category_id;	/* 0 = none */
	const char	*title;
	const char	*description;
	const char	*icon;		/* a path, or NULL */
	const char	*poster;
	const char	*objective;
	const char	*lesson_rationale;
	const char	*instructions;
	const char	*prompts;
	const char	*reflection_points;
	const char	*skills_developed;
	bool		 is_hidden;
	int64_t		 ordinal;
	bool		 is_complete;	/* for the mentor it was read for */
};

/*
 * The rules: NULL when the value is acceptable, else the complaint, in
 * the API's words.  A title has 1 to ACTIVITY_TITLE_MAX characters, the
 * texts (description, objective, lesson_rationale, instructions, prompts,
 * reflection_points, skills_developed) up to ACTIVITY_TEXT_MAX.  UTF-8.
 */
const char	*activity_check_title(const char *title);
const char	*activity_check_text(const char *text);

/* Inserts a (NULL strings are empty, NULL images none); a->id is set. */
enum outcome activity_insert(struct db *db, struct activity *a);
/*
 * Activity id, hidden or not (for admins; is_complete false):
 * OUTCOME_OK or OUTCOME_NOT_FOUND.
 */
enum outcome activity_get(struct db *db, struct arena *a, int64_t id,
	    struct activity *out);
/* The same, its row locked until the transaction ends. */
enum outcome activity_lock(struct db *db, struct arena *a, int64_t id,
	    struct activity *out);
/*
 * Writes every editable column of a (category_id, title, description,
 * the six texts, is_hidden, ordinal) to activity a->id.  Icon and poster
 * are not: only picture_set() (services/pictures.h) changes them.
 */
enum outcome activity_update(struct db *db, const struct activity *a);
/* OUTCOME_OK when activity id exists, else OUTCOME_NOT_FOUND. */
enum outcome activity_exists(struct db *db, int64_t id);
/*
 * Activity id as mentor_id sees it (is_complete theirs); hidden ones, and
 * those of a hidden category, are OUTCOME_NOT_FOUND.
 */
enum outcome activity_get_for_mentor(struct db *db, struct arena *a,
	    int64_t id, int64_t mentor_id, struct activity *out);
/*
 * Whether mentor_id has completed every activity that the app shows in
 * category_id (*all false when it shows none).
 */
enum outcome activity_category_complete(struct db *db, int64_t mentor_id,
	    int64_t category_id, bool *all);

/*
 * The activities the app shows (not hidden, in a category that is not),
 * with is_complete for mentor filter.user_id, by category and ordinal.
 */
extern const struct db_list activity_list_for_mentor;
/*
 * Every activity, hidden ones and those of hidden categories too (for
 * admins; is_complete false), by ordinal then id; the second only those
 * of category filter.category_id.
 */
extern const struct db_list activity_list_all;
extern const struct db_list activity_list_in_category;

#endif
