/*
 * lib/db/migrate against a real MariaDB, with directories of migration
 * files made for each test.
 *
 * schema_migrations is one table for the whole database, so these tests
 * take a named lock for their whole run and keep to versions 9000 and up
 * (and tables unit_migrate_*), which they clear before and after: the
 * real migrations (0001...) are never touched.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/timeutil.h"
#include "db/migrate.h"
#include "dbfixture.h"

static char	dir[64];

static void
forget_test_migrations(void)
{
	static const char	sql_forget[] =
	    "DELETE FROM schema_migrations WHERE version >= 9000";

	cr_assert_eq(db_exec(fx.db, sql_forget, DB_NOARGS, NULL, NULL), OUTCOME_OK,
	    "%s", db_last_error(fx.db));
	cr_assert_eq(db_exec_trusted(fx.db, "DROP TABLE IF EXISTS"
	    " unit_migrate_log, unit_migrate_text"), OUTCOME_OK);
}

static void
setup(void)
{
	dbfixture_setup_schema();
	dbfixture_lock(fx.db, "mentorship_unit_migrate_tests");
	forget_test_migrations();
	snprintf(dir, sizeof(dir), "/tmp/mt-migrate-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[512];

	if (fx.db != NULL)
		forget_test_migrations();
	if (dir[0] != '\0' && (d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			unlink(path);
		}
		closedir(d);
		rmdir(dir);
	}
	dbfixture_teardown();
}

TestSuite(migrate, .init = setup, .fini = teardown);

static void
write_file(const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cr_assert_not_null(f = fopen(path, "w"), "%s", path);
	cr_assert_eq(fputs(text, f) >= 0 && fclose(f) == 0, 1);
}

/* migrate_run() on dir; the lines it printed go to *log (fx.arena). */
static int
run(char *why, size_t whysz, const char **log)
{
	FILE	*f;
	char	*text = NULL;
	size_t	 len = 0;
	int	 n;

	why[0] = '\0';
	cr_assert_not_null(f = open_memstream(&text, &len));
	n = migrate_run(fx.db, dir, f, why, whysz);
	cr_assert_eq(fclose(f), 0);
	if (log != NULL)
		cr_assert_not_null(*log = arena_strdup(&fx.arena, text));
	free(text);
	return n;
}

static int64_t
recorded(unsigned version)
{
	static const char	sql[] =
	    "SELECT COUNT(*) FROM schema_migrations WHERE version = ?";

	return dbfixture_int(fx.db, sql, DB_ARGS(DB_INT(version)));
}

Test(migrate, applies_files_in_numeric_order_and_records_each)
{
	static const char	sql_order[] =
	    "SELECT version FROM unit_migrate_log ORDER BY id";
	static const char	sql_row[] =
	    "SELECT name, applied_at FROM schema_migrations WHERE version = ?";
	const unsigned		versions[] = { 9001, 9002, 9010 };
	struct db_rows		r;
	const char		*log;
	char			why[512];

	/* Written out of order; 9001 creates what the others use. */
	write_file("9010_third.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9010);\n");
	write_file("9002_second.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9002);\n");
	write_file("9001_first.sql",
	    "CREATE TABLE unit_migrate_log (id INT NOT NULL AUTO_INCREMENT"
	    " PRIMARY KEY, version INT NOT NULL);\n"
	    "INSERT INTO unit_migrate_log (version) VALUES (9001);\n");
	cr_assert_eq(run(why, sizeof(why), &log), 3, "%s", why);
	cr_assert_str_eq(log, "applied 9001_first.sql\n"
	    "applied 9002_second.sql\napplied 9010_third.sql\n");
	cr_assert_eq(db_query(fx.db, sql_order, DB_NOARGS, &fx.arena, &r),
	    OUTCOME_OK);
	cr_assert_eq(r.nrows, 3);
	for (size_t i = 0; i < 3; i++) {
		cr_assert_eq(db_rows_int(&r, i, 0), versions[i]);
		cr_assert_eq(recorded(versions[i]), 1);
	}
	cr_assert_eq(db_query(fx.db, sql_row, DB_ARGS(DB_INT(9002)), &fx.arena,
	    &r), OUTCOME_OK);
	cr_assert_str_eq(db_rows_str(&r, 0, 0), "9002_second.sql");
	cr_assert_lt(llabs(db_rows_time(&r, 0, 1) - time_now_us()),
	    60 * TIME_US, "applied_at is now, in UTC");
}

