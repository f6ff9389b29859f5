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

/* Inserts c (NULL strings are empty, NULL image none); c->id is set. */
enum outcome category_insert(struct db *db, struct category *c);
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

#endif
