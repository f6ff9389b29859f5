/*
 * Mentees: a user (role mentee) with a contact number, and a row in
 * mentees.  A mentee's id is their user's id.
 */
#ifndef MT_MENTEE_H
#define MT_MENTEE_H

#include <stddef.h>
#include <stdint.h>

#include "db/list.h"
#include "models/user.h"

struct mentee {
	struct user	user;
	int64_t		created_at;
};

/*
 * Creates the user u (role set to mentee) and the mentee; run it inside a
 * transaction.  OUTCOME_CONFLICT when the username or the number is
 * taken.
 */
enum outcome mentee_create(struct db *db, const struct user *u, int64_t *id);
/* OUTCOME_NOT_FOUND also when id is no mentee. */
enum outcome mentee_get(struct db *db, struct arena *a, int64_t id,
	    struct mentee *out);

/* Every mentee, by id (struct mentee rows). */
extern const struct db_list mentee_list_all;

#endif
