/*
 * Mentors: a user (role mentor) linked to exactly one mentee, with the
 * profile the app shows.  A mentor's id is their user's id.
 */
#ifndef MT_MENTOR_H
#define MT_MENTOR_H

#include <stddef.h>
#include <stdint.h>

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
 * a transaction.  DB_DUPLICATE when the username or number is taken.
 */
int	mentor_create(struct db *db, const struct mentor *m, int64_t *id);
/* Updates the mentee, the profile and the device token (NULL fields
 * become "").  1/0/rc. */
int	mentor_update(struct db *db, const struct mentor *m);
/* 1 found, 0 not found (or not a mentor), or a negative enum db_rc. */
int	mentor_get(struct db *db, struct arena *a, int64_t id,
	    struct mentor *out);
int	mentor_list(struct db *db, struct arena *a, int64_t offset,
	    int64_t limit, struct mentor **out, size_t *n);
int	mentor_count(struct db *db, int64_t *count);
/*
 * The mentor a mentee's inbound messages go to: the one linked longest
 * (lowest id).  1 found, 0 the mentee has none, or a negative rc.
 */
int	mentor_of_mentee(struct db *db, int64_t mentee_id, int64_t *mentor_id);

#endif
