/*
 * Users: the accounts behind Basic Auth and browser sessions.
 *
 * Strings in a struct user live in the arena passed to the reader; the
 * struct itself is the caller's.  password_hash never leaves the server:
 * no response may contain it.
 */
#ifndef MT_USER_H
#define MT_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"

/* The limits of the account fields, as Django's User has them. */
#define USER_NAME_MAX		150	/* username, first_name, last_name */
#define USER_EMAIL_MAX		254
#define USER_EXTERNAL_ID_MAX	255

enum user_role {
	USER_ROLE_ADMIN,
	USER_ROLE_MENTOR,
	USER_ROLE_MENTEE,
	USER_ROLE_COMMS,	/* provider accounts posting webhooks */
	USER_ROLE__MAX
};

extern const char *const user_role_names[USER_ROLE__MAX];

struct user {
	int64_t		 id;
	const char	*username;
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*password_hash;
	bool		 is_superuser;
	bool		 is_active;
	enum user_role	 role;
	int64_t		 password_changed_at;
	int64_t		 date_joined;
	int64_t		 last_login;	/* 0 = never */
	const char	*contact_number;	/* E.164, NULL when none */
	const char	*external_id;
};

/*
 * The columns user_from_row reads, of the table named or aliased t (a
 * string literal), so that a query joining users to another table reads
 * the account in the same round trip.
 */
#define USER_COLUMNS_OF(t) \
	t ".id, " t ".username, " t ".email, " t ".first_name, " \
	t ".last_name, " t ".password_hash, " t ".is_superuser, " \
	t ".is_active, " t ".role, " t ".password_changed_at, " \
	t ".date_joined, " t ".last_login, " t ".contact_number, " \
	t ".external_id"
/* How many columns USER_COLUMNS_OF names. */
#define USER_NCOLUMNS	14

/*
 * Fills *u from the USER_COLUMNS_OF columns that start at column col of
 * row; its strings point into r.
 */
void	user_from_row(const struct db_rows *r, size_t row, size_t col,
	    struct user *u);

/* Parses a role name; 0, or -1 when unknown. */
int	user_role_parse(const char *name, enum user_role *out);

/*
 * The rules of the account fields, shared by the API and mentorshipctl:
 * each returns NULL when s is acceptable, else the sentence that says why
 * not (DRF's wording).  Lengths are checked by whoever reads the input.
 */
const char	*user_check_username(const char *s);
/*
 * A login name as every login reads it (lookup, throttling): surrounding
 * white space dropped and ASCII letters lower-cased, in a.  The Android
 * app sends the e-mail address as it was typed.
 */
const char	*user_login_normalize(struct arena *a, const char *login);
const char	*user_check_email(const char *s);	/* "" is fine */

/*
 * Finds the account a login name belongs to: the username (without
 * regard to case), else the e-mail address when exactly one account has
 * it (the Android app logs in with the e-mail).  OUTCOME_OK or
 * OUTCOME_NOT_FOUND (or a failure of the database, as everywhere).
 */
enum outcome user_get_by_login(struct db *db, struct arena *a,
	    const char *login, struct user *out);
enum outcome user_get_by_id(struct db *db, struct arena *a, int64_t id,
	    struct user *out);
/*
 * Inserts u (id, last_login ignored; password_changed_at and date_joined
 * set to now) and sets *id.  OUTCOME_CONFLICT when the username or the
 * contact number is taken (user_taken_key() tells which).
 */
enum outcome user_create(struct db *db, const struct user *u, int64_t *id);
enum outcome user_get_by_contact(struct db *db, struct arena *a,
	    const char *e164, struct user *out);
/*
 * Updates username, email, names, contact_number and external_id of u->id.
 * OUTCOME_NOT_FOUND when there is no such user, OUTCOME_CONFLICT for a
 * taken username or number.
 */
enum outcome user_update(struct db *db, const struct user *u);
/* Stores a new hash and stamps password_changed_at; NOT_FOUND: no user. */
enum outcome user_set_password_hash(struct db *db, int64_t id,
	    const char *hash);
/* Records a successful password check. */
enum outcome user_touch_login(struct db *db, int64_t id);

/*
 * After a write of u failed with OUTCOME_CONFLICT: which unique key
 * another account holds, as the API's field name ("username",
 * "contact_number") in *field, NULL when neither is taken any more.
 * Reads the latest committed rows, so it also sees a concurrent
 * transaction's insert, inside the caller's transaction.
 */
enum outcome user_taken_key(struct db *db, const struct user *u,
	    const char **field);

#endif
