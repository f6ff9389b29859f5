#include "config.h"

#include <string.h>

#include "core/log.h"
#include "media/image.h"
#include "media/store.h"
#include "services/pictures.h"

/*
 * Each slot's column, and the folder its pictures go to.  The SQL is
 * constant text per slot (nothing of it comes from input); profile_pic
 * is NOT NULL in the seed's schema, so "no picture" is '' there.
 */
struct picture_column {
	const char	*object;	/* as picture_slot_of() names it */
	const char	*name;
	const char	*kind;		/* media/store.h */
	const char	*lock_sql;	/* the current path, row locked */
	const char	*set_sql;	/* (path, id) */
};

static const struct picture_column picture_columns[PICTURE__MAX] = {
	[PICTURE_PROFILE] = { "profile", "image", MEDIA_PROFILE,
	    "SELECT profile_pic FROM mentors WHERE user_id = ? FOR UPDATE",
	    "UPDATE mentors SET profile_pic = COALESCE(?, '')"
	    " WHERE user_id = ?" },
	[PICTURE_CATEGORY_IMAGE] = { "category", "image", MEDIA_CATEGORY,
	    "SELECT image FROM categories WHERE id = ? FOR UPDATE",
	    "UPDATE categories SET image = ? WHERE id = ?" },
	[PICTURE_ACTIVITY_ICON] = { "activity", "icon", MEDIA_ACTIVITY,
	    "SELECT icon FROM activities WHERE id = ? FOR UPDATE",
	    "UPDATE activities SET icon = ? WHERE id = ?" },
	[PICTURE_ACTIVITY_POSTER] = { "activity", "poster", MEDIA_ACTIVITY,
	    "SELECT poster FROM activities WHERE id = ? FOR UPDATE",
	    "UPDATE activities SET poster = ? WHERE id = ?" },
	[PICTURE_BLOG_THUMBNAIL] = { "blog", "thumbnail", MEDIA_BLOG,
	    "SELECT thumbnail FROM blog_posts WHERE id = ? FOR UPDATE",
	    "UPDATE blog_posts SET thumbnail = ? WHERE id = ?" },
	[PICTURE_BLOG_IMAGE] = { "blog", "image", MEDIA_BLOG,
	    "SELECT image FROM blog_posts WHERE id = ? FOR UPDATE",
	    "UPDATE blog_posts SET image = ? WHERE id = ?" },
};

int
picture_slot_of(const char *object, const char *name)
{
	for (int i = 0; i < PICTURE__MAX; i++)
		if (strcmp(picture_columns[i].object, object) == 0 &&
		    strcmp(picture_columns[i].name, name) == 0)
			return i;
	return -1;
}

struct picture_tx {
	const struct picture_column	*col;
	struct arena			*a;
	int64_t				 id;
	const char			*url;	/* the new path, or NULL */
	const char			*old;	/* what it replaced */
};

static enum outcome
picture_tx(struct db *db, void *arg)
{
	struct picture_tx	*t = arg;
	struct db_rows		 rows;
	enum outcome		 rc;

	if ((rc = db_query(db, t->col->lock_sql, DB_ARGS(DB_INT(t->id)),
	    t->a, &rows)) != OUTCOME_OK)
		return rc;
	if (rows.nrows == 0)
		return OUTCOME_NOT_FOUND;
	t->old = db_rows_str(&rows, 0, 0);
	return db_exec(db, t->col->set_sql, DB_ARGS(DB_STR_OR_NULL(t->url),
	    DB_INT(t->id)), NULL, NULL);
}

enum outcome
picture_set(struct db *db, const struct conf *c, struct arena *a,
    enum picture_slot slot, int64_t id, const void *data, size_t len,
    const char **url, struct outcome_detail *d)
{
	struct picture_tx	 t = { .col = &picture_columns[slot], .a = a,
				    .id = id };
	struct image_bytes	 img = { 0 };
	const char		*why;
	enum outcome		 rc;

	*url = NULL;
	if (data != NULL) {
		if (image_clean(data, len, c->media_max_pixels, &img,
		    &why) == -1)
			return outcome_fail(d, OUTCOME_INVALID, "image", "%s",
			    why);
		rc = media_store(c, a, t.col->kind, &img, &t.url);
		image_bytes_release(&img);
		if (rc != OUTCOME_OK)
			return rc;
	}
	if ((rc = db_transaction(db, picture_tx, &t)) != OUTCOME_OK) {
		media_remove(c, t.url);
		return rc;
	}
	media_remove(c, t.old);
	*url = t.url;
	log_info("picture: %s %lld %s set to %s", t.col->object, (long long)id,
	    t.col->name, t.url != NULL ? t.url : "none");
	return OUTCOME_OK;
}
