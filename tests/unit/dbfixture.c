#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <openssl/sha.h>

#include "auth/password.h"
#include "db/migrate.h"
#include "models/user.h"
#include "dbfixture.h"

#define FORGET_MAX	128

struct dbfixture	fx;
/* What dbfixture_teardown() deletes: login_failures keys (in fx.arena)
 * and accounts. */
static const char	*forget[FORGET_MAX];
static size_t		 nforget;
static int64_t		 forget_users[FORGET_MAX];
static size_t		 nforget_users;

/* Replaces a malloc'd string of the configuration with a copy of s. */
static void
conf_replace(char **field, const char *s)
{
	free(*field);
	*field = strdup(s);
	cr_assert_not_null(*field);
}

static const char *
env_required(const char *name)
{
	const char	*v = getenv(name);

	cr_assert(v != NULL && *v != '\0',
	    "%s is not set: run the unit tests with ./dev.sh test", name);
	return v;
}

void
dbfixture_conf(struct conf *c)
{
	conf_defaults(c);
	conf_replace(&c->db_socket, env_required("MT_TEST_DB_SOCKET"));
	conf_replace(&c->db_user, env_required("MT_TEST_DB_USER"));
	conf_replace(&c->db_password, env_required("MT_TEST_DB_PASSWORD"));
	conf_replace(&c->db_name, env_required("MT_TEST_DB_NAME"));
	/* The smallest argon2 that is still argon2: tests hash a lot. */
	c->auth_argon2_memory_kib = 64;
	c->auth_argon2_iterations = 1;
	c->auth_argon2_parallelism = 1;
	c->auth_throttle_max_failures = 3;
	c->auth_throttle_window_seconds = 60;
}

struct db *
dbfixture_connect(const struct conf *c)
{
	struct db	*db;

	cr_assert_not_null(db = db_new(c));
	cr_assert_eq(db_connect(db), OUTCOME_OK, "cannot connect to %s: %s",
	    c->db_socket, db_last_error(db));
	return db;
}

void
dbfixture_migrate(struct db *db)
{
	char	why[512] = "";

	cr_assert_geq(migrate_run(db, TEST_MIGRATIONS_DIR, NULL, why,
	    sizeof(why)), 0, "migrations: %s", why);
}

void
dbfixture_lock(struct db *db, const char *name)
{
	static const char	sql[] = "SELECT GET_LOCK(?, 120)";

	cr_assert_eq(dbfixture_int(db, sql, DB_ARGS(DB_STR(name))), 1,
	    "timed out waiting for the lock %s", name);
}

void
dbfixture_setup(void)
{
	memset(&fx, 0, sizeof(fx));
	arena_init(&fx.arena, 0);
	dbfixture_conf(&fx.conf);
	fx.db = dbfixture_connect(&fx.conf);
}

void
dbfixture_setup_schema(void)
{
	dbfixture_setup();
	dbfixture_migrate(fx.db);
}

void
dbfixture_teardown(void)
{
	static const char	sql_forget[] =
	    "DELETE FROM login_failures WHERE throttle_key = ?";
	static const char	sql_forget_user[] =
	    "DELETE FROM users WHERE id = ?";

	for (size_t i = 0; fx.db != NULL && i < nforget; i++)
		(void)db_exec(fx.db, sql_forget, DB_ARGS(DB_STR(forget[i])),
		    NULL, NULL);
	for (size_t i = 0; fx.db != NULL && i < nforget_users; i++)
		(void)db_exec(fx.db, sql_forget_user,
		    DB_ARGS(DB_INT(forget_users[i])), NULL, NULL);
	nforget = nforget_users = 0;
	db_free(fx.db);
	fx.db = NULL;
	conf_release(&fx.conf);
	arena_release(&fx.arena);
}

const char *
dbfixture_unique(const char *prefix)
{
	unsigned char	r[6];
	char		hex[2 * sizeof(r) + 1];
	const char	*s;

	cr_assert_eq(random_bytes(r, sizeof(r)), 0);
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	cr_assert_not_null(s = arena_printf(&fx.arena, "%s%s", prefix, hex));
	return s;
}

int64_t
dbfixture_user(const char *username, const char *email, const char *password,
    bool active)
{
	struct password_params	p;
	struct user		u;
	char			hash[PASSWORD_HASH_MAX] = "!";
	int64_t			id = 0;
	int			rc;

	if (password != NULL) {
		password_params_from_conf(&p, &fx.conf);
		cr_assert_eq(password_hash(&p, password, hash), 0);
	}
	memset(&u, 0, sizeof(u));
	u.username = username;
	u.email = email;
	u.first_name = "Test";
	u.last_name = "User";
	u.password_hash = hash;
	u.is_active = active;
	u.role = USER_ROLE_MENTOR;
	rc = user_create(fx.db, &u, &id);
	cr_assert_eq(rc, OUTCOME_OK, "user_create %s: %d %s", username, rc,
	    db_last_error(fx.db));
	cr_assert_gt(id, 0);
	dbfixture_forget_user(id);
	return id;
}

void
dbfixture_forget_user(int64_t id)
{
	cr_assert_lt(nforget_users, FORGET_MAX, "raise FORGET_MAX");
	forget_users[nforget_users++] = id;
}

const char *
dbfixture_throttle_key(const char *login, const char *ip)
{
	unsigned char	 md[SHA256_DIGEST_LENGTH];
	char		*text, *hex;

	if (login != NULL) {
		text = arena_printf(&fx.arena, "user:%s|ip:%s", login, ip);
		cr_assert_not_null(text);
		for (char *p = text + 5; *p != '|'; p++)
			*p = (char)tolower((unsigned char)*p);
	} else
		cr_assert_not_null(text = arena_printf(&fx.arena, "ip:%s", ip));
	SHA256((const unsigned char *)text, strlen(text), md);
	cr_assert_not_null(hex = arena_alloc(&fx.arena, 2 * sizeof(md) + 1));
	for (size_t i = 0; i < sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

void
dbfixture_forget_failures(const char *login, const char *ip)
{
	cr_assert_leq(nforget + 2, FORGET_MAX, "raise FORGET_MAX");
	forget[nforget++] = dbfixture_throttle_key(login, ip);
	forget[nforget++] = dbfixture_throttle_key(NULL, ip);
}

int64_t
dbfixture_int(struct db *db, const char *sql, const struct db_val *params,
    size_t nparams)
{
	struct db_rows	rows;
	int		rc;

	rc = db_query(db, sql, params, nparams, &fx.arena, &rows);
	cr_assert_eq(rc, OUTCOME_OK, "%s: %d %s", sql, rc, db_last_error(db));
	cr_assert_eq(rows.nrows, 1, "%s: %zu rows", sql, rows.nrows);
	cr_assert_not_null(db_rows_str(&rows, 0, 0), "%s: NULL", sql);
	return db_rows_int(&rows, 0, 0);
}
