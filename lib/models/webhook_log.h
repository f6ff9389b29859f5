/*
 * The webhook log: every body a provider posted, with what became of it.
 * A delivery that is acted on is logged in the act's transaction (one
 * commit); one that is refused or whose act failed, on its own.
 */
#ifndef MT_WEBHOOK_LOG_H
#define MT_WEBHOOK_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/list.h"

enum webhook_outcome {
	WEBHOOK_RECEIVED,
	WEBHOOK_PROCESSED,
	WEBHOOK_DUPLICATE,
	WEBHOOK_REJECTED,	/* malformed, or about unknown people/calls */
	WEBHOOK_FAILED,		/* our fault: the database, a bug */
	WEBHOOK_OUTCOME__MAX
};

extern const char *const webhook_outcome_names[WEBHOOK_OUTCOME__MAX];

/* The hex SHA-256 of endpoint and body that finds a repeated delivery. */
#define WEBHOOK_KEY_SIZE	65
void	webhook_log_key(const char *endpoint, const char *body, size_t len,
	    char key[WEBHOOK_KEY_SIZE]);
/* Whether a delivery with this key was processed within the last
 * window_us (0: ever). */
enum outcome webhook_log_seen(struct db *db, const char *key,
	    int64_t window_us, bool *seen);
/* Appends a delivery, as received, with what became of it; *id (when not
 * NULL) the new entry's. */
enum outcome webhook_log_record(struct db *db, const char *endpoint,
	    const char *body, size_t len, const char *key,
	    enum webhook_outcome outcome, const char *detail, int64_t *id);

/* One entry as the admin sees it. */
struct webhook_entry {
	int64_t		 id;
	int64_t		 received_at;
	const char	*endpoint;
	const char	*body;		/* as received: maybe not UTF-8 */
	size_t		 body_len;
	const char	*outcome;
	const char	*detail;
};

/* Every entry, newest first. */
extern const struct db_list webhook_log_list_all;

#endif
