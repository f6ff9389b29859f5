/*
 * lib/db against a real MariaDB.  Every table here is TEMPORARY, so tests
 * running at once (and other programs) never see each other's rows.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/timeutil.h"
#include "db/db.h"
#include "dbfixture.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

TestSuite(db, .init = dbfixture_setup, .fini = dbfixture_teardown);

static const char SQL_CREATE[] =
    "CREATE TEMPORARY TABLE t ("
    " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    " name VARCHAR(255) NULL,"
    " n BIGINT NULL,"
    " at DATETIME(6) NULL,"
    " at_s DATETIME NULL,"
    " UNIQUE KEY t_name (name)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
static const char SQL_INSERT[] =
    "INSERT INTO t (name, n, at) VALUES (?, ?, ?)";
static const char SQL_INSERT_NAME[] = "INSERT INTO t (name) VALUES (?)";
static const char SQL_BY_ID[] = "SELECT name, n, at FROM t WHERE id = ?";
static const char SQL_BY_NAME[] = "SELECT id FROM t WHERE name = ?";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM t";
static const char SQL_CONNECTION_ID[] = "SELECT CONNECTION_ID()";
static const char SQL_IN_TX[] = "SELECT @@in_transaction";

static void
create_table(void)
{
	cr_assert_eq(db_exec_trusted(fx.db, SQL_CREATE), OUTCOME_OK, "%s",
	    db_last_error(fx.db));
}

static int64_t
insert(const char *name, struct db_val n, struct db_val at)
{
	uint64_t	id = 0;
	int		rc;

	rc = db_exec(fx.db, SQL_INSERT, DB_ARGS(DB_STR_OR_NULL(name), n, at),
	    NULL, &id);
	cr_assert_eq(rc, OUTCOME_OK, "insert: %d %s", rc, db_last_error(fx.db));
	return (int64_t)id;
}

static void
select_by_id(int64_t id, struct db_rows *r)
{
	cr_assert_eq(db_query(fx.db, SQL_BY_ID, DB_ARGS(DB_INT(id)),
	    &fx.arena, r), OUTCOME_OK, "%s", db_last_error(fx.db));
	cr_assert_eq(r->nrows, 1);
	cr_assert_eq(r->ncols, 3);
}

/* Kills db's connection from a second one and waits until it is gone. */
static void
kill_connection(struct db *db)
{
	static const char	sql_kill[] = "KILL ?";
	static const char	sql_alive[] =
	    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?";
	int64_t			id;
	struct db		*other;
	int			i;

	id = dbfixture_int(db, SQL_CONNECTION_ID, DB_NOARGS);
	other = dbfixture_connect(&fx.conf);
	cr_assert_eq(db_exec(other, sql_kill, DB_ARGS(DB_INT(id)), NULL, NULL),
	    OUTCOME_OK, "%s", db_last_error(other));
	for (i = 0; i < 500; i++) {
		if (dbfixture_int(other, sql_alive, DB_ARGS(DB_INT(id))) == 0)
			break;
		usleep(10000);
	}
	cr_assert_lt(i, 500, "connection %lld still there after KILL",
	    (long long)id);
	db_free(other);
}

/* ---- connecting ---- */

Test(db, connects_and_pings)
{
	struct db	*db;

	cr_assert_not_null(db = db_new(&fx.conf));
	cr_assert_not(db_is_connected(db), "db_new must not connect");
	cr_assert_eq(db_connect(db), OUTCOME_OK, "%s", db_last_error(db));
	cr_assert(db_is_connected(db));
	cr_assert_eq(db_connect(db), OUTCOME_OK, "connecting twice is a no-op");
	cr_assert_eq(db_ping(db), OUTCOME_OK);
	cr_assert_eq(dbfixture_int(db, "SELECT 6 * 7", DB_NOARGS), 42);
	db_free(db);
}

Test(db, wrong_password_is_unavailable)
{
	struct conf	 c;
	struct db	*db;

	dbfixture_conf(&c);
	free(c.db_password);
	cr_assert_not_null(c.db_password = strdup("not-the-password"));
	cr_assert_not_null(db = db_new(&c));
	cr_assert_eq(db_connect(db), OUTCOME_UNAVAILABLE);
	cr_assert_not(db_is_connected(db));
	cr_assert_neq(db_last_error(db)[0], '\0',
	    "the reason is kept for logs");
	cr_assert_eq(db_ping(db), OUTCOME_UNAVAILABLE);
	cr_assert_eq(db_exec(db, SQL_INSERT_NAME, DB_ARGS(DB_STR("x")), NULL,
	    NULL), OUTCOME_UNAVAILABLE);
	db_free(db);
	conf_release(&c);
}

