/*
 * lib/auth/throttle against a real MariaDB.  login_failures is shared by
 * every test that runs at once, so each test uses logins and addresses of
 * its own (dbfixture_unique()), whose rows the fixture deletes at the end.
 * Time is driven through now_us.  The fixture allows 3 failures per login
 * and address, 30 per address, in windows of 60 seconds.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "auth/throttle.h"
#include "core/timeutil.h"
#include "dbfixture.h"

static int64_t	t0;

static void
setup(void)
{
	dbfixture_setup_schema();
	t0 = time_now_us();
}

TestSuite(throttle, .init = setup, .fini = dbfixture_teardown);

/* A fresh address: the documentation prefix, a random interface id. */
static const char *
new_ip(void)
{
	return dbfixture_unique("2001:db8::");
}

static int
check(const char *login, const char *ip, int64_t now)
{
	unsigned	wait = 0;
	int		rc = throttle_check(fx.db, &fx.conf, login, ip, now, &wait);

	cr_assert_eq(rc, OUTCOME_OK, "throttle_check: %d %s", rc,
	    db_last_error(fx.db));
	return (int)wait;
}

static void
fail(const char *login, const char *ip, int64_t now, int times)
{
	dbfixture_forget_failures(login, ip);
	for (int i = 0; i < times; i++)
		cr_assert_eq(throttle_record_failure(fx.db, &fx.conf, login, ip,
		    now), OUTCOME_OK, "%s", db_last_error(fx.db));
}

static int64_t
failures(const char *key)
{
	static const char	sql[] =
	    "SELECT COALESCE(SUM(failures), 0)"
	    " FROM login_failures WHERE throttle_key = ?";

	return dbfixture_int(fx.db, sql, DB_ARGS(DB_STR(key)));
}

Test(throttle, blocks_a_login_after_max_failures)
{
	const char	*login = dbfixture_unique("victim_"), *ip = new_ip();

	cr_assert_eq(check(login, ip, t0), 0, "nothing recorded yet");
	fail(login, ip, t0, 2);
	cr_assert_eq(check(login, ip, t0), 0, "two failures are allowed");
	fail(login, ip, t0 + TIME_US, 1);
	/* The window began with the first failure: 60 s, 10 s ago. */
	cr_assert_eq(check(login, ip, t0 + 10 * TIME_US), 50);
	/* Rounded up, so that a client never hears "retry in 0 s". */
	cr_assert_eq(check(login, ip, t0 + 59 * TIME_US + 1), 1);
}

Test(throttle, others_are_not_affected)
{
	const char	*login = dbfixture_unique("victim_"), *ip = new_ip();

	fail(login, ip, t0, 3);
	cr_assert_gt(check(login, ip, t0), 0);
	cr_assert_eq(check(login, new_ip(), t0), 0,
	    "the same login from elsewhere still gets in");
	cr_assert_eq(check(dbfixture_unique("other_"), ip, t0), 0,
	    "another login from that address still gets in");
	cr_assert_eq(check(dbfixture_unique("other_"), new_ip(), t0), 0);
}

Test(throttle, login_ignores_case)
{
	const char	*login = dbfixture_unique("Mixed_"), *ip = new_ip();
	char		*lower = arena_strdup(&fx.arena, login);

	lower[0] = 'm';
	fail(login, ip, t0, 2);
	fail(lower, ip, t0, 1);
	cr_assert_gt(check(login, ip, t0), 0,
	    "\"Mixed\" and \"mixed\" share one counter");
	cr_assert_gt(check(lower, ip, t0), 0);
}

Test(throttle, window_expiry_starts_again)
{
	const char	*login = dbfixture_unique("patient_"), *ip = new_ip();
	const int64_t	 window = 60 * TIME_US;

	fail(login, ip, t0, 3);
	cr_assert_gt(check(login, ip, t0 + window - 1), 0);
	cr_assert_eq(check(login, ip, t0 + window), 0, "the window is over");
	/* A failure after the window counts from one again. */
	fail(login, ip, t0 + window + TIME_US, 2);
	cr_assert_eq(check(login, ip, t0 + window + TIME_US), 0);
	fail(login, ip, t0 + window + 2 * TIME_US, 1);
	cr_assert_eq(check(login, ip, t0 + window + 2 * TIME_US), 59,
	    "the new window began at its first failure");
}

Test(throttle, address_limit_is_ten_times_the_login_limit)
{
	const char	*ip = new_ip(), *other = new_ip();

	/* 29 logins, one failure each: under both limits. */
	for (int i = 0; i < 29; i++)
		fail(dbfixture_unique("sweep_"), ip, t0, 1);
	cr_assert_eq(check(dbfixture_unique("next_"), ip, t0), 0);
	fail(dbfixture_unique("sweep_"), ip, t0 + 5 * TIME_US, 1);
	cr_assert_eq(check(dbfixture_unique("next_"), ip, t0 + 5 * TIME_US),
	    55, "30 failures from one address block every login from it");
	cr_assert_eq(check(dbfixture_unique("next_"), other, t0), 0);
	cr_assert_eq(check(dbfixture_unique("next_"), ip, t0 + 60 * TIME_US),
	    0);
}

Test(throttle, stores_neither_login_nor_address)
{
	static const char	sql_clear[] =
	    "SELECT COUNT(*) FROM login_failures"
	    " WHERE throttle_key = ? OR throttle_key = ?";
	const char		*login = dbfixture_unique("secret_");
	const char		*ip = new_ip();

	fail(login, ip, t0, 2);
	cr_assert_eq(failures(dbfixture_throttle_key(login, ip)), 2);
	cr_assert_eq(failures(dbfixture_throttle_key(NULL, ip)), 2);
	cr_assert_eq(dbfixture_int(fx.db, sql_clear, DB_ARGS(DB_STR(login),
	    DB_STR(ip))), 0);
}
