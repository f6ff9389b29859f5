#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auth/throttle.h"
#include "core/digest.h"
#include "core/timeutil.h"

#define THROTTLE_IP_FACTOR	10

enum throttle_stmt {
	THROTTLE_STMT_GET,
	THROTTLE_STMT_HIT,
	THROTTLE_STMT__MAX
};

static const char *const throttle_sql[THROTTLE_STMT__MAX] = {
	[THROTTLE_STMT_GET] =
	    "SELECT throttle_key, failures, window_start FROM login_failures"
	    " WHERE throttle_key IN (?, ?)",
	/* A window that has run out starts again at 1. */
	[THROTTLE_STMT_HIT] =
	    "INSERT INTO login_failures (throttle_key, failures, window_start)"
	    " VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE"
	    " failures = IF(window_start <= ?, 1, failures + 1),"
	    " window_start = IF(window_start <= ?, VALUES(window_start),"
	    " window_start)",
};

/* Hex SHA-256 of "user:LOGIN|ip:IP" (login lower-cased) or "ip:IP". */
static void
throttle_key(const char *login, const char *ip, char out[DIGEST_HEX_LEN])
{
	char		buf[1536];
	size_t		n = 0;

	if (login != NULL) {
		n = (size_t)snprintf(buf, sizeof(buf), "user:");
		for (const char *p = login; *p != '\0' && n < 1024; p++)
			buf[n++] = (char)tolower((unsigned char)*p);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "|ip:%s", ip);
	} else
		n = (size_t)snprintf(buf, sizeof(buf), "ip:%s", ip);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	digest_sha256_hex(buf, n, out);
}

enum outcome
throttle_check(struct db *db, const struct conf *c, const char *login,
    const char *ip, int64_t now_us, unsigned *wait_seconds)
{
	char		 pair[DIGEST_HEX_LEN], addr[DIGEST_HEX_LEN];
	struct db_rows	 rows;
	struct arena	 a;
	int64_t		 window = (int64_t)c->auth_throttle_window_seconds *
			    TIME_US, wait = 0;
	enum outcome	 rc;

	*wait_seconds = 0;
	throttle_key(login, ip, pair);
	throttle_key(NULL, ip, addr);
	arena_init(&a, 0);
	rc = db_query(db, throttle_sql[THROTTLE_STMT_GET],
	    DB_ARGS(DB_STR(pair), DB_STR(addr)), &a, &rows);
	if (rc != OUTCOME_OK)
		goto out;
	for (size_t i = 0; i < rows.nrows; i++) {
		int64_t		failures = db_rows_int(&rows, i, 1);
		int64_t		end = db_rows_time(&rows, i, 2) + window;
		int64_t		limit = c->auth_throttle_max_failures;

		if (strcmp(db_rows_str(&rows, i, 0), addr) == 0)
			limit *= THROTTLE_IP_FACTOR;
		if (failures >= limit && end > now_us && end - now_us > wait)
			wait = end - now_us;
	}
	/* Round up: "Retry-After: 0" would invite an immediate retry. */
	*wait_seconds = (unsigned)((wait + TIME_US - 1) / TIME_US);
out:
	arena_release(&a);
	return rc;
}

enum outcome
throttle_record_failure(struct db *db, const struct conf *c,
    const char *login, const char *ip, int64_t now_us)
{
	int64_t	cutoff = now_us - (int64_t)c->auth_throttle_window_seconds *
		    TIME_US;
	char		key[DIGEST_HEX_LEN];
	enum outcome	rc;

	throttle_key(login, ip, key);
	rc = db_exec(db, throttle_sql[THROTTLE_STMT_HIT], DB_ARGS(DB_STR(key),
	    DB_TIME(now_us), DB_TIME(cutoff), DB_TIME(cutoff)), NULL, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	throttle_key(NULL, ip, key);
	return db_exec(db, throttle_sql[THROTTLE_STMT_HIT], DB_ARGS(
	    DB_STR(key), DB_TIME(now_us), DB_TIME(cutoff), DB_TIME(cutoff)),
	    NULL, NULL);
}