Test(db, server_away_is_unavailable)
{
	struct conf	 c;
	struct db	*db;
	struct db_rows	 r;

	dbfixture_conf(&c);
	free(c.db_socket);
	cr_assert_not_null(c.db_socket = strdup("/nonexistent/mysqld.sock"));
	cr_assert_not_null(db = db_new(&c));
	cr_assert_eq(db_query(db, SQL_COUNT, DB_NOARGS, &fx.arena, &r),
	    OUTCOME_UNAVAILABLE);
	cr_assert_eq(r.nrows, 0);
	cr_assert_eq(db_begin(db), OUTCOME_UNAVAILABLE);
	cr_assert_not(db_in_transaction(db));
	db_free(db);
	conf_release(&c);
}

/* ---- values ---- */

Test(db, strings_are_stored_exactly)
{
	static const char *const	 values[] = {
		"O'Brien", "\"double\" quotes", "back\\slash\\",
		"'; DROP TABLE t; --", "Robert'); DROP TABLE t;--",
		"' OR '1'='1", "\\'; SELECT 1; -- ",
		"NULL", "null", "\\N", "", "  padded  ", "%_*?",
		"line\nbreak\ttab\r", "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87",
		"\xf0\x9f\x98\x80 outside the BMP",
	};
	const size_t			 n = NELEM(values);
	int64_t				 ids[NELEM(values)];
	struct db_rows			 r;

	create_table();
	for (size_t i = 0; i < n; i++)
		ids[i] = insert(values[i], DB_INT((int64_t)i), DB_NULL);
	cr_assert_eq(dbfixture_int(fx.db, SQL_COUNT, DB_NOARGS), (int64_t)n,
	    "every value is one row, none ran as SQL");
	for (size_t i = 0; i < n; i++) {
		select_by_id(ids[i], &r);
		cr_assert_not(db_rows_isnull(&r, 0, 0), "%zu is not NULL", i);
		cr_assert_str_eq(db_rows_str(&r, 0, 0), values[i]);
		cr_assert_eq(r.cells[0].len, strlen(values[i]));
		cr_assert_eq(db_rows_int(&r, 0, 1), (int64_t)i);
		/* Looking a value up finds its own row and no other. */
		cr_assert_eq(dbfixture_int(fx.db, SQL_BY_NAME,
		    DB_ARGS(DB_STR(values[i]))), ids[i], "lookup of %zu", i);
	}
	cr_assert_eq(db_query(fx.db, SQL_BY_NAME,
	    DB_ARGS(DB_STR("x' OR 'x'='x")), &fx.arena, &r), OUTCOME_OK);
	cr_assert_eq(r.nrows, 0, "an injected condition matches nothing");
}

Test(db, null_cells)
{
	struct db_rows	r;
	int64_t		id;

	create_table();
	id = insert(NULL, DB_NULL, DB_NULL);
	select_by_id(id, &r);
	for (size_t c = 0; c < 3; c++) {
		cr_assert(db_rows_isnull(&r, 0, c), "column %zu", c);
		cr_assert_null(db_rows_str(&r, 0, c));
	}
	cr_assert_eq(db_rows_int(&r, 0, 1), 0);
	cr_assert_eq(db_rows_time(&r, 0, 2), 0);

	/* The empty string and zero are values, not NULL. */
	id = insert("", DB_INT(0), DB_TIME(0));
	select_by_id(id, &r);
	cr_assert_not(db_rows_isnull(&r, 0, 0));
	cr_assert_str_eq(db_rows_str(&r, 0, 0), "");
	cr_assert_not(db_rows_isnull(&r, 0, 1));
	cr_assert_str_eq(db_rows_str(&r, 0, 1), "0");
	cr_assert_not(db_rows_isnull(&r, 0, 2));
	cr_assert_str_eq(db_rows_str(&r, 0, 2), "1970-01-01 00:00:00.000000");
}

Test(db, integers_round_trip)
{
	static const int64_t	values[] = {
		0, 1, -1, INT32_MAX, (int64_t)INT32_MAX + 1, INT32_MIN,
		INT64_MAX, INT64_MIN,
	};
	struct db_rows		r;

	create_table();
	for (size_t i = 0; i < NELEM(values); i++) {
		select_by_id(insert(NULL, DB_INT(values[i]), DB_NULL), &r);
		cr_assert_eq(db_rows_int(&r, 0, 1), values[i], "%lld",
		    (long long)values[i]);
	}
}

