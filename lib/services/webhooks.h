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

/* What a delivery says of its signature (the headers, NULL when absent). */
struct webhook_auth {
	const char	*timestamp;	/* X-Mentorship-Timestamp */
	const char	*signature;	/* X-Mentorship-Signature */
	int64_t		 now_us;
};

struct webhook_result {
	int64_t		object_id;	/* the call, feedback, message */
	bool		already;	/* acted on before: nothing new */
};

/*
 * Receives one delivery of kind k.  OUTCOME_OK when it was acted on, or
 * had been before (res->already); OUTCOME_UNAUTHORIZED when the provider
 * signs its webhooks (its signing settings of c) and this one's signature
 * is missing, wrong or too old; OUTCOME_INVALID when the body is
 * malformed or too large; OUTCOME_NOT_FOUND when it is about a number or
 * a call we do not know; else what the database said.  d says what
 * happened in every case but a failure of the database.  The body is in
 * the webhook log whatever the outcome.
 */
enum outcome webhook_receive(struct db *db, struct arena *a,
	    const struct conf *c, const struct webhook_kind *k,
	    const struct webhook_auth *auth, const char *body, size_t len,
	    struct webhook_result *res, struct outcome_detail *d);
/*
 * The signature check alone: NULL when the delivery is signed as
 * signing asks (or signing asks for none), else why not.
 */
const char *webhook_signature_problem(const struct webhook_signing *signing,
	    const struct webhook_auth *auth, const char *body, size_t len);

#endif
