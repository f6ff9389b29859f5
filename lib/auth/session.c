#include "config.h"

#include <string.h>

#include <openssl/crypto.h>

#include "auth/password.h"
#include "auth/session.h"
#include "core/digest.h"
#include "core/timeutil.h"
#include "models/user.h"

enum session_stmt {
	SESSION_STMT_INSERT,
	SESSION_STMT_FIND,
	SESSION_STMT_DELETE,
	SESSION_STMT_DELETE_USER,
	SESSION_STMT_PURGE,
	SESSION_STMT__MAX
};

static const char *const session_sql[SESSION_STMT__MAX] = {
	[SESSION_STMT_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, csrf_token,"
	    " created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	/* The account too: one round trip per console request, not two. */
	[SESSION_STMT_FIND] =
	    "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
	    USER_COLUMNS_OF("u")
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.token_hash = ? AND s.expires_at > ?",
	[SESSION_STMT_DELETE] =
	    "DELETE FROM sessions WHERE token_hash = ?",
	[SESSION_STMT_DELETE_USER] =
	    "DELETE FROM sessions WHERE user_id = ?",
	/* Expired rows, a bounded batch per login so a login never stalls. */
	[SESSION_STMT_PURGE] =
	    "DELETE FROM sessions WHERE expires_at <= ? LIMIT 100",
};

/* 32 random bytes as unpadded base64url: 43 characters. */
static int
session_random_token(char out[SESSION_TOKEN_LEN + 1])
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char		raw[33];
	size_t			o = 0;

	if (random_bytes(raw, 32) == -1)
		return -1;
	raw[32] = 0;
	for (size_t i = 0; i < 33; i += 3) {
		unsigned	v = (unsigned)raw[i] << 16 |
			    (unsigned)raw[i + 1] << 8 | raw[i + 2];

		for (int j = 18; j >= 0 && o < SESSION_TOKEN_LEN; j -= 6)
			out[o++] = b64[(v >> j) & 63];
	}
	out[o] = '\0';
	return 0;
}

static bool
session_token_valid(const char *token)
{
	size_t	n = strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_");

	return n == SESSION_TOKEN_LEN && token[n] == '\0';
}

enum outcome
session_create(struct db *db, int64_t user_id, unsigned ttl_seconds,
    struct session *out)
{
	char		hash[DIGEST_HEX_LEN];
	uint64_t	id = 0;
	enum outcome	rc;

	memset(out, 0, sizeof(*out));
	if (session_random_token(out->token) == -1 ||
	    session_random_token(out->csrf_token) == -1)
		return OUTCOME_ERROR;
	out->user_id = user_id;
	out->created_at = time_now_us();
	out->expires_at = out->created_at + (int64_t)ttl_seconds * TIME_US;
	rc = db_exec(db, session_sql[SESSION_STMT_PURGE],
	    DB_ARGS(DB_TIME(out->created_at)), NULL, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	digest_sha256_hex(out->token, SESSION_TOKEN_LEN, hash);
	rc = db_exec(db, session_sql[SESSION_STMT_INSERT], DB_ARGS(
	    DB_STR(hash), DB_INT(user_id), DB_STR(out->csrf_token),
	    DB_TIME(out->created_at), DB_TIME(out->expires_at)), NULL, &id);
	out->id = (int64_t)id;
	return rc;
}

/* The session's columns, before the account's, in SESSION_STMT_FIND. */
#define SESSION_NCOLUMNS	5

/* Where session_from_row puts a joined row. */
struct session_with_user {
	struct session	*session;
	struct user	*user;
};

static void
session_from_row(const struct db_rows *r, size_t row, void *out)
{
	struct session_with_user	*o = out;
	struct session			*s = o->session;
	const char			*csrf = db_rows_str(r, row, 2);

	memset(s, 0, sizeof(*s));
	s->id = db_rows_int(r, row, 0);
	s->user_id = db_rows_int(r, row, 1);
	if (csrf != NULL && strlen(csrf) == SESSION_TOKEN_LEN)
		memcpy(s->csrf_token, csrf, SESSION_TOKEN_LEN + 1);
	s->created_at = db_rows_time(r, row, 3);
	s->expires_at = db_rows_time(r, row, 4);
	user_from_row(r, row, SESSION_NCOLUMNS, o->user);
}

enum outcome
session_find(struct db *db, struct arena *a, const char *token,
    int64_t now_us, struct session *session, struct user *user)
{
	struct session_with_user	out = { session, user };
	char				hash[DIGEST_HEX_LEN];

	if (!session_token_valid(token))
		return OUTCOME_NOT_FOUND;
	digest_sha256_hex(token, SESSION_TOKEN_LEN, hash);
	return db_query_one(db, session_sql[SESSION_STMT_FIND],
	    DB_ARGS(DB_STR(hash), DB_TIME(now_us)), a, session_from_row, &out);
}

enum outcome
session_delete(struct db *db, const char *token)
{
	char	hash[DIGEST_HEX_LEN];

	if (!session_token_valid(token))
		return OUTCOME_OK;
	digest_sha256_hex(token, SESSION_TOKEN_LEN, hash);
	return db_exec(db, session_sql[SESSION_STMT_DELETE],
	    DB_ARGS(DB_STR(hash)), NULL, NULL);
}

enum outcome
session_delete_all(struct db *db, int64_t user_id)
{
	return db_exec(db, session_sql[SESSION_STMT_DELETE_USER],
	    DB_ARGS(DB_INT(user_id)), NULL, NULL);
}

bool
session_csrf_ok(const struct session *s, const char *got)
{
	return got != NULL && strlen(got) == SESSION_TOKEN_LEN &&
	    s->csrf_token[0] != '\0' &&
	    CRYPTO_memcmp(got, s->csrf_token, SESSION_TOKEN_LEN) == 0;
}
