/*
 * lib/models/user against a real MariaDB.  The users table is shared by
 * every test that runs at once, so each test makes its own accounts under
 * names and e-mail addresses no other test uses (dbfixture_unique()), and
 * the fixture deletes them at the end.
 */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "core/timeutil.h"
#include "models/user.h"
#include "dbfixture.h"

TestSuite(user, .init = dbfixture_setup_schema, .fini = dbfixture_teardown);

static int64_t
at(const char *sql_time)
{
	int64_t	us;

	cr_assert_eq(time_parse_sql(sql_time, &us), 0, "%s", sql_time);
	return us;
}

static int
by_login(const char *login, struct user *u)
{
	int	rc = user_get_by_login(fx.db, &fx.arena, login, u);

	cr_assert(rc == OUTCOME_OK || rc == OUTCOME_NOT_FOUND,
	    "user_get_by_login %s: %d %s", login, rc, db_last_error(fx.db));
	return rc == OUTCOME_OK;	/* 1 found, 0 not */
}

/* Upper-cases ASCII letters of s into a copy in the arena. */
static const char *
upper(const char *s)
{
	char	*u = arena_strdup(&fx.arena, s);

	for (char *p = u; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

Test(user, create_then_get_by_id_returns_every_field)
{
	const char	*name = dbfixture_unique("Admin_");
	const char	*email = arena_printf(&fx.arena, "%s@example.org",
			    name);
	int64_t		 t = at("2031-05-06 07:08:09.123456"), id = 0;
	struct user	 u, got;

	memset(&u, 0, sizeof(u));
	u.username = name;
	u.email = email;
	u.first_name = "Zo\xc3\xab";
	u.last_name = "O'Neill";
	u.password_hash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
	u.is_superuser = true;
	u.is_active = true;
	u.role = USER_ROLE_ADMIN;
	u.last_login = t;	/* ignored: a new account never logged in */
	time_set_now(t);
	cr_assert_eq(user_create(fx.db, &u, &id), OUTCOME_OK, "%s",
	    db_last_error(fx.db));
	cr_assert_gt(id, 0);
	dbfixture_forget_user(id);

	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &got), OUTCOME_OK);
	cr_assert_eq(got.id, id);
	cr_assert_str_eq(got.username, name);
	cr_assert_str_eq(got.email, email);
	cr_assert_str_eq(got.first_name, u.first_name);
	cr_assert_str_eq(got.last_name, u.last_name);
	cr_assert_str_eq(got.password_hash, u.password_hash);
	cr_assert(got.is_superuser);
	cr_assert(got.is_active);
	cr_assert_eq(got.role, USER_ROLE_ADMIN);
	cr_assert_eq(got.date_joined, t);
	cr_assert_eq(got.password_changed_at, t);
	cr_assert_eq(got.last_login, 0, "never logged in");

	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id + 1000000000, &got),
	    OUTCOME_NOT_FOUND);
}

Test(user, missing_optional_fields_are_stored_empty)
{
	const char	*name = dbfixture_unique("bare_");
	int64_t		 id = 0;
	struct user	 u, got;

	memset(&u, 0, sizeof(u));
	u.username = name;
	u.password_hash = "!";
	u.role = USER_ROLE_MENTEE;
	cr_assert_eq(user_create(fx.db, &u, &id), OUTCOME_OK);
	dbfixture_forget_user(id);
	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &got), OUTCOME_OK);
	cr_assert_str_eq(got.email, "");
	cr_assert_str_eq(got.first_name, "");
	cr_assert_str_eq(got.last_name, "");
	cr_assert_not(got.is_active);
	cr_assert_not(got.is_superuser);
	cr_assert_eq(got.role, USER_ROLE_MENTEE);
}

Test(user, login_by_username_ignores_case)
{
	const char	*name = dbfixture_unique("CaseUser_");
	struct user	 u;
	int64_t		 id;

	id = dbfixture_user(name, NULL, NULL, true);
	cr_assert_eq(by_login(name, &u), 1);
	cr_assert_eq(u.id, id);
	cr_assert_eq(by_login(upper(name), &u), 1);
	cr_assert_eq(u.id, id);
	cr_assert_str_eq(u.username, name, "the stored spelling comes back");
	cr_assert_eq(by_login(arena_printf(&fx.arena, "%sx", name), &u), 0);
	cr_assert_eq(by_login(arena_printf(&fx.arena, " %s", name), &u), 0);
}

Test(user, unknown_login_is_not_found)
{
	struct user	u;

	cr_assert_eq(by_login(dbfixture_unique("nobody_"), &u), 0);
	cr_assert_eq(by_login(arena_printf(&fx.arena, "%s@example.org",
	    dbfixture_unique("nobody_")), &u), 0);
	cr_assert_eq(by_login("", &u), 0);
}

