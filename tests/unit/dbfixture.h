/*
 * Shared set-up for the unit tests that need MariaDB: test_db,
 * test_migrate, test_user, test_session, test_throttle and test_authn.
 *
 * The database is named by MT_TEST_DB_SOCKET, MT_TEST_DB_USER,
 * MT_TEST_DB_PASSWORD and MT_TEST_DB_NAME (./dev.sh test exports them).
 * A missing one fails the test: it never skips.
 *
 * Criterion runs every test in a process of its own, several at once, and
 * another build may run the same programs against the same database at
 * the same time.  So no test empties a shared table.  Each one works on
 * names made unique with random bytes (dbfixture_unique()), on TEMPORARY
 * tables, which only its own connection sees, or under a named lock
 * (dbfixture_lock()) around the few things that cannot be made private,
 * like schema_migrations.
 */
#ifndef MT_TESTS_DBFIXTURE_H
#define MT_TESTS_DBFIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/conf.h"
#include "db/db.h"

struct dbfixture {
	struct conf	 conf;
	struct db	*db;
	struct arena	 arena;	/* freed by dbfixture_teardown() */
};

/* The current test's fixture (each test is a process of its own). */
extern struct dbfixture fx;

/*
 * Criterion .init functions: fx.conf from the environment (argon2 made
 * cheap, throttling at 3 failures a minute), fx.db connected.  The
 * _schema variant also applies the real migrations (TEST_MIGRATIONS_DIR),
 * so that users and login_failures exist.
 */
void	dbfixture_setup(void);
void	dbfixture_setup_schema(void);
/* Criterion .fini: frees what the set-up made. */
void	dbfixture_teardown(void);

/* Fills c (conf_defaults() first) from MT_TEST_DB_*; fails the test when
 * one is missing.  Release with conf_release(). */
void		 dbfixture_conf(struct conf *c);
/* A new connected handle for c; fails the test when it cannot connect. */
struct db	*dbfixture_connect(const struct conf *c);
/* Applies the real migrations on db; fails the test on error. */
void		 dbfixture_migrate(struct db *db);
/* Waits for the named lock on db's connection (held until it closes). */
void		 dbfixture_lock(struct db *db, const char *name);

/* prefix followed by 12 random lower-case hex digits, in fx.arena. */
const char	*dbfixture_unique(const char *prefix);
/*
 * Creates an active mentor (or an inactive one) on fx.db and returns its
 * id; dbfixture_teardown() deletes it.  password NULL stores a hash that
 * no password matches.
 */
int64_t		 dbfixture_user(const char *username, const char *email,
		    const char *password, bool active);
/* Makes dbfixture_teardown() delete the account id. */
void		 dbfixture_forget_user(int64_t id);
/*
 * The login_failures key for a login from ip (login NULL: for ip alone),
 * as that table documents it: hex SHA-256 of "user:LOGIN|ip:ADDR", login
 * in lower case, or of "ip:ADDR".  In fx.arena.
 */
const char	*dbfixture_throttle_key(const char *login, const char *ip);
/* Makes dbfixture_teardown() delete the failures of login from ip. */
void		 dbfixture_forget_failures(const char *login,
		    const char *ip);
/* The first column of the only row of a query, as an integer; fails the
 * test unless the query succeeds with exactly one row. */
int64_t		 dbfixture_int(struct db *db, const char *sql,
		    const struct db_val *params, size_t nparams);

#endif
