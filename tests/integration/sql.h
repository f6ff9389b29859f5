/*
 * Reading the test stack's database from integration tests, to check what
 * was (and was not) stored.  Runs the mariadb client as root on the
 * stack's socket (MT_VAR/run/mysqld.sock), database "mentorship".
 */
#ifndef MT_TEST_SQL_H
#define MT_TEST_SQL_H

#include <stdint.h>

/* The first column of the first row as an integer (0 when none). */
int64_t	sql_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The first column of the first row as text (malloc'd; "" when none). */
char	*sql_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
