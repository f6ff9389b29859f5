#include "config.h"

#include <string.h>

#include "auth/authn.h"
#include "auth/throttle.h"
#include "core/log.h"
#include "core/timeutil.h"

int
authn_init(struct authn *an, const struct conf *c)
{
	struct password_params	p;
	char			pw[33];

	memset(an, 0, sizeof(*an));
	an->conf = c;
	password_params_from_conf(&p, c);
	if (password_generate(pw, sizeof(pw) - 1) == -1 ||
	    password_hash(&p, pw, an->dummy_hash) == -1)
		return -1;
	explicit_bzero(pw, sizeof(pw));
	an->cache = credcache_new(c->auth_cache_entries,
	    c->auth_cache_ttl_seconds);
	return an->cache != NULL ? 0 : -1;
}

void
authn_release(struct authn *an)
{
	credcache_free(an->cache);
	an->cache = NULL;
}

static enum authn_result
authn_db_failure(enum outcome rc)
{
	return rc == OUTCOME_UNAVAILABLE ? AUTHN_UNAVAILABLE : AUTHN_ERROR;
}

/*
 * The throttle's name for attempts at login: the account's id when the
 * login names one, whatever its spelling ("#" is in no username), so that
 * "Tony ", "tony" and "tóny" share one budget as the database finds one
 * account for them; else the login as normalised.
 */
static const char *
throttle_name(struct arena *a, const char *login, const struct user *u)
{
	const char	*name = u != NULL ? arena_printf(a, "#%lld",
			    (long long)u->id) : NULL;

	return name != NULL ? name : login;
}

/*
 * Throttle, argon2, and a failure counted: password against hash (the
 * dummy one when there is no account) for the throttle's name from ip.
 * AUTHN_OK when it matches; out filled.
 */
static void
authn_verify(struct authn *an, struct db *db, const char *name,
    const char *hash, const char *password, const char *ip, int64_t now,
    struct authn_outcome *out)
{
	enum outcome	rc;
	unsigned	wait;
	int		verified;

	if ((rc = throttle_check(db, an->conf, name, ip, now, &wait)) !=
	    OUTCOME_OK) {
		out->result = authn_db_failure(rc);
		return;
	}
	if (wait != 0) {
		out->result = AUTHN_THROTTLED;
		out->retry_after = wait;
		return;
	}
	out->used_argon2 = true;
	verified = password_verify(hash != NULL ? hash : an->dummy_hash,
	    password);
	if (verified == 1 && hash != NULL) {
		out->result = AUTHN_OK;
		return;
	}
	if (verified == -1 && hash != NULL)
		log_error("throttle %s: a malformed password hash", name);
	if ((rc = throttle_record_failure(db, an->conf, name, ip, now)) !=
	    OUTCOME_OK) {
		out->result = authn_db_failure(rc);
		return;
	}
	out->result = AUTHN_FAILED;
}

void
authn_check(struct authn *an, struct db *db, struct arena *a,
    const char *login, const char *password, const char *ip,
    struct user *user, struct authn_outcome *out)
{
	int64_t		now = time_now_us();
	enum outcome	rc;
	bool		found;

	memset(out, 0, sizeof(*out));
	/* One key for the lookup and the throttle: "Tony@X.org " is
	 * tony@x.org in both. */
	login = user_login_normalize(a, login);
	rc = user_get_by_login(db, a, login, user);
	if (rc != OUTCOME_OK && rc != OUTCOME_NOT_FOUND) {
		out->result = authn_db_failure(rc);
		return;
	}
	found = rc == OUTCOME_OK;
	if (found && user->is_active &&
	    credcache_check(an->cache, user->id, user->password_changed_at,
	    user->password_hash, password, now)) {
		out->result = AUTHN_OK;
		return;
	}
	/* Only attempts that would run argon2 are throttled.  An inactive
	 * account fails like an unknown one, after the same work, and
	 * counts even its right password (else the counter would tell). */
	authn_verify(an, db, throttle_name(a, login, found ? user : NULL),
	    found && user->is_active ? user->password_hash : NULL, password,
	    ip, now, out);
	if (out->result != AUTHN_OK)
		return;
	credcache_store(an->cache, user->id, user->password_changed_at,
	    user->password_hash, password, now);
	if ((rc = user_touch_login(db, user->id)) != OUTCOME_OK)
		out->result = authn_db_failure(rc);
}

void
authn_check_current(struct authn *an, struct db *db, struct arena *a,
    const struct user *user, const char *password, const char *ip,
    struct authn_outcome *out)
{
	memset(out, 0, sizeof(*out));
	authn_verify(an, db, throttle_name(a, NULL, user), user->password_hash,
	    password, ip, time_now_us(), out);
}
