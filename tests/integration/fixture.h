/*
 * Helpers for the API integration tests (test_mentor_api, test_admin_api)
 * on top of client.h: JSON requests that check what every answer must be
 * (no password, no phone number in a mentor's view), accounts made through
 * the admin API, typed field checks, list walking, and read access to the
 * stack's MariaDB (as root over its socket in MT_VAR) to see what was
 * stored, queued in the outbox or asked of the "example" provider.
 */
#ifndef MT_TEST_FIXTURE_H
#define MT_TEST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "sql.h"

/* The demo accounts' numbers (dev.sh): never in a mentor's response. */
#define DEMO_MENTEE_NUMBER	"+27820000001"
#define DEMO_MENTOR_NUMBER	"+27820000002"

/* A mentee and their mentor, made for one test through the admin API. */
struct pair {
	char	mentee[64];
	char	mentor[64];
	char	pass[40];		/* both accounts' password */
	char	mentee_number[20];	/* E.164 */
	char	mentor_number[20];
	int64_t	mentee_id;
	int64_t	mentor_id;
};

/* Suite set-up: curl's global state. */
void		 fixture_init(void);

/*
 * Performs method on url as user/pass (NULL: no credentials) with a JSON
 * body (NULL: none).  Checks what every answer carries: nosniff, a JSON
 * content type (but for 204), a JSON body (but for 204), no password or
 * hash anywhere, and, for anybody but the admin, none of the phone numbers
 * the tests know.
 */
void		 api(const char *method, const char *url, const char *user,
		    const char *pass, const char *body, struct resp *out);
/* The same with a body of len bytes and a content type of one's choice. */
void		 api_raw(const char *method, const char *url, const char *user,
		    const char *pass, const char *content_type, const char *body,
		    size_t len, struct resp *out);
/* As the admin of MT_ADMIN_USER. */
void		 admin(const char *method, const char *url, const char *body,
		    struct resp *out);
/* As the pair's mentor. */
void		 as_mentor(const struct pair *p, const char *method,
		    const char *url, const char *body, struct resp *out);

/* Asserts r's status, showing the body when it is not. */
void		 expect_status(const struct resp *r, long status);
/* Asserts 400 with a DRF field error list (strings) for field. */
void		 expect_field_error(const struct resp *r, const char *field);
/* Asserts status with {"detail": "..."}. */
void		 expect_detail(const struct resp *r, long status);

/* Adds a number (any form) that no mentor's response may show. */
void		 forbid_number(const char *e164);
/* A fresh number: "+2779" and 8 random digits; also forbidden. */
void		 fresh_number(char out[20]);
/* A fresh username with prefix. */
void		 fresh_name(const char *prefix, char out[64]);

/* Makes a mentee and a mentor linked to it (admin POSTs, 201). */
void		 pair_create(struct pair *p);
/* The demo pair of dev.sh (MT_MENTOR_USER, ...), ids looked up. */
void		 pair_demo(struct pair *p);

/* Typed field access: the test fails when the field is absent or of
 * another type. */
int64_t		 jint(const cJSON *o, const char *name);
const char	*jstr(const cJSON *o, const char *name);
void		 jnull(const cJSON *o, const char *name);
/* An ISO 8601 UTC time ("...Z"), in microseconds since the epoch. */
int64_t		 jtime(const cJSON *o, const char *name);
/* Asserts that o has exactly the keys in names (NULL-terminated). */
void		 expect_keys(const cJSON *o, const char *const *names);

/* Now, and a time formatted as ISO 8601 with an offset in minutes. */
int64_t		 now_us(void);
void		 iso_at(int64_t us, int offset_minutes, char out[40]);
/* "YYYY-MM-DD HH:MM UTC" of us, as the SMS texts say it. */
void		 sms_time(int64_t us, char out[40]);

/*
 * Fetches every page of a list as p's mentor, following "next" links
 * from url with page_size (0: none), checking the envelope of each page
 * and that "previous" leads back.  Returns the results in order (caller deletes)
 * and the count in *count.
 */
cJSON		*list_all(const struct pair *p, const char *url, int page_size,
		    int64_t *count);
/* The same as user/pass. */
cJSON		*list_all_as(const char *user, const char *pass, const char *url,
		    int page_size, int64_t *count);

/* Rows of everything a mentor's actions store, for "nothing stored". */
struct footprint {
	int64_t	calls, messages, events, tasks, scheduled, outbox,
		provider_log, users, mentees;
	char	*schedule_state;	/* call_time/cancelled of every row */
	char	*task_state;
	char	*call_state;
	char	*user_state;		/* every account's fields */
	char	*mentor_state;
};
void		 footprint_take(struct footprint *f);
/* Asserts that nothing changed since before (which is kept). */
void		 footprint_expect_same(const struct footprint *before);
void		 footprint_release(struct footprint *f);

#endif
