#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "client.h"
#include "sql.h"

/* Runs sql through the mariadb client; returns its output (free it). */
static char *
sql_run(const char *sql)
{
	char	 path[] = "/tmp/mt-sql-XXXXXX", cmd[2048], *out = NULL;
	size_t	 len = 0, cap = 0, n;
	FILE	*f, *p;
	int	 fd, st;

	cr_assert((fd = mkstemp(path)) >= 0);
	cr_assert((f = fdopen(fd, "w")) != NULL);
	fputs(sql, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "mariadb --no-defaults --socket=%s/run/"
	    "mysqld.sock -u root mentorship -N -B -r < %s 2>&1", env("MT_VAR"),
	    path);
	cr_assert((p = popen(cmd, "r")) != NULL);
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			cr_assert((out = realloc(out, cap)) != NULL);
		}
		n = fread(out + len, 1, cap - len - 1, p);
		len += n;
	} while (n > 0);
	out[len] = '\0';
	st = pclose(p);
	unlink(path);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s", sql, out);
	return out;
}

static char *
sql_vrun(const char *fmt, va_list ap)
{
	char	sql[8192];
	int	n = vsnprintf(sql, sizeof(sql), fmt, ap);

	cr_assert(n > 0 && (size_t)n < sizeof(sql));
	return sql_run(sql);
}

char *
sql_text(const char *fmt, ...)
{
	va_list	 ap;
	char	*out;

	va_start(ap, fmt);
	out = sql_vrun(fmt, ap);
	va_end(ap);
	out[strcspn(out, "\n")] = '\0';	/* the first line */
	return out;
}

int64_t
sql_int(const char *fmt, ...)
{
	va_list	 ap;
	char	*out, *end;
	long long v;

	va_start(ap, fmt);
	out = sql_vrun(fmt, ap);
	va_end(ap);
	v = strtoll(out, &end, 10);
	cr_assert(end != out && (*end == '\n' || *end == '\0'),
	    "not a number: \"%s\"", out);
	free(out);
	return v;
}

void
sql_exec(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	free(sql_vrun(fmt, ap));
	va_end(ap);
}
