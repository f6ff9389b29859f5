/*
 * Categories: the "relationship stages" of the Android app's About tab,
 * each holding activities.  Hidden ones never reach the app.  A mentor
 * who completes every activity of one reaches its milestone, once.
 */
#ifndef MT_CATEGORY_H
#define MT_CATEGORY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

/*
 * The lengths of a category's texts, in characters (as VARCHAR counts
 * them): a title as its VARCHAR(255) holds; about and goal as a TEXT
 * (65535 bytes) holds at 4 bytes a character at most.
 */
#define CATEGORY_TITLE_MAX	255
#define CATEGORY_TEXT_MAX	10000

struct category {
	int64_t		 id;
	const char	*title;
	const char	*color;		/* "#rrggbb", or "" */
	const char	*image;		/* a path, or NULL */
	const char	*about;
	const char	*goal;
	bool		 is_hidden;
	int64_t		 ordinal;
	int64_t		 created_at;
};

/*
 * The rules: NULL when the value is acceptable, else the complaint, in
 * the API's words.  A title has 1 to CATEGORY_TITLE_MAX characters; a
 * colour is "" (the app picks one) or "#rrggbb"; about and goal have up
 * to CATEGORY_TEXT_MAX.  All are UTF-8.
 */
const char	*category_check_title(const char *title);
const char	*category_check_color(const char *color);
const char	*category_check_text(const char *text);

/* Inserts c (NULL strings are empty, NULL image none); c->id is set. */
enum outcome category_insert(struct db *db, struct category *c);
/* Category id, hidden or not (for admins): OUTCOME_OK or NOT_FOUND. */
enum outcome category_get(struct db *db, struct arena *a, int64_t id,
	    struct category *out);
/* The same, its row locked until the transaction ends. */
enum outcome category_lock(struct db *db, struct arena *a, int64_t id,
	    struct category *out);
/*
 * Writes every editable column of c (title, color, about, goal,
 * is_hidden, ordinal) to category c->id.  The image is not one: only
 * picture_set() (services/pictures.h) changes it.
 */
enum outcome category_update(struct db *db, const struct category *c);
/* A category the app may see: OUTCOME_NOT_FOUND when hidden. */
enum outcome category_get_shown(struct db *db, struct arena *a, int64_t id,
	    struct category *out);
/*
 * Records that mentor_id reached category_id's milestone now: OUTCOME_OK
 * the first time, OUTCOME_CONFLICT when it was reached before.
 */
enum outcome category_record_milestone(struct db *db, int64_t mentor_id,
	    int64_t category_id);

/* The categories the app shows, by ordinal. */
extern const struct db_list category_list_shown;
/* Every category, hidden ones too (for admins), by ordinal then id. */
extern const struct db_list category_list_all;

#endif
