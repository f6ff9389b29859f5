/*
 * lib/auth/session against a real MariaDB: the token finds its session and
 * its account in one query, and nothing else finds it (another token, a
 * malformed one, an expired session, a deleted one, one of an account
 * whose sessions were all deleted).
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "auth/session.h"
#include "core/timeutil.h"
#include "dbfixture.h"

TestSuite(session, .init = dbfixture_setup_schema,
    .fini = dbfixture_teardown);

/* A new account named *name and a session of ttl seconds for it. */
static int64_t
account_with_session(unsigned ttl, const char **name, struct session *s)
{
	int64_t	id;

	*name = dbfixture_unique("sess_");
	id = dbfixture_user(*name, arena_printf(&fx.arena, "%s@example.org",
	    *name), NULL, true);
	cr_assert_eq(session_create(fx.db, id, ttl, s), OUTCOME_OK, "%s",
	    db_last_error(fx.db));
	return id;
}

static int
find(const char *token, int64_t now, struct session *s, struct user *u)
{
	int	rc = session_find(fx.db, &fx.arena, token, now, s, u);

	cr_assert(rc == OUTCOME_OK || rc == OUTCOME_NOT_FOUND,
	    "session_find: %d %s", rc, db_last_error(fx.db));
	return rc == OUTCOME_OK;	/* 1 found, 0 not */
}

Test(session, the_token_finds_the_session_and_its_account)
{
	struct session	 s, got;
	struct user	 u;
	const char	*name;
	int64_t		 id = account_with_session(3600, &name, &s);

	cr_assert_eq(strlen(s.token), SESSION_TOKEN_LEN);
	cr_assert_eq(strlen(s.csrf_token), SESSION_TOKEN_LEN);
	cr_assert_str_neq(s.token, s.csrf_token);
	cr_assert_eq(find(s.token, time_now_us(), &got, &u), 1);
	cr_assert_eq(got.id, s.id);
	cr_assert_eq(got.user_id, id);
	cr_assert_str_eq(got.csrf_token, s.csrf_token);
	cr_assert_eq(got.created_at, s.created_at);
	cr_assert_eq(got.expires_at - got.created_at, 3600 * TIME_US);
	cr_assert_eq(u.id, id);
	cr_assert_str_eq(u.username, name);
	cr_assert_str_eq(u.email, arena_printf(&fx.arena, "%s@example.org",
	    name));
	cr_assert(u.is_active);
	cr_assert_eq(u.role, USER_ROLE_MENTOR);
	cr_assert_gt(u.password_changed_at, 0);
	cr_assert(session_csrf_ok(&got, s.csrf_token));
	cr_assert_not(session_csrf_ok(&got, s.token));
	cr_assert_not(session_csrf_ok(&got, NULL));
}

Test(session, no_other_token_finds_it)
{
	struct session	 s, got;
	struct user	 u;
	const char	*name;
	char		 other[SESSION_TOKEN_LEN + 1];

	account_with_session(3600, &name, &s);
	memcpy(other, s.token, sizeof(other));
	other[0] = other[0] == 'A' ? 'B' : 'A';
	cr_assert_eq(find(other, time_now_us(), &got, &u), 0);
	cr_assert_eq(find("", time_now_us(), &got, &u), 0);
	cr_assert_eq(find("short", time_now_us(), &got, &u), 0);
	other[0] = '\'';	/* not base64url */
	cr_assert_eq(find(other, time_now_us(), &got, &u), 0);
	cr_assert_eq(find(s.csrf_token, time_now_us(), &got, &u), 0);
}

Test(session, an_expired_or_deleted_session_is_gone)
{
	struct session	 s, got;
	struct user	 u;
	const char	*name;

	account_with_session(60, &name, &s);
	cr_assert_eq(find(s.token, s.expires_at - 1, &got, &u), 1);
	cr_assert_eq(find(s.token, s.expires_at, &got, &u), 0);
	cr_assert_eq(session_delete(fx.db, s.token), OUTCOME_OK);
	cr_assert_eq(find(s.token, time_now_us(), &got, &u), 0);
	cr_assert_eq(session_delete(fx.db, s.token), OUTCOME_OK,
	    "deleting twice is not an error");
}

Test(session, deleting_all_of_an_account_leaves_the_others)
{
	struct session	 a, b, c, got;
	struct user	 u;
	const char	*name;
	int64_t		 id = account_with_session(3600, &name, &a);

	cr_assert_eq(session_create(fx.db, id, 3600, &b), OUTCOME_OK);
	account_with_session(3600, &name, &c);
	cr_assert_eq(session_delete_all(fx.db, id), OUTCOME_OK, "%s",
	    db_last_error(fx.db));
	cr_assert_eq(find(a.token, time_now_us(), &got, &u), 0);
	cr_assert_eq(find(b.token, time_now_us(), &got, &u), 0);
	cr_assert_eq(find(c.token, time_now_us(), &got, &u), 1,
	    "another account's session went too");
}
