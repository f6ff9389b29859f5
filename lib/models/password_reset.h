/*
 * Password resets: one row per request of a forgotten password.  The code
 * the account's owner types is made by the worker when it mails it and
 * only its SHA-256 is kept (db/migrations/0007_password_resets.sql).
 */
#ifndef MT_PASSWORD_RESET_H
#define MT_PASSWORD_RESET_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* A code: ten decimal digits (the app's field takes what is typed). */
#define RESET_CODE_DIGITS	10
#define RESET_CODE_SIZE		(RESET_CODE_DIGITS + 1)

/* Records a reset of user_id valid until expires_at; *id is its id. */
enum outcome password_reset_insert(struct db *db, int64_t user_id,
	    int64_t now_us, int64_t expires_at, int64_t *id);
/* How many resets user_id asked for since since_us. */
enum outcome password_reset_count_since(struct db *db, int64_t user_id,
	    int64_t since_us, int64_t *n);
/*
 * Makes a new code for reset id (replacing any it had) while the reset is
 * open (not used, not expired at now_us): code filled, and the account's
 * e-mail address in *email (in a).  OUTCOME_NOT_FOUND when it is no
 * longer open.
 */
enum outcome password_reset_issue(struct db *db, struct arena *a, int64_t id,
	    int64_t now_us, char code[RESET_CODE_SIZE], const char **email,
	    int64_t *expires_at);
/*
 * The account whose open reset has code, its row locked: *user_id.
 * OUTCOME_NOT_FOUND for a code that is unknown, used or expired.
 */
enum outcome password_reset_find_open(struct db *db, const char *code,
	    int64_t now_us, int64_t *user_id);
/* Marks every open reset of user_id used. */
enum outcome password_reset_use_all(struct db *db, int64_t user_id,
	    int64_t now_us);
/*
 * code as typed into its RESET_CODE_DIGITS digits, dropping spaces and
 * dashes around and between them: 0, or -1 when it is no code.
 */
int	password_reset_normalize(const char *typed, char code[RESET_CODE_SIZE]);

#endif
