/*
 * The webhook log: every body a provider posted, stored before it is
 * processed, with what became of it.
 */
#ifndef MT_WEBHOOK_LOG_H
#define MT_WEBHOOK_LOG_H

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

/*
 * Stores the raw body of a delivery to endpoint (committed at once) and
 * says whether the same body was processed within the last window_us
 * (0: ever) (*seen_before).  *id is the new entry.
 */
enum outcome webhook_log_receive(struct db *db, const char *endpoint,
	    const char *body, size_t len, int64_t window_us, int64_t *id,
	    int *seen_before);
/* Records what became of entry id. */
enum outcome webhook_log_finish(struct db *db, int64_t id,
	    enum webhook_outcome outcome, const char *detail);

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