Test(db, times_round_trip_to_the_microsecond)
{
	static const char *const	 texts[] = {
		"2016-01-14 08:56:59.152335",
		"2024-02-29 23:59:59.999999",
		"2038-01-19 03:14:08.000001",	/* past 32-bit time_t */
		"1970-01-01 00:00:00.000000",
		"1969-12-31 23:59:59.999999",	/* before the epoch */
		"0001-01-01 00:00:00.000001",
		"9999-12-31 23:59:59.999999",
	};
	struct db_rows			 r;
	int64_t				 us;

	create_table();
	for (size_t i = 0; i < NELEM(texts); i++) {
		cr_assert_eq(time_parse_sql(texts[i], &us), 0);
		select_by_id(insert(NULL, DB_NULL, DB_TIME(us)), &r);
		/* Stored as given: no time zone moved it. */
		cr_assert_str_eq(db_rows_str(&r, 0, 2), texts[i]);
		cr_assert_eq(db_rows_time(&r, 0, 2), us, "%s", texts[i]);
	}
}

Test(db, datetime_without_fraction_reads_as_whole_seconds)
{
	static const char	sql_set[] =
	    "UPDATE t SET at_s = ? WHERE id = ?";
	static const char	sql_get[] = "SELECT at_s FROM t WHERE id = ?";
	struct db_rows		r;
	int64_t			us, id;

	create_table();
	id = insert(NULL, DB_NULL, DB_NULL);
	cr_assert_eq(time_parse_sql("2016-01-14 08:56:59.000000", &us), 0);
	cr_assert_eq(db_exec(fx.db, sql_set, DB_ARGS(DB_TIME(us), DB_INT(id)),
	    NULL, NULL), OUTCOME_OK);
	cr_assert_eq(db_query(fx.db, sql_get, DB_ARGS(DB_INT(id)), &fx.arena,
	    &r), OUTCOME_OK);
	cr_assert_eq(db_rows_time(&r, 0, 0), us);
}

Test(db, session_clock_is_utc)
{
	struct db_rows	r;
	int64_t		server, now = time_now_us();

	cr_assert_eq(db_query(fx.db, "SELECT NOW(6), UTC_TIMESTAMP(6)",
	    DB_NOARGS, &fx.arena, &r), OUTCOME_OK);
	server = db_rows_time(&r, 0, 0);
	cr_assert_eq(server, db_rows_time(&r, 0, 1),
	    "the session time zone is UTC");
	cr_assert_lt(llabs(server - now), 60 * TIME_US,
	    "server %lld, here %lld", (long long)server, (long long)now);
}

Test(db, insert_id_and_affected_rows)
{
	static const char	sql_bump[] =
	    "UPDATE t SET n = n + 1 WHERE n >= ?";
	uint64_t		affected = 99;
	int64_t			a, b;

	create_table();
	a = insert("a", DB_INT(1), DB_NULL);
	b = insert("b", DB_INT(2), DB_NULL);
	(void)insert("c", DB_INT(3), DB_NULL);
	cr_assert_gt(a, 0);
	cr_assert_eq(b, a + 1);
	cr_assert_eq(db_exec(fx.db, sql_bump, DB_ARGS(DB_INT(2)), &affected,
	    NULL), OUTCOME_OK);
	cr_assert_eq(affected, 2);
	cr_assert_eq(db_exec(fx.db, sql_bump, DB_ARGS(DB_INT(100)), &affected,
	    NULL), OUTCOME_OK);
	cr_assert_eq(affected, 0);
}

/* ---- errors ---- */

Test(db, unique_violation_is_duplicate)
{
	uint64_t	affected = 0;

	create_table();
	(void)insert("taken", DB_NULL, DB_NULL);
	cr_assert_eq(db_exec(fx.db, SQL_INSERT_NAME, DB_ARGS(DB_STR("taken")),
	    NULL, NULL), OUTCOME_CONFLICT);
	/* The connection is still good and nothing was added. */
	cr_assert(db_is_connected(fx.db));
	cr_assert_eq(dbfixture_int(fx.db, SQL_COUNT, DB_NOARGS), 1);
	cr_assert_eq(db_exec(fx.db, SQL_INSERT_NAME, DB_ARGS(DB_STR("free")),
	    &affected, NULL), OUTCOME_OK);
	cr_assert_eq(affected, 1);
}

