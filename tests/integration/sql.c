#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "client.h"
#include "sql.h"

static char *
sql_run(const char *fmt, va_list ap)
{
	char	 query[4096], cmd[8192], *out;
	size_t	 n = 0, cap = 4096;
	FILE	*p;
	int	 st;

	vsnprintf(query, sizeof(query), fmt, ap);
	snprintf(cmd, sizeof(cmd), "mariadb --no-defaults --socket=%s/run/"
	    "mysqld.sock -u root mentorship -N -B -r -e \"%s\"",
	    env("MT_VAR"), query);
	p = popen(cmd, "r");
	cr_assert(p != NULL);
	out = malloc(cap);
	while (!feof(p) && !ferror(p)) {
		if (n + 1024 > cap)
			out = realloc(out, cap *= 2);
		n += fread(out + n, 1, 1024, p);
	}
	out[n] = '\0';
	st = pclose(p);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "query failed: %s",
	    query);
	out[strcspn(out, "\n")] = '\0';
	return out;
}

int64_t
sql_int(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int64_t	 v;

	va_start(ap, fmt);
	s = sql_run(fmt, ap);
	va_end(ap);
	v = strtoll(s, NULL, 10);
	free(s);
	return v;
}

char *
sql_text(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = sql_run(fmt, ap);
	va_end(ap);
	return s;
}
