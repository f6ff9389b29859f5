/*
 * Authentication of a login name and password (Basic Auth, and the
 * browser login later): finds the account, checks the password through
 * the credential cache or argon2, throttles failures.
 */
#ifndef MT_AUTHN_H
#define MT_AUTHN_H

#include <stdbool.h>

#include "auth/credcache.h"
#include "auth/password.h"
#include "core/arena.h"
#include "core/conf.h"
#include "db/db.h"
#include "models/user.h"

enum authn_result {
	AUTHN_OK,
	AUTHN_FAILED,		/* unknown login, wrong password, inactive */
	AUTHN_THROTTLED,	/* too many failures: wait retry_after */
	AUTHN_UNAVAILABLE,	/* database away */
	AUTHN_ERROR,
	AUTHN_RESULT__MAX
};

struct authn {
	const struct conf	*conf;		/* borrowed */
	struct credcache	*cache;
	/* Verified against for unknown logins, so that they take as long
	 * as known ones and do not reveal which names exist. */
	char			 dummy_hash[PASSWORD_HASH_MAX];
};

struct authn_outcome {
	enum authn_result	 result;
	unsigned		 retry_after;	/* seconds, AUTHN_THROTTLED */
	bool			 used_argon2;	/* false: answered by the cache */
};

/* 0, or -1 when the cache or the dummy hash cannot be made. */
int	authn_init(struct authn *an, const struct conf *c);
void	authn_release(struct authn *an);
/*
 * Authenticates login/password coming from ip.  On AUTHN_OK fills *user
 * (strings in a).  The outcome says what happened and how.
 */
void	authn_check(struct authn *an, struct db *db, struct arena *a,
	    const char *login, const char *password, const char *ip,
	    struct user *user, struct authn_outcome *out);
/*
 * Checks the current password of an authenticated account (a password
 * change asks for it): always argon2, throttled and counted like a login
 * of that account, so that a stolen session cannot guess it.
 */
void	authn_check_current(struct authn *an, struct db *db, struct arena *a,
	    const struct user *user, const char *password, const char *ip,
	    struct authn_outcome *out);

#endif