Test(db, bad_sql_is_error_and_connection_survives)
{
	cr_assert_eq(db_exec(fx.db, "SELEKT nothing FROM nowhere", DB_NOARGS,
	    NULL, NULL), OUTCOME_ERROR);
	cr_assert_neq(db_last_error(fx.db)[0], '\0');
	cr_assert(db_is_connected(fx.db));
	cr_assert_eq(db_exec(fx.db, "INSERT INTO no_such_table VALUES (1)",
	    DB_NOARGS, NULL, NULL), OUTCOME_ERROR);
	cr_assert_eq(dbfixture_int(fx.db, "SELECT 1", DB_NOARGS), 1);
}

/* ---- transactions ---- */

struct tx_arg {
	const char	*names[3];
	enum outcome	 result;	/* fn returns it after inserting */
};

static enum outcome
tx_insert(struct db *db, void *arg)
{
	struct tx_arg	*t = arg;
	enum outcome	 rc;

	cr_assert(db_in_transaction(db));
	for (size_t i = 0; i < 3 && t->names[i] != NULL; i++)
		if ((rc = db_exec(db, SQL_INSERT_NAME,
		    DB_ARGS(DB_STR(t->names[i])), NULL, NULL)) != OUTCOME_OK)
			return rc;
	return t->result;
}

Test(db, transaction_commits_on_ok)
{
	struct tx_arg	t = { { "a", "b", "c" }, OUTCOME_OK };

	create_table();
	cr_assert_eq(db_transaction(fx.db, tx_insert, &t), OUTCOME_OK);
	cr_assert_not(db_in_transaction(fx.db));
	cr_assert_eq(dbfixture_int(fx.db, SQL_IN_TX, DB_NOARGS), 0,
	    "the server has no transaction open");
	cr_assert_eq(dbfixture_int(fx.db, SQL_COUNT, DB_NOARGS), 3);
}

Test(db, transaction_rolls_back_on_error)
{
	struct tx_arg	failing = { { "a", "b", NULL }, OUTCOME_ERROR };
	struct tx_arg	dup = { { "c", "d", "c" }, OUTCOME_OK };

	create_table();
	cr_assert_eq(db_transaction(fx.db, tx_insert, &failing), OUTCOME_ERROR);
	cr_assert_not(db_in_transaction(fx.db));
	cr_assert_eq(dbfixture_int(fx.db, SQL_IN_TX, DB_NOARGS), 0);
	cr_assert_eq(dbfixture_int(fx.db, SQL_COUNT, DB_NOARGS), 0,
	    "nothing of a failed transaction is stored");
	/* A constraint hit half-way undoes the rows before it too. */
	cr_assert_eq(db_transaction(fx.db, tx_insert, &dup), OUTCOME_CONFLICT);
	cr_assert_not(db_in_transaction(fx.db));
	cr_assert_eq(dbfixture_int(fx.db, SQL_COUNT, DB_NOARGS), 0);
	db_rollback(fx.db);	/* safe with none open */
}

/* ---- the statement cache ---- */

Test(db, statement_prepared_once_and_reused)
{
	static const char	sql_prepares[] =
	    "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
	    " WHERE VARIABLE_NAME = 'COM_STMT_PREPARE'";
	static const char	sql_echo[] = "SELECT ? + 1, ?";
	struct db_rows		r;
	int64_t			before, after;
	char			s[32];

	before = dbfixture_int(fx.db, sql_prepares, DB_NOARGS);
	for (int64_t i = 0; i < 500; i++) {
		snprintf(s, sizeof(s), "value %lld", (long long)i);
		cr_assert_eq(db_query(fx.db, sql_echo, DB_ARGS(DB_INT(i),
		    DB_STR(s)), &fx.arena, &r), OUTCOME_OK);
		cr_assert_eq(db_rows_int(&r, 0, 0), i + 1);
		cr_assert_str_eq(db_rows_str(&r, 0, 1), s);
		arena_reset(&fx.arena);
	}
	after = dbfixture_int(fx.db, sql_prepares, DB_NOARGS);
	cr_assert_eq(after - before, 1, "500 runs, %lld prepares",
	    (long long)(after - before));
}

/* ---- losing the connection ---- */

/*
 * A connection that died while idle (a server restart, a KILL, a time-out)
 * is replaced transparently by the next call outside a transaction: the
 * statement never reached the server, so running it anew is safe.
 */