Test(migrate, second_run_applies_nothing)
{
	static const char	sql_count[] =
	    "SELECT COUNT(*) FROM unit_migrate_log";
	const char		*log;
	char			 why[512];

	write_file("9001_create.sql",
	    "CREATE TABLE unit_migrate_log (id INT NOT NULL AUTO_INCREMENT"
	    " PRIMARY KEY, version INT NOT NULL);\n");
	write_file("9002_insert.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9002);\n");
	cr_assert_eq(run(why, sizeof(why), NULL), 2, "%s", why);
	cr_assert_eq(run(why, sizeof(why), &log), 0, "%s", why);
	cr_assert_str_eq(log, "");
	cr_assert_eq(dbfixture_int(fx.db, sql_count, DB_NOARGS), 1,
	    "the INSERT ran once");
	cr_assert_eq(recorded(9002), 1);
}

Test(migrate, pending_counts_what_is_missing)
{
	char	why[512];

	write_file("9001_a.sql", "DO 1;\n");
	write_file("9002_b.sql", "DO 2;\n");
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), 2, "%s",
	    why);
	cr_assert_eq(run(why, sizeof(why), NULL), 2, "%s", why);
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), 0);
	write_file("9003_c.sql", "DO 3;\n");
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), 1);
	cr_assert_eq(recorded(9003), 0, "counting applies nothing");
	cr_assert_eq(run(why, sizeof(why), NULL), 1, "%s", why);
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), 0);
}

Test(migrate, comments_and_quoted_semicolons)
{
	static const char	sql_text[] =
	    "SELECT id, `se;mi` FROM unit_migrate_text ORDER BY id";
	static const char *const expect[] = {
		"semi;colon", "double;quoted", "it's; doubled",
		"it's; escaped", "dash -- inside", "slash /* inside */",
		"back\\slash;", "-- not a comment",
	};
	struct db_rows		 r;
	char			 why[512];

	write_file("9001_text.sql",
	    "-- A leading comment; with a semicolon, and an apostrophe: don't\n"
	    "/* a block comment; 'with quotes' and \"more\" */\n"
	    "CREATE TABLE unit_migrate_text (\n"
	    "    id INT NOT NULL PRIMARY KEY, -- the key; ok\n"
	    "    `se;mi` VARCHAR(64) NOT NULL /* ; */\n"
	    ");\n"
	    "-- a piece with nothing but comments:\n"
	    ";\n"
	    "/* another */ ;\n"
	    "\n"
	    "INSERT INTO unit_migrate_text VALUES (1, 'semi;colon'),\n"
	    "    (2, \"double;quoted\"), (3, 'it''s; doubled'),\n"
	    "    (4, 'it\\'s; escaped'), (5, 'dash -- inside'),\n"
	    "    (6, 'slash /* inside */');\n"
	    "INSERT INTO unit_migrate_text (`id`, `se;mi`) VALUES\n"
	    "    (7, 'back\\\\slash;'),\n"
	    "    (8, '-- not a comment');\n"
	    "-- a trailing comment with no statement after it\n");
	write_file("9002_only_comments.sql",
	    "-- Nothing to do; this file only explains.\n"
	    "/* Still nothing; really. */\n");
	write_file("9003_empty.sql", "");
	cr_assert_eq(run(why, sizeof(why), NULL), 3, "%s", why);
	cr_assert_eq(recorded(9002), 1, "a file of comments is recorded");
	cr_assert_eq(recorded(9003), 1, "an empty file is recorded");
	cr_assert_eq(db_query(fx.db, sql_text, DB_NOARGS, &fx.arena, &r),
	    OUTCOME_OK);
	cr_assert_eq(r.nrows, sizeof(expect) / sizeof(expect[0]));
	for (size_t i = 0; i < r.nrows; i++) {
		cr_assert_eq(db_rows_int(&r, i, 0), (int64_t)i + 1);
		cr_assert_str_eq(db_rows_str(&r, i, 1), expect[i]);
	}
}

Test(migrate, duplicate_versions_are_rejected)
{
	static const char	sql_table[] =
	    "SELECT COUNT(*) FROM information_schema.TABLES"
	    " WHERE TABLE_SCHEMA = DATABASE()"
	    " AND TABLE_NAME = 'unit_migrate_log'";
	struct migration	*list = NULL;
	char			 why[512];

	write_file("9001_create.sql",
	    "CREATE TABLE unit_migrate_log (id INT NOT NULL);\n");
	write_file("9002_one.sql", "DO 1;\n");
	write_file("9002_two.sql", "DO 2;\n");
	cr_assert_eq(migrate_list(dir, &list, why, sizeof(why)), -1);
	cr_assert_null(list);
	cr_assert(strstr(why, "9002_one.sql") != NULL &&
	    strstr(why, "9002_two.sql") != NULL, "why: %s", why);
	cr_assert_eq(run(why, sizeof(why), NULL), -1);
	cr_assert(strstr(why, "9002_one.sql") != NULL, "why: %s", why);
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), -1);
	/* Nothing ran: not even the file before the clash. */
	cr_assert_eq(recorded(9001), 0);
	cr_assert_eq(dbfixture_int(fx.db, sql_table, DB_NOARGS), 0);
}