Test(user, login_by_email_when_one_account_has_it)
{
	const char	*name = dbfixture_unique("mailer_");
	const char	*email = arena_printf(&fx.arena, "%s@Example.org",
			    name);
	struct user	 u;
	int64_t		 id;

	id = dbfixture_user(name, email, NULL, true);
	cr_assert_eq(by_login(email, &u), 1);
	cr_assert_eq(u.id, id);
	cr_assert_str_eq(u.username, name);
	cr_assert_eq(by_login(upper(email), &u), 1, "e-mail without case");
	cr_assert_eq(u.id, id);
}

Test(user, shared_email_finds_no_one)
{
	const char	*email = arena_printf(&fx.arena, "%s@example.org",
			    dbfixture_unique("family_"));
	struct user	 u;
	int64_t		 a;

	a = dbfixture_user(dbfixture_unique("parent_"), email, NULL, true);
	cr_assert_eq(by_login(email, &u), 1);
	cr_assert_eq(u.id, a);
	/* A second account with the address (in other case): ambiguous. */
	(void)dbfixture_user(dbfixture_unique("child_"), upper(email), NULL,
	    true);
	cr_assert_eq(by_login(email, &u), 0);
	cr_assert_eq(by_login(upper(email), &u), 0);
}

Test(user, username_wins_over_someone_elses_email)
{
	const char	*login = arena_printf(&fx.arena, "%s@example.org",
			    dbfixture_unique("who_"));
	struct user	 u;
	int64_t		 owner;

	(void)dbfixture_user(dbfixture_unique("other_"), login, NULL, true);
	owner = dbfixture_user(login, NULL, NULL, true);
	cr_assert_eq(by_login(login, &u), 1);
	cr_assert_eq(u.id, owner);
}

Test(user, taken_username_is_duplicate)
{
	static const char	 sql_count[] =
	    "SELECT COUNT(*) FROM users WHERE username = ?";
	const char		*name = dbfixture_unique("taken_");
	struct user		 u;
	int64_t			 id = 0;

	(void)dbfixture_user(name, NULL, NULL, true);
	memset(&u, 0, sizeof(u));
	u.username = name;
	u.password_hash = "!";
	cr_assert_eq(user_create(fx.db, &u, &id), OUTCOME_CONFLICT);
	u.username = upper(name);
	cr_assert_eq(user_create(fx.db, &u, &id), OUTCOME_CONFLICT,
	    "\"Adam\" and \"adam\" cannot be two people");
	cr_assert_eq(id, 0);
	cr_assert_eq(dbfixture_int(fx.db, sql_count, DB_ARGS(DB_STR(name))), 1);
}

Test(user, set_password_hash_stamps_password_changed_at)
{
	int64_t		joined = at("2030-01-01 00:00:00.000001");
	int64_t		changed = at("2030-06-15 12:34:56.654321");
	struct user	u;
	int64_t		id;

	time_set_now(joined);
	id = dbfixture_user(dbfixture_unique("changer_"), NULL, "old", true);
	time_set_now(changed);
	cr_assert_eq(user_set_password_hash(fx.db, id, "$argon2id$new"), OUTCOME_OK);
	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &u), OUTCOME_OK);
	cr_assert_str_eq(u.password_hash, "$argon2id$new");
	cr_assert_eq(u.password_changed_at, changed);
	cr_assert_eq(u.date_joined, joined);

	cr_assert_eq(user_set_password_hash(fx.db, id + 1000000000, "x"), OUTCOME_NOT_FOUND,
	    "no such user");
}

Test(user, touch_login_records_last_login)
{
	int64_t		t = at("2030-02-03 04:05:06.070809");
	struct user	u;
	int64_t		id;

	id = dbfixture_user(dbfixture_unique("toucher_"), NULL, NULL, true);
	time_set_now(t);
	cr_assert_eq(user_touch_login(fx.db, id), OUTCOME_OK);
	cr_assert_eq(user_get_by_id(fx.db, &fx.arena, id, &u), OUTCOME_OK);
	cr_assert_eq(u.last_login, t);
}

Test(user, role_names_parse_both_ways)
{
	enum user_role	r;

	for (int i = 0; i < USER_ROLE__MAX; i++) {
		cr_assert_eq(user_role_parse(user_role_names[i], &r), 0);
		cr_assert_eq(r, (enum user_role)i);
	}
	cr_assert_eq(user_role_parse("Admin", &r), -1);
	cr_assert_eq(user_role_parse("superuser", &r), -1);
}
