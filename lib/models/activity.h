/*
 * Activities: what a call is about (title and description), referred to
 * by calls and scheduled calls.
 */
#ifndef MT_ACTIVITY_H
#define MT_ACTIVITY_H

#include <stdint.h>

#include "db/db.h"

/* Inserts an activity; *id set. */
enum outcome activity_insert(struct db *db, const char *title,
	    const char *description, int64_t *id);
/* OUTCOME_OK when activity id exists, else OUTCOME_NOT_FOUND. */
enum outcome activity_exists(struct db *db, int64_t id);

#endif
