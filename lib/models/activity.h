/*
 * Activities: what a call is about (title and description), referred to
 * by calls and scheduled calls.
 */
#ifndef MT_ACTIVITY_H
#define MT_ACTIVITY_H

#include <stdint.h>

#include "db/db.h"

/* Inserts an activity; *id set.  An enum db_rc. */
int	activity_insert(struct db *db, const char *title,
	    const char *description, int64_t *id);
/* 1 exists, 0 not, or a negative enum db_rc. */
int	activity_exists(struct db *db, int64_t id);

#endif