Test(migrate, ignores_files_not_named_like_migrations)
{
	struct migration	*list = NULL;
	char			 why[512];

	write_file("README", "not SQL;\n");
	write_file("9001_backup.sql~", "not SQL;\n");
	write_file("9002_Upper.sql", "not SQL;\n");
	write_file("9003-dash.sql", "not SQL;\n");
	write_file("903_short.sql", "not SQL;\n");
	write_file("9004_real.sql.orig", "not SQL;\n");
	write_file("9005_real.sql", "DO 1;\n");
	cr_assert_eq(migrate_list(dir, &list, why, sizeof(why)), 1, "%s", why);
	cr_assert_eq(list[0].version, 9005);
	cr_assert_str_eq(list[0].name, "9005_real.sql");
	free(list);
	cr_assert_eq(run(why, sizeof(why), NULL), 1, "%s", why);
	cr_assert_eq(recorded(9001) + recorded(9002) + recorded(9004), 0);
}

Test(migrate, bad_sql_stops_the_run_and_is_not_recorded)
{
	static const char	sql_versions[] =
	    "SELECT GROUP_CONCAT(version ORDER BY id) FROM unit_migrate_log";
	struct db_rows		r;
	char			why[512];

	write_file("9001_ok.sql",
	    "CREATE TABLE unit_migrate_log (id INT NOT NULL AUTO_INCREMENT"
	    " PRIMARY KEY, version INT NOT NULL);\n"
	    "INSERT INTO unit_migrate_log (version) VALUES (9001);\n");
	write_file("9002_bad.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9002;\n");
	write_file("9003_later.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9003);\n");
	cr_assert_eq(run(why, sizeof(why), NULL), -1);
	cr_assert(strstr(why, "9002_bad.sql") != NULL,
	    "the reason names the file: %s", why);
	cr_assert(strstr(why, "SQL syntax") != NULL,
	    "the reason has the server's error: %s", why);
	cr_assert_eq(recorded(9001), 1, "what ran before stays applied");
	cr_assert_eq(recorded(9002), 0);
	cr_assert_eq(recorded(9003), 0);
	cr_assert_eq(migrate_pending(fx.db, dir, why, sizeof(why)), 2);
	cr_assert_eq(db_query(fx.db, sql_versions, DB_NOARGS, &fx.arena, &r),
	    OUTCOME_OK);
	cr_assert_str_eq(db_rows_str(&r, 0, 0), "9001", "9003 did not run");

	/* Fixed, the same directory finishes the job. */
	write_file("9002_bad.sql",
	    "INSERT INTO unit_migrate_log (version) VALUES (9002);\n");
	cr_assert_eq(run(why, sizeof(why), NULL), 2, "%s", why);
	cr_assert_eq(db_query(fx.db, sql_versions, DB_NOARGS, &fx.arena, &r),
	    OUTCOME_OK);
	cr_assert_str_eq(db_rows_str(&r, 0, 0), "9001,9002,9003");
}

Test(migrate, unreadable_directory_is_an_error)
{
	char	why[512] = "";

	cr_assert_eq(migrate_run(fx.db, "/nonexistent/migrations", NULL, why,
	    sizeof(why)), -1);
	cr_assert(strstr(why, "/nonexistent/migrations") != NULL, "%s", why);
	cr_assert_eq(migrate_pending(fx.db, "/nonexistent/migrations", why,
	    sizeof(why)), -1);
}

/* The shipped migrations: the set-up applied them, so all is recorded. */
Test(migrate, real_migrations_create_the_schema)
{
	static const char	sql_table[] =
	    "SELECT COUNT(*) FROM information_schema.TABLES"
	    " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
	struct migration	*list = NULL;
	char			 why[512];
	int			 n;

	cr_assert_eq(migrate_run(fx.db, TEST_MIGRATIONS_DIR, NULL, why,
	    sizeof(why)), 0, "%s", why);
	cr_assert_eq(migrate_pending(fx.db, TEST_MIGRATIONS_DIR, why,
	    sizeof(why)), 0, "%s", why);
	n = migrate_list(TEST_MIGRATIONS_DIR, &list, why, sizeof(why));
	cr_assert_geq(n, 2, "%s", why);
	cr_assert_str_eq(list[0].name, "0001_users.sql");
	cr_assert_str_eq(list[1].name, "0002_login_failures.sql");
	for (int i = 0; i < n; i++)
		cr_assert_eq(recorded(list[i].version), 1, "%s", list[i].name);
	free(list);
	cr_assert_eq(dbfixture_int(fx.db, sql_table,
	    DB_ARGS(DB_STR("users"))), 1);
	cr_assert_eq(dbfixture_int(fx.db, sql_table,
	    DB_ARGS(DB_STR("login_failures"))), 1);
}
