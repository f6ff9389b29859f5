/*
 * lib/auth/authn against a real MariaDB: accounts, argon2 (made cheap by
 * the fixture), the credential cache and throttling (3 failures per login
 * and address a minute) together.  Every test makes its own account and
 * comes from an address of its own, so tests running at once never share
 * a throttling counter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "auth/authn.h"
#include "auth/password.h"
#include "core/timeutil.h"
#include "dbfixture.h"

static struct authn	an;

static void
setup(void)
{
	dbfixture_setup_schema();
	cr_assert_eq(authn_init(&an, &fx.conf), 0);
}

static void
teardown(void)
{
	authn_release(&an);
	dbfixture_teardown();
}

TestSuite(authn, .init = setup, .fini = teardown);

/* A fresh address whose failures the fixture deletes at the end. */
static const char *
new_ip(const char *login)
{
	const char	*ip = dbfixture_unique("2001:db8::");

	dbfixture_forget_failures(login, ip);
	return ip;
}

/* authn_check(); the outcome, and whether argon2 really ran. */
static enum authn_result
attempt(const char *login, const char *password, const char *ip,
    struct user *u, struct authn_outcome *out)
{
	unsigned long	before = password_verify_count();

	authn_check(&an, fx.db, &fx.arena, login, password, ip, u, out);
	cr_assert_eq(password_verify_count() - before, out->used_argon2 ? 1 : 0,
	    "used_argon2 says whether argon2 ran");
	return out->result;
}

Test(authn, right_password_runs_argon2_once_then_the_cache_answers)
{
	const char		*login = dbfixture_unique("alice_");
	const char		*ip = new_ip(login);
	struct authn_outcome	 o;
	struct user		 u, stored;
	int64_t			 id;

	id = dbfixture_user(login, NULL, "correct horse", true);
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o), AUTHN_OK);
	cr_assert(o.used_argon2);
	cr_assert_eq(u.id, id);
	cr_assert_str_eq(u.username, login);
	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &stored), OUTCOME_OK);
	cr_assert_neq(stored.last_login, 0, "the login is recorded");

	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o), AUTHN_OK);
	cr_assert_not(o.used_argon2, "the second check is the cache's");
	cr_assert_eq(u.id, id);
	/* The cache keys on the account, not on the spelling of the login. */
	cr_assert_eq(attempt(arena_printf(&fx.arena, "ALICE_%s", login + 6),
	    "correct horse", new_ip(login), &u, &o), AUTHN_OK);
	cr_assert_not(o.used_argon2);
	cr_assert_eq(u.id, id);
}

Test(authn, wrong_password_fails_and_counts)
{
	const char		*login = dbfixture_unique("bob_");
	const char		*ip = new_ip(login), *account;
	struct authn_outcome	 o;
	struct user		 u;
	int64_t			 id;

	id = dbfixture_user(login, NULL, "correct horse", true);
	/* The throttle counts the account, whatever the login's spelling. */
	account = arena_printf(&fx.arena, "#%lld", (long long)id);
	dbfixture_forget_failures(account, ip);
	cr_assert_eq(attempt(login, "correct horse ", ip, &u, &o),
	    AUTHN_FAILED);
	cr_assert(o.used_argon2);
	cr_assert_eq(attempt(login, "", ip, &u, &o), AUTHN_FAILED);
	cr_assert_eq(dbfixture_int(fx.db, "SELECT failures FROM login_failures"
	    " WHERE throttle_key = ?", DB_ARGS(DB_STR(
	    dbfixture_throttle_key(account, ip)))), 2);
	/* A wrong password is never cached as a right one. */
	cr_assert_eq(attempt(login, "correct horse ", ip, &u, &o),
	    AUTHN_FAILED);
	cr_assert(o.used_argon2);
}

/* Unknown logins cost an argon2 run too, so timing tells no names. */
Test(authn, unknown_login_fails_after_the_same_work)
{
	const char		*login = dbfixture_unique("ghost_");
	struct authn_outcome	 o;
	struct user		 u;

	cr_assert_eq(attempt(login, "anything", new_ip(login), &u, &o),
	    AUTHN_FAILED);
	cr_assert(o.used_argon2);
}

Test(authn, inactive_account_fails_with_its_right_password)
{
	const char		*login = dbfixture_unique("gone_");
	const char		*ip = new_ip(login);
	struct authn_outcome	 o;
	struct user		 u;

	(void)dbfixture_user(login, NULL, "correct horse", false);
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o),
	    AUTHN_FAILED);
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o),
	    AUTHN_FAILED);
	cr_assert(o.used_argon2, "nothing was cached for it");
}

