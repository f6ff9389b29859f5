/*
 * Reading (and, for fixtures, writing) the test stack's database from
 * integration tests, to check what was and was not stored.  Runs the
 * mariadb client as root on the stack's socket (MT_VAR/run/mysqld.sock),
 * database "mentorship"; the SQL goes through a file, so no shell quoting
 * gets in its way.  A failing statement fails the test.
 */
#ifndef MT_TEST_SQL_H
#define MT_TEST_SQL_H

#include <stdint.h>

/* The first column of the first row, which must be an integer. */
int64_t	sql_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The first line of the output (malloc'd; "" when no row). */
char	*sql_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Runs statements whose output does not matter. */
void	sql_exec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
