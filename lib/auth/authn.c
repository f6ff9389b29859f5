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

void
authn_check(struct authn *an, struct db *db, struct arena *a,
    const char *login, const char *password, const char *ip,
    struct user *user, struct authn_outcome *out)
{
	int64_t		now = time_now_us();
	enum outcome	rc;
	unsigned	wait;
	bool		found;
	int		verified;

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
	/* Only attempts that would run argon2 are throttled. */
	if ((rc = throttle_check(db, an->conf, login, ip, now, &wait)) !=
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
	verified = password_verify(found ? user->password_hash :
	    an->dummy_hash, password);
	if (verified == 1 && found && user->is_active) {
		credcache_store(an->cache, user->id, user->password_changed_at,
		    user->password_hash, password, now);
		if ((rc = user_touch_login(db, user->id)) != OUTCOME_OK) {
			out->result = authn_db_failure(rc);
			return;
		}
		out->result = AUTHN_OK;
		return;
	}
	if (verified == -1 && found)
		log_error("user %lld has a malformed password hash",
		    (long long)user->id);
	if ((rc = throttle_record_failure(db, an->conf, login, ip, now)) !=
	    OUTCOME_OK) {
		out->result = authn_db_failure(rc);
		return;
	}
	out->result = AUTHN_FAILED;
}
