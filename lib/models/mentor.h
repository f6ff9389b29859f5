/*
 * Mentors: a user (role mentor) linked to exactly one mentee, with the
 * profile the app shows.  A mentor's id is their user's id.
 */
#ifndef MT_MENTOR_H
#define MT_MENTOR_H

#include <stddef.h>
#include <stdint.h>

#include "db/list.h"
#include "models/user.h"

struct mentor_profile {
	const char	*profile_pic;
	const char	*job_title;
	const char	*job_sector;
	const char	*motivation;
	const char	*inspiration;
	const char	*tags;
	const char	*skills;
};

struct mentor {
	struct user		user;
	int64_t			mentee_id;
	struct mentor_profile	profile;
	const char		*android_registration_token;
	int64_t			created_at;
};

/*
 * Creates the user (role set to mentor) and the mentor of m; run it inside
 * a transaction.  OUTCOME_CONFLICT when the username or number is taken.
 */
enum outcome mentor_create(struct db *db, const struct mentor *m,
	    int64_t *id);
/* Updates the mentee, the profile and the device token (NULL fields
 * become "").  OUTCOME_NOT_FOUND when m->user.id is no mentor. */
enum outcome mentor_update(struct db *db, const struct mentor *m);
/* OUTCOME_NOT_FOUND also when id is no mentor. */
enum outcome mentor_get(struct db *db, struct arena *a, int64_t id,
	    struct mentor *out);
/* The same, locking the mentor's row until the transaction ends. */
enum outcome mentor_get_for_update(struct db *db, struct arena *a,
	    int64_t id, struct mentor *out);
/*
 * The mentor a mentee's inbound messages go to: the one linked longest
 * (lowest id).  OUTCOME_NOT_FOUND when the mentee has none.
 */
enum outcome mentor_of_mentee(struct db *db, int64_t mentee_id,
	    int64_t *mentor_id);

/* Every mentor, by id (struct mentor rows); mentor filter.user_id alone. */
extern const struct db_list mentor_list_all;
extern const struct db_list mentor_list_self;

#endif
