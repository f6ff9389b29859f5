/*
 * The pictures of objects: a mentor's profile picture, a category's
 * image, an activity's icon and poster, a blog post's thumbnail and
 * image.  Setting one cleans the upload (media/image.h), stores it
 * (media/store.h) and points the object at it in one transaction; the
 * picture it replaces, and every copy made of that, is removed once the
 * change is committed.  Nothing is left behind when a step fails.
 */
#ifndef MT_SERVICES_PICTURES_H
#define MT_SERVICES_PICTURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/outcome.h"
#include "db/db.h"

enum picture_slot {
	PICTURE_PROFILE,		/* mentors.profile_pic */
	PICTURE_CATEGORY_IMAGE,
	PICTURE_ACTIVITY_ICON,
	PICTURE_ACTIVITY_POSTER,
	PICTURE_BLOG_THUMBNAIL,
	PICTURE_BLOG_IMAGE,
	PICTURE__MAX
};

/* "profile", "image", "icon", ...: a slot by its name, or -1. */
int	picture_slot_of(const char *object, const char *name);

/*
 * Sets the picture of slot of object id to the upload data (len bytes):
 * OUTCOME_OK with *url (in a) its path; OUTCOME_INVALID (field "image")
 * when data is no acceptable picture; OUTCOME_NOT_FOUND when there is no
 * such object.  data NULL removes the picture (*url NULL).
 */
enum outcome picture_set(struct db *db, const struct conf *c,
	    struct arena *a, enum picture_slot slot, int64_t id,
	    const void *data, size_t len, const char **url,
	    struct outcome_detail *d);

#endif
