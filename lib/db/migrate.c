#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "db/migrate.h"

#define MIGRATION_MAX_BYTES	(4 * 1024 * 1024)

static const char SQL_CREATE_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_APPLIED[] =
    "SELECT version FROM schema_migrations ORDER BY version";
static const char SQL_RECORD[] =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES (?, ?, UTC_TIMESTAMP(6))";
static const char SQL_LOCK[] = "SELECT GET_LOCK('mentorship_migrate', 60)";
static const char SQL_UNLOCK[] = "SELECT RELEASE_LOCK('mentorship_migrate')";

static int
migration_cmp(const void *a, const void *b)
{
	const struct migration	*x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* "NNNN_[a-z0-9_]+.sql" */
static int
migration_name_ok(const char *n, unsigned *version)
{
	size_t	len = strlen(n);

	if (len < 10 || len >= sizeof(((struct migration *)0)->name))
		return 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)n[i]))
			return 0;
	if (n[4] != '_' || strcmp(n + len - 4, ".sql") != 0)
		return 0;
	for (size_t i = 5; i < len - 4; i++)
		if (!islower((unsigned char)n[i]) &&
		    !isdigit((unsigned char)n[i]) && n[i] != '_')
			return 0;
	*version = (unsigned)strtoul(n, NULL, 10);
	return 1;
}

int
migrate_list(const char *dir, struct migration **out, char *why,
    size_t whysz)
{
	struct migration	*list = NULL, *tmp;
	struct dirent		*de;
	DIR			*d;
	size_t			 n = 0, cap = 0;
	unsigned		 v;
	int			 rc = -1;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		snprintf(why, whysz, "cannot read %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!migration_name_ok(de->d_name, &v))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((tmp = realloc(list, cap * sizeof(*list))) == NULL) {
				snprintf(why, whysz, "out of memory");
				goto out;
			}
			list = tmp;
		}
		list[n].version = v;
		/* migration_name_ok() checked that the name fits. */
		memcpy(list[n].name, de->d_name, strlen(de->d_name) + 1);
		n++;
	}
	if (n > 0)
		qsort(list, n, sizeof(*list), migration_cmp);
	for (size_t i = 1; i < n; i++)
		if (list[i].version == list[i - 1].version) {
			snprintf(why, whysz, "%s and %s share a version",
			    list[i - 1].name, list[i].name);
			goto out;
		}
	*out = list;
	list = NULL;
	rc = (int)n;
out:
	free(list);
	closedir(d);
	return rc;
}

/* Reads the whole file into b; 0 or -1. */
static int
read_file(const char *path, struct buf *b)
{
	char	 chunk[8192];
	size_t	 n;
	FILE	*f;
	int	 rc = 0;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* Skips white space and comments. */
static const char *
skip_blank(const char *s)
{
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (s[0] == '-' && s[1] == '-') {
			if ((s = strchr(s, '\n')) == NULL)
				return "";
		} else if (s[0] == '/' && s[1] == '*') {
			const char	*e = strstr(s + 2, "*/");

			if (e == NULL)
				return "";
			s = e + 2;
		} else
			return s;
	}
}

/*
 * Splits SQL text into statements at ';' outside quotes and comments and
 * runs each one.  The file's name, the error and the start of the
 * failing statement go to why.
 */
static enum outcome
run_script(struct db *db, const char *name, char *sql, char *why,
    size_t whysz)
{
	char		*start = sql, *p = sql, quote = 0;
	enum outcome	 rc;

	for (;; p++) {
		if (quote) {
			if (*p == '\0')
				break;
			if (*p == '\\' && quote != '`' && p[1] != '\0')
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"' || *p == '`') {
			quote = *p;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			char	*e = strstr(p + 2, "*/");

			p = e != NULL ? e + 1 : p + strlen(p);
		}
		if (*p != ';' && *p != '\0')
			continue;
		{
			char		 save = *p;
			const char	*s;

			*p = '\0';
			/* Skip pieces that hold nothing but comments. */
			s = skip_blank(start);
			if (*s != '\0') {
				if ((rc = db_exec_trusted(db, s)) != OUTCOME_OK) {
					snprintf(why, whysz, "%s: %s: %.120s",
					    name, db_last_error(db), s);
					return rc;
				}
			}
			if (save == '\0')
				break;
			start = p + 1;
		}
	}
	return OUTCOME_OK;
}

