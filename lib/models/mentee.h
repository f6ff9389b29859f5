/*
 * Mentees: a user (role mentee) with a contact number, and a row in
 * mentees.  A mentee's id is their user's id.
 */
#ifndef MT_MENTEE_H
#define MT_MENTEE_H

#include <stddef.h>
#include <stdint.h>

#include "models/user.h"

struct mentee {
	struct user	user;
	int64_t		created_at;
};

/*
 * Creates the user u (role set to mentee) and the mentee; run it inside a
 * transaction.  DB_DUPLICATE when the username or the number is taken.
 */
int	mentee_create(struct db *db, const struct user *u, int64_t *id);
/* 1 found, 0 not found (or not a mentee), or a negative enum db_rc. */
int	mentee_get(struct db *db, struct arena *a, int64_t id,
	    struct mentee *out);
/* The page [offset, offset + limit) by id, into an arena array. */
int	mentee_list(struct db *db, struct arena *a, int64_t offset,
	    int64_t limit, struct mentee **out, size_t *n);
int	mentee_count(struct db *db, int64_t *count);

#endif