Test(db, killed_idle_connection_is_replaced_transparently)
{
	uint64_t	affected = 0;
	int64_t		id;
	int		rc;

	create_table();
	(void)insert("before", DB_NULL, DB_NULL);
	id = dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS);
	kill_connection(fx.db);
	/* A statement prepared on the old connection, then a new one. */
	cr_assert_neq(dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS), id,
	    "the call ran on a new connection");
	rc = db_exec(fx.db, "CREATE TEMPORARY TABLE t (name VARCHAR(9))",
	    DB_NOARGS, NULL, NULL);
	cr_assert_eq(rc, OUTCOME_OK, "the temporary table went with the old"
	    " connection: %d %s", rc, db_last_error(fx.db));
	cr_assert_eq(db_exec(fx.db, SQL_INSERT_NAME, DB_ARGS(DB_STR("again")),
	    &affected, NULL), OUTCOME_OK);
	cr_assert_eq(affected, 1);
}

struct killer {
	int64_t		 victim;
	int		 rc;	/* OUTCOME_OK once the KILL was sent */
	char		 why[256];
};

/* Waits until the victim connection is inside SLEEP(), then kills it. */
static void *
killer_run(void *arg)
{
	static const char	 sql_busy[] =
	    "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
	    " WHERE ID = ? AND STATE = 'User sleep'";
	static const char	 sql_kill[] = "KILL ?";
	struct killer		*k = arg;
	struct db		*db;
	struct db_rows		 r;
	struct arena		 a;

	k->rc = OUTCOME_ERROR;
	arena_init(&a, 0);
	if ((db = db_new(&fx.conf)) == NULL || db_connect(db) != OUTCOME_OK) {
		snprintf(k->why, sizeof(k->why), "cannot connect");
		goto out;
	}
	for (int i = 0; i < 1000; i++, usleep(5000)) {
		arena_reset(&a);
		if (db_query(db, sql_busy, DB_ARGS(DB_INT(k->victim)), &a,
		    &r) != OUTCOME_OK) {
			snprintf(k->why, sizeof(k->why), "%s",
			    db_last_error(db));
			goto out;
		}
		if (db_rows_int(&r, 0, 0) == 1) {
			k->rc = db_exec(db, sql_kill,
			    DB_ARGS(DB_INT(k->victim)), NULL, NULL);
			snprintf(k->why, sizeof(k->why), "%s",
			    db_last_error(db));
			goto out;
		}
	}
	snprintf(k->why, sizeof(k->why), "the victim never got busy");
out:
	db_free(db);
	arena_release(&a);
	return NULL;
}

/*
 * The call that loses the connection while the server works on it answers
 * OUTCOME_UNAVAILABLE (its request gets a 503), without a retry, since the
 * statement may have run; the next call succeeds on a new connection.
 */
Test(db, connection_lost_during_a_statement_fails_it_then_reconnects)
{
	static const char	sql_sleep[] = "SELECT SLEEP(20)";
	struct killer		k;
	struct db_rows		r;
	pthread_t		t;
	int64_t			start;
	int			rc;

	memset(&k, 0, sizeof(k));
	k.victim = dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS);
	cr_assert_eq(pthread_create(&t, NULL, killer_run, &k), 0);
	start = time_monotonic_us();
	rc = db_query(fx.db, sql_sleep, DB_NOARGS, &fx.arena, &r);
	cr_assert_eq(pthread_join(t, NULL), 0);
	cr_assert_eq(k.rc, OUTCOME_OK, "killer: %s", k.why);
	cr_assert_eq(rc, OUTCOME_UNAVAILABLE, "got %d (%s)", rc,
	    db_last_error(fx.db));
	cr_assert_lt(time_monotonic_us() - start, 15 * TIME_US,
	    "the call was not retried");
	cr_assert_not(db_is_connected(fx.db));
	cr_assert_neq(dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS),
	    k.victim, "the next call runs on a new connection");
	cr_assert(db_is_connected(fx.db));
}

Test(db, killed_connection_inside_transaction_is_not_retried)
{
	create_table();
	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	(void)insert("in tx", DB_NULL, DB_NULL);
	kill_connection(fx.db);
	cr_assert_eq(db_exec(fx.db, SQL_INSERT_NAME, DB_ARGS(DB_STR("lost")),
	    NULL, NULL), OUTCOME_UNAVAILABLE);
	cr_assert_not(db_in_transaction(fx.db),
	    "the transaction ended with its connection");
	db_rollback(fx.db);
	cr_assert_eq(dbfixture_int(fx.db, "SELECT 1", DB_NOARGS), 1);
}

Test(db, ping_replaces_a_dead_idle_connection)
{
	int64_t	id;

	id = dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS);
	kill_connection(fx.db);
	cr_assert_eq(db_ping(fx.db), OUTCOME_OK, "%s", db_last_error(fx.db));
	cr_assert(db_is_connected(fx.db));
	cr_assert_neq(dbfixture_int(fx.db, SQL_CONNECTION_ID, DB_NOARGS), id);
}
