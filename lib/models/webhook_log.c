#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/timeutil.h"
#include "models/webhook_log.h"

const char *const webhook_outcome_names[WEBHOOK_OUTCOME__MAX] = {
	"received", "processed", "duplicate", "rejected", "failed"
};

enum webhook_log_stmt {
	WEBHOOK_LOG_STMT_INSERT,
	WEBHOOK_LOG_STMT_SEEN,
	WEBHOOK_LOG_STMT__MAX
};

static const char *const webhook_log_sql[WEBHOOK_LOG_STMT__MAX] = {
	[WEBHOOK_LOG_STMT_INSERT] =
	    "INSERT INTO webhook_log (received_at, endpoint, body, dedupe_key,"
	    " outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
	[WEBHOOK_LOG_STMT_SEEN] =
	    "SELECT COUNT(*) FROM webhook_log WHERE dedupe_key = ?"
	    " AND outcome = 'processed' AND received_at > ?",
};

/* Hex SHA-256 of endpoint, NUL, body. */
void
webhook_log_key(const char *endpoint, const char *body, size_t len,
    char out[WEBHOOK_KEY_SIZE])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	mdlen = 0;
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();

	memset(md, 0, sizeof(md));
	if (ctx != NULL) {
		EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
		EVP_DigestUpdate(ctx, endpoint, strlen(endpoint) + 1);
		EVP_DigestUpdate(ctx, body, len);
		EVP_DigestFinal_ex(ctx, md, &mdlen);
		EVP_MD_CTX_free(ctx);
	}
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

enum outcome
webhook_log_seen(struct db *db, const char *key, int64_t window_us,
    bool *seen)
{
	int64_t		n = 0;
	enum outcome	rc;

	rc = db_count(db, webhook_log_sql[WEBHOOK_LOG_STMT_SEEN],
	    DB_ARGS(DB_STR(key), DB_TIME(window_us > 0 ? time_now_us() -
	    window_us : 1)), &n);
	*seen = n > 0;
	return rc;
}

enum outcome
webhook_log_record(struct db *db, const char *endpoint, const char *body,
    size_t len, const char *key, enum webhook_outcome outcome,
    const char *detail, int64_t *id)
{
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, webhook_log_sql[WEBHOOK_LOG_STMT_INSERT],
	    DB_ARGS(DB_TIME(time_now_us()), DB_STR(endpoint),
	    DB_BLOB(body, len), DB_STR(key),
	    DB_STR(webhook_outcome_names[outcome]), DB_STR_OR_EMPTY(detail)),
	    NULL, &newid);
	if (id != NULL)
		*id = (int64_t)newid;
	return rc;
}

static void
webhook_entry_from_row(const struct db_rows *r, size_t row, void *out)
{
	struct webhook_entry	*e = out;

	e->id = db_rows_int(r, row, 0);
	e->received_at = db_rows_time(r, row, 1);
	e->endpoint = db_rows_str(r, row, 2);
	e->body = db_rows_str(r, row, 3);
	e->body_len = r->cells[row * r->ncols + 3].len;
	e->outcome = db_rows_str(r, row, 4);
	e->detail = db_rows_str(r, row, 5);
}

const struct db_list webhook_log_list_all = {
	.count_sql = "SELECT COUNT(*) FROM webhook_log",
	.page_sql = "SELECT id, received_at, endpoint, body, outcome, detail"
	    " FROM webhook_log ORDER BY id DESC LIMIT ? OFFSET ?",
	.from_row = webhook_entry_from_row,
	.elem_size = sizeof(struct webhook_entry),
};
