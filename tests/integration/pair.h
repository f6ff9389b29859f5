/*
 * Helpers shared by integration tests that need people of their own: a
 * mentor and mentee pair made with mentorshipctl, JSON posts, field reads.
 */
#ifndef MT_TEST_PAIR_H
#define MT_TEST_PAIR_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "client.h"

/* A mentor and mentee of this test, with their numbers. */
struct pair {
	char	mentor[32], mentee[32];	/* usernames */
	char	mentor_msisdn[16], mentee_msisdn[16];
	int64_t	mentor_id, mentee_id;
	char	email[64];		/* the mentor's, for the app; or "" */
};


/* The password of every pair account. */
#define PW	"pair-password-1"

/*
 * Creates a pair whose numbers end in n, unique across all the test
 * programs (they share one database): test_console_api uses 600 on.
 */
void		 make_pair(struct pair *p, const char *tag, int n);
/* The same, with the mentor's e-mail set (tag.mentor@example.org), with
 * which the Android app logs in. */
void		 make_app_pair(struct pair *p, const char *tag, int n);
void		 post_json(const char *path, const char *user,
		    const char *pass, const char *body, struct resp *out);
/* POST as the stack's provider account. */
void		 provider_post(const char *path, const char *body,
		    struct resp *out);
const char	*str(const cJSON *o, const char *name);
int64_t		 num(const cJSON *o, const char *name);
/* The results of a list answer, which must be a 200 envelope. */
const cJSON	*list_results(const struct resp *r);
/* The item of list with id, or NULL. */
const cJSON	*list_find(const cJSON *list, int64_t id);

#endif