/* Loads the applied versions into a sorted array; count or -1. */
static int
applied_versions(struct db *db, struct arena *a, unsigned **out,
    char *why, size_t whysz)
{
	struct db_rows	rows;
	unsigned	*v;

	if (db_exec(db, SQL_CREATE_TABLE, DB_NOARGS, NULL, NULL) != OUTCOME_OK ||
	    db_query(db, SQL_APPLIED, DB_NOARGS, a, &rows) != OUTCOME_OK) {
		snprintf(why, whysz, "%s", db_last_error(db));
		return -1;
	}
	if ((v = arena_alloc(a, sizeof(*v) * (rows.nrows + 1))) == NULL) {
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < rows.nrows; i++)
		v[i] = (unsigned)db_rows_int(&rows, i, 0);
	*out = v;
	return (int)rows.nrows;
}

static int
is_applied(const unsigned *v, int n, unsigned version)
{
	for (int i = 0; i < n; i++)
		if (v[i] == version)
			return 1;
	return 0;
}

int
migrate_pending(struct db *db, const char *dir, char *why, size_t whysz)
{
	struct migration	*list = NULL;
	struct arena		 a;
	unsigned		*done;
	int			 n, ndone, pending = -1;

	arena_init(&a, 0);
	if ((n = migrate_list(dir, &list, why, whysz)) == -1)
		goto out;
	if ((ndone = applied_versions(db, &a, &done, why, whysz)) == -1)
		goto out;
	pending = 0;
	for (int i = 0; i < n; i++)
		if (!is_applied(done, ndone, list[i].version))
			pending++;
out:
	free(list);
	arena_release(&a);
	return pending;
}

int
migrate_run(struct db *db, const char *dir, FILE *log, char *why,
    size_t whysz)
{
	struct migration	*list = NULL;
	struct arena		 a;
	struct db_rows		 rows;
	struct buf		 text;
	unsigned		*done;
	char			 path[4096];
	int			 n, ndone, applied = -1, locked = 0;

	arena_init(&a, 0);
	buf_init(&text, MIGRATION_MAX_BYTES);
	if ((n = migrate_list(dir, &list, why, whysz)) == -1)
		goto out;
	if (db_query(db, SQL_LOCK, DB_NOARGS, &a, &rows) != OUTCOME_OK ||
	    rows.nrows != 1 || db_rows_int(&rows, 0, 0) != 1) {
		snprintf(why, whysz, "cannot take the migration lock: %s",
		    db_last_error(db));
		goto out;
	}
	locked = 1;
	if ((ndone = applied_versions(db, &a, &done, why, whysz)) == -1)
		goto out;
	applied = 0;
	for (int i = 0; i < n; i++) {
		if (is_applied(done, ndone, list[i].version))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, list[i].name);
		buf_reset(&text);
		if (read_file(path, &text) == -1) {
			snprintf(why, whysz, "cannot read %s", path);
			applied = -1;
			goto out;
		}
		/*
		 * MariaDB commits DDL implicitly, so a file is not atomic:
		 * write migrations whose statements can be re-run (IF NOT
		 * EXISTS) so that a failed one can simply be run again.
		 */
		if (text.len > 0 &&
		    run_script(db, list[i].name, text.data, why, whysz) !=
		    OUTCOME_OK) {
			applied = -1;
			goto out;
		}
		if (db_exec(db, SQL_RECORD, DB_ARGS(DB_INT(list[i].version),
		    DB_STR(list[i].name)), NULL, NULL) != OUTCOME_OK) {
			snprintf(why, whysz, "cannot record %s: %s",
			    list[i].name, db_last_error(db));
			applied = -1;
			goto out;
		}
		if (log != NULL)
			fprintf(log, "applied %s\n", list[i].name);
		applied++;
	}
out:
	if (locked)
		(void)db_query(db, SQL_UNLOCK, DB_NOARGS, &a, &rows);
	buf_release(&text);
	arena_release(&a);
	free(list);
	return applied;
}
