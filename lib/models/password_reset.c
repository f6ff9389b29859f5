#include "config.h"

#include <string.h>

#include "auth/password.h"
#include "core/digest.h"
#include "models/password_reset.h"

enum reset_stmt {
	RESET_STMT_INSERT,
	RESET_STMT_COUNT_SINCE,
	RESET_STMT_SET_CODE,
	RESET_STMT_EMAIL,
	RESET_STMT_FIND_OPEN,
	RESET_STMT_USE_ALL,
	RESET_STMT__MAX
};

static const char *const reset_sql[RESET_STMT__MAX] = {
	[RESET_STMT_INSERT] = "INSERT INTO password_resets (user_id,"
	    " created_at, expires_at) VALUES (?,?,?)",
	[RESET_STMT_COUNT_SINCE] = "SELECT COUNT(*) FROM password_resets"
	    " WHERE user_id = ? AND created_at >= ?",
	[RESET_STMT_SET_CODE] = "UPDATE password_resets SET code_hash = ?"
	    " WHERE id = ? AND used_at IS NULL AND expires_at > ?",
	[RESET_STMT_EMAIL] = "SELECT u.email, r.expires_at FROM password_resets r"
	    " JOIN users u ON u.id = r.user_id WHERE r.id = ?",
	[RESET_STMT_FIND_OPEN] = "SELECT user_id FROM password_resets"
	    " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"
	    " FOR UPDATE",
	[RESET_STMT_USE_ALL] = "UPDATE password_resets SET used_at = ?"
	    " WHERE user_id = ? AND used_at IS NULL",
};

enum outcome
password_reset_insert(struct db *db, int64_t user_id, int64_t now_us,
    int64_t expires_at, int64_t *id)
{
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, reset_sql[RESET_STMT_INSERT], DB_ARGS(DB_INT(user_id),
	    DB_TIME(now_us), DB_TIME(expires_at)), NULL, &newid);
	*id = (int64_t)newid;
	return rc;
}

enum outcome
password_reset_count_since(struct db *db, int64_t user_id, int64_t since_us,
    int64_t *n)
{
	return db_count(db, reset_sql[RESET_STMT_COUNT_SINCE],
	    DB_ARGS(DB_INT(user_id), DB_TIME(since_us)), n);
}

/* Ten uniformly random digits (no modulo bias: rejection). */
static int
make_code(char code[RESET_CODE_SIZE])
{
	for (int i = 0; i < RESET_CODE_DIGITS; ) {
		unsigned char	b[16];

		if (random_bytes(b, sizeof(b)) == -1)
			return -1;
		for (size_t j = 0; j < sizeof(b) && i < RESET_CODE_DIGITS; j++)
			if (b[j] < 250)
				code[i++] = (char)('0' + b[j] % 10);
	}
	code[RESET_CODE_DIGITS] = '\0';
	return 0;
}

enum outcome
password_reset_issue(struct db *db, struct arena *a, int64_t id,
    int64_t now_us, char code[RESET_CODE_SIZE], const char **email,
    int64_t *expires_at)
{
	char		 hash[DIGEST_HEX_LEN];
	struct db_rows	 rows;
	uint64_t	 matched = 0;
	enum outcome	 rc;

	if (make_code(code) == -1)
		return OUTCOME_ERROR;
	digest_sha256_hex(code, RESET_CODE_DIGITS, hash);
	rc = db_exec(db, reset_sql[RESET_STMT_SET_CODE], DB_ARGS(DB_STR(hash),
	    DB_INT(id), DB_TIME(now_us)), &matched, NULL);
	/* A code already in use by another reset: one in 10^10. */
	if (rc == OUTCOME_CONFLICT)
		return OUTCOME_BUSY;
	if (rc != OUTCOME_OK)
		return rc;
	if (matched == 0)
		return OUTCOME_NOT_FOUND;
	if ((rc = db_query(db, reset_sql[RESET_STMT_EMAIL], DB_ARGS(DB_INT(id)),
	    a, &rows)) != OUTCOME_OK)
		return rc;
	if (rows.nrows == 0)
		return OUTCOME_NOT_FOUND;
	*email = db_rows_str(&rows, 0, 0);
	*expires_at = db_rows_time(&rows, 0, 1);
	return OUTCOME_OK;
}

enum outcome
password_reset_find_open(struct db *db, const char *code, int64_t now_us,
    int64_t *user_id)
{
	char		 hash[DIGEST_HEX_LEN];
	struct db_rows	 rows;
	struct arena	 a;
	enum outcome	 rc;

	digest_sha256_hex(code, strlen(code), hash);
	arena_init(&a, 0);
	rc = db_query(db, reset_sql[RESET_STMT_FIND_OPEN], DB_ARGS(DB_STR(hash),
	    DB_TIME(now_us)), &a, &rows);
	if (rc == OUTCOME_OK && rows.nrows == 0)
		rc = OUTCOME_NOT_FOUND;
	if (rc == OUTCOME_OK)
		*user_id = db_rows_int(&rows, 0, 0);
	arena_release(&a);
	return rc;
}

enum outcome
password_reset_use_all(struct db *db, int64_t user_id, int64_t now_us)
{
	return db_exec(db, reset_sql[RESET_STMT_USE_ALL], DB_ARGS(
	    DB_TIME(now_us), DB_INT(user_id)), NULL, NULL);
}

int
password_reset_normalize(const char *typed, char code[RESET_CODE_SIZE])
{
	int	n = 0;

	for (const char *p = typed; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-' || *p == '\t')
			continue;
		if (*p < '0' || *p > '9' || n == RESET_CODE_DIGITS)
			return -1;
		code[n++] = *p;
	}
	code[n] = '\0';
	return n == RESET_CODE_DIGITS ? 0 : -1;
}
