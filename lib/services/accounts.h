/*
 * Accounts as the admin API and mentorshipctl make them: mentees,
 * mentors, administrators and provider accounts, and password changes.
 *
 * The input is validated before it gets here (the rules are the models':
 * user_check_username(), password_check(), ...).  Passwords are hashed
 * before the transaction begins, so that no lock is held while argon2
 * runs.  A unique key that is taken comes back as OUTCOME_CONFLICT with
 * the field that holds it in the detail.
 */
#ifndef MT_ACCOUNTS_H
#define MT_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/password.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/mentee.h"
#include "models/mentor.h"

/*
 * The account fields of a mentee or mentor.  A NULL field was not given:
 * on update it keeps its value, on create it is empty.  username and
 * contact_number (E.164) are given on create; password, when given, is
 * the new one in clear.
 */
struct account_input {
	const char	*username;
	const char	*first_name;
	const char	*last_name;
	const char	*email;
	const char	*external_id;
	const char	*contact_number;
	const char	*password;
};

/* A mentor: the account, the mentee (0: not given) and the profile. */
struct mentor_input {
	struct account_input	 account;
	int64_t			 mentee_id;
	struct mentor_profile	 profile;	/* NULL fields: not given */
	const char		*android_registration_token;	/* the same */
};

enum outcome account_create_mentee(struct db *db, struct arena *a,
	    const struct password_params *pp, const struct account_input *in,
	    struct mentee *out, struct outcome_detail *d);
/* OUTCOME_NOT_FOUND when id is no mentee. */
enum outcome account_update_mentee(struct db *db, struct arena *a,
	    const struct password_params *pp, int64_t id,
	    const struct account_input *in, struct mentee *out,
	    struct outcome_detail *d);
/* OUTCOME_INVALID (field "mentee") when the mentee does not exist. */
enum outcome account_create_mentor(struct db *db, struct arena *a,
	    const struct password_params *pp, const struct mentor_input *in,
	    struct mentor *out, struct outcome_detail *d);
enum outcome account_update_mentor(struct db *db, struct arena *a,
	    const struct password_params *pp, int64_t id,
	    const struct mentor_input *in, struct mentor *out,
	    struct outcome_detail *d);
/*
 * What a mentor changes of their own profile in the Android app: the
 * given (non-NULL) profile fields and device token; *out is the mentor
 * as stored.  OUTCOME_NOT_FOUND when mentor_id is no mentor.
 */
enum outcome account_update_own_profile(struct db *db, struct arena *a,
	    int64_t mentor_id, const struct mentor_input *in,
	    struct mentor *out);
/*
 * An account without a mentee or mentor row: an administrator
 * (USER_ROLE_ADMIN, a superuser) or a provider account (USER_ROLE_COMMS).
 * *id is the new account.
 */
enum outcome account_create_staff(struct db *db,
	    const struct password_params *pp, enum user_role role,
	    const char *username, const char *email, const char *password,
	    int64_t *id, struct outcome_detail *d);
/*
 * Sets user_id's password to the one hashed and ends every session of
 * the account (any left would be refused anyway: each was created before
 * password_changed_at).  With renewed non-NULL a new session of ttl
 * seconds opens in the same transaction, for the browser that made the
 * change.  OUTCOME_NOT_FOUND when the account is gone.
 */
enum outcome account_set_password(struct db *db, int64_t user_id,
	    const char *hash, unsigned ttl, struct session *renewed);

/* ---- forgotten passwords ---- */

/* Resets one account may ask for in an hour: more mail nobody. */
#define RESET_MAX_PER_HOUR	3

/*
 * A forgotten password: when exactly one active account has e-mail
 * address email (as for logins), a reset valid for ttl seconds is
 * recorded and its mail queued (the worker makes the code).  OUTCOME_OK
 * whether or not there is such an account, or it asked too often: the
 * caller's answer must not tell.  Only a failure of the database is
 * another outcome.
 */
enum outcome account_request_reset(struct db *db, struct arena *a,
	    const char *email, unsigned ttl);
/*
 * Sets the password of the account whose open reset has code (as typed)
 * to the one hashed, uses up every reset of the account and ends every
 * session of it, in one transaction: *user_id is the account.
 * OUTCOME_NOT_FOUND for a code that is unknown, used or expired.
 */
enum outcome account_reset_password(struct db *db, const char *code,
	    const char *hash, int64_t *user_id);

#endif
