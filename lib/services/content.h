/*
 * The content of the Android app as admins manage it (the admin API and
 * mentorshipctl): categories, the activities in them and blog posts,
 * created and changed without SQL.  Hiding, showing and ordering are
 * changes of is_hidden and ordinal like any other; pictures go through
 * picture_set() (services/pictures.h).
 *
 * The input is validated before it gets here by the models' rules
 * (category_check_title(), category_check_color(),
 * blog_post_check_body(), ...).  What needs the database is checked here,
 * inside the operation's one transaction: the object exists (else
 * OUTCOME_NOT_FOUND), an activity's category exists (else
 * OUTCOME_INVALID, field "category").  Each operation answers the object
 * as stored, its strings in the arena a.
 */
#ifndef MT_SERVICES_CONTENT_H
#define MT_SERVICES_CONTENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/activity.h"
#include "models/blog_post.h"
#include "models/category.h"

/*
 * A NULL string, or a has_ flag that is false, was not given: an update
 * keeps the value, a create takes the column's default ("", not hidden,
 * ordinal 0).  A create needs a title (and an activity its category).
 */
struct category_input {
	const char	*title;
	const char	*color;		/* "" or "#rrggbb" */
	const char	*about;
	const char	*goal;
	bool		 has_hidden;
	bool		 is_hidden;
	bool		 has_ordinal;
	int64_t		 ordinal;
};

struct activity_input {
	int64_t		 category_id;	/* 0: not given */
	const char	*title;
	const char	*description;
	const char	*objective;
	const char	*lesson_rationale;
	const char	*instructions;
	const char	*prompts;
	const char	*reflection_points;
	const char	*skills_developed;
	bool		 has_hidden;
	bool		 is_hidden;
	bool		 has_ordinal;
	int64_t		 ordinal;
};

struct blog_post_input {
	const char	*title;
	const char	*body_content;	/* JSON text, blog_post_check_body()'s */
	bool		 has_hidden;
	bool		 is_hidden;
};

enum outcome content_category_create(struct db *db, struct arena *a,
	    const struct category_input *in, struct category *out,
	    struct outcome_detail *d);
enum outcome content_category_update(struct db *db, struct arena *a,
	    int64_t id, const struct category_input *in, struct category *out,
	    struct outcome_detail *d);
enum outcome content_activity_create(struct db *db, struct arena *a,
	    const struct activity_input *in, struct activity *out,
	    struct outcome_detail *d);
enum outcome content_activity_update(struct db *db, struct arena *a,
	    int64_t id, const struct activity_input *in, struct activity *out,
	    struct outcome_detail *d);
enum outcome content_blog_post_create(struct db *db, struct arena *a,
	    const struct blog_post_input *in, struct blog_post *out,
	    struct outcome_detail *d);
enum outcome content_blog_post_update(struct db *db, struct arena *a,
	    int64_t id, const struct blog_post_input *in, struct blog_post *out,
	    struct outcome_detail *d);

#endif