Test(authn, throttled_after_repeated_failures)
{
	const char		*login = dbfixture_unique("carol_");
	const char		*ip = new_ip(login);
	struct authn_outcome	 o;
	struct user		 u;

	(void)dbfixture_user(login, NULL, "correct horse", true);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(attempt(login, "guess", ip, &u, &o), AUTHN_FAILED);
	/* Even the right password waits, and argon2 does not run. */
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o),
	    AUTHN_THROTTLED);
	cr_assert_not(o.used_argon2);
	cr_assert(o.retry_after >= 1 && o.retry_after <= 60, "retry after %u",
	    o.retry_after);
	cr_assert_eq(attempt(login, "guess", ip, &u, &o), AUTHN_THROTTLED);
	/* The owner, elsewhere, is not locked out. */
	cr_assert_eq(attempt(login, "correct horse", new_ip(login), &u, &o),
	    AUTHN_OK);
}

/* A client that already proved its password is not locked out by
 * someone else's guesses: the cache answers before the throttle. */
Test(authn, cached_login_survives_throttling)
{
	const char		*login = dbfixture_unique("dave_");
	const char		*ip = new_ip(login);
	struct authn_outcome	 o;
	struct user		 u;

	(void)dbfixture_user(login, NULL, "correct horse", true);
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o), AUTHN_OK);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(attempt(login, "guess", ip, &u, &o), AUTHN_FAILED);
	cr_assert_eq(attempt(login, "guess", ip, &u, &o), AUTHN_THROTTLED);
	cr_assert_eq(attempt(login, "correct horse", ip, &u, &o), AUTHN_OK);
	cr_assert_not(o.used_argon2);
}

Test(authn, password_change_ends_the_cached_password)
{
	const char		*login = dbfixture_unique("erin_");
	const char		*ip = new_ip(login);
	struct password_params	 p;
	struct authn_outcome	 o;
	struct user		 u;
	char			 hash[PASSWORD_HASH_MAX];
	int64_t			 id;

	id = dbfixture_user(login, NULL, "old password", true);
	cr_assert_eq(attempt(login, "old password", ip, &u, &o), AUTHN_OK);
	cr_assert_eq(attempt(login, "old password", ip, &u, &o), AUTHN_OK);
	cr_assert_not(o.used_argon2, "cached");

	password_params_from_conf(&p, &fx.conf);
	cr_assert_eq(password_hash(&p, "new password", hash), 0);
	cr_assert_eq(user_set_password_hash(fx.db, id, hash), OUTCOME_OK);
	cr_assert_eq(attempt(login, "old password", ip, &u, &o), AUTHN_FAILED);
	cr_assert(o.used_argon2, "the cache no longer vouches for it");
	cr_assert_eq(attempt(login, "new password", ip, &u, &o), AUTHN_OK);
	cr_assert_eq(attempt(login, "new password", ip, &u, &o), AUTHN_OK);
	cr_assert_not(o.used_argon2);
}

/* The stamp holds the hash too: a clock that did not move (or a clock
 * set back) cannot keep an old password alive. */
Test(authn, password_change_in_the_same_microsecond)
{
	const char		*login = dbfixture_unique("grace_");
	const char		*ip = new_ip(login);
	struct password_params	 p;
	struct authn_outcome	 o;
	struct user		 u;
	char			 hash[PASSWORD_HASH_MAX];
	int64_t			 id;

	time_set_now(time_now_us());
	id = dbfixture_user(login, NULL, "old password", true);
	cr_assert_eq(attempt(login, "old password", ip, &u, &o), AUTHN_OK);
	password_params_from_conf(&p, &fx.conf);
	cr_assert_eq(password_hash(&p, "new password", hash), 0);
	cr_assert_eq(user_set_password_hash(fx.db, id, hash), OUTCOME_OK);
	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &u), OUTCOME_OK);
	cr_assert_eq(u.password_changed_at, u.date_joined, "the clock stood");
	cr_assert_eq(attempt(login, "old password", ip, &u, &o), AUTHN_FAILED);
	cr_assert_eq(attempt(login, "new password", ip, &u, &o), AUTHN_OK);
}

Test(authn, login_by_email)
{
	const char		*login = dbfixture_unique("frank_");
	const char		*email = arena_printf(&fx.arena,
				    "%s@example.org", login);
	struct authn_outcome	 o;
	struct user		 u;
	int64_t			 id;

	id = dbfixture_user(login, email, "correct horse", true);
	cr_assert_eq(attempt(email, "correct horse", new_ip(email), &u, &o),
	    AUTHN_OK);
	cr_assert_eq(u.id, id);
}

Test(authn, database_away_is_unavailable)
{
	struct authn_outcome	 o;
	struct conf		 c;
	struct user		 u;
	struct db		*db;

	dbfixture_conf(&c);
	free(c.db_socket);
	cr_assert_not_null(c.db_socket = strdup("/nonexistent/mysqld.sock"));
	cr_assert_not_null(db = db_new(&c));
	authn_check(&an, db, &fx.arena, "anyone", "anything", "192.0.2.1", &u,
	    &o);
	cr_assert_eq(o.result, AUTHN_UNAVAILABLE);
	cr_assert_not(o.used_argon2);
	db_free(db);
	conf_release(&c);
}
