/*
 * Browser sessions of the web console: a random token in an HttpOnly
 * cookie, stored only as its SHA-256, with an absolute expiry and a CSRF
 * token that every changing request must echo in X-CSRF-Token.
 */
#ifndef MT_SESSION_H
#define MT_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "models/user.h"

#define SESSION_COOKIE		"mt_session"
#define SESSION_TOKEN_LEN	43	/* base64url of 32 random bytes */

struct session {
	int64_t		id;
	int64_t		user_id;
	int64_t		created_at;
	int64_t		expires_at;
	char		token[SESSION_TOKEN_LEN + 1];	/* only after create */
	char		csrf_token[SESSION_TOKEN_LEN + 1];
};

/*
 * Opens a session for user_id lasting ttl_seconds and fills *out, token
 * included (the only time it is known).  Deletes expired sessions on the
 * way, so the table does not grow.  OUTCOME_ERROR also when no
 * randomness is available.
 */
enum outcome session_create(struct db *db, int64_t user_id,
	    unsigned ttl_seconds, struct session *out);
/*
 * Finds the live session of token at now_us and its account, in one
 * query: OUTCOME_OK with *session (token left empty) and *user (its
 * strings in a) filled, OUTCOME_NOT_FOUND when there is none (unknown,
 * malformed or expired).
 */
enum outcome session_find(struct db *db, struct arena *a, const char *token,
	    int64_t now_us, struct session *session, struct user *user);
/* Deletes the session of token, if any. */
enum outcome session_delete(struct db *db, const char *token);
/* Deletes every session of user_id. */
enum outcome session_delete_all(struct db *db, int64_t user_id);
/* Whether got is csrf_token, in time independent of where they differ. */
bool	session_csrf_ok(const struct session *s, const char *got);

#endif
