/*
 * Webhooks: what a provider posted, from the raw body to what it changed.
 *
 * webhook_receive() stores the body in the webhook log before anything
 * else (so nothing a provider sent is lost, even when it cannot be
 * processed), drops a redelivery of a body already processed, parses it
 * with the provider's own parser (the struct webhook_kind), acts on the
 * report and records the outcome in the log.
 */
#ifndef MT_WEBHOOKS_H
#define MT_WEBHOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "providers/webhook.h"

struct webhook_result {
	int64_t		object_id;	/* the call, feedback, message */
	bool		already;	/* acted on before: nothing new */
};

/*
 * Receives one delivery of kind k.  OUTCOME_OK when it was acted on, or
 * had been before (res->already); OUTCOME_INVALID when the body is
 * malformed or too large; OUTCOME_NOT_FOUND when it is about a number or
 * a call we do not know; else what the database said.  d says what
 * happened in every case but a failure of the database.
 */
enum outcome webhook_receive(struct db *db, struct arena *a,
	    const struct webhook_kind *k, const char *body, size_t len,
	    struct webhook_result *res, struct outcome_detail *d);

#endif
