/*
 * Feedback a provider registers through the Comms API (POST
 * /comms/feedback/), as opposed to the IVR webhook (services/webhooks.c).
 */
#ifndef MT_SERVICES_FEEDBACK_H
#define MT_SERVICES_FEEDBACK_H

#include "core/arena.h"
#include "core/outcome.h"
#include "db/db.h"
#include "models/feedback.h"

/*
 * Stores in->sender_id's feedback about in->call_id (content, completed)
 * and fills *out with it as stored.  OUTCOME_INVALID (field sender_id or
 * call_id) when the user or the call does not exist.
 */
enum outcome feedback_record(struct db *db, struct arena *a,
	    const struct feedback *in, struct feedback *out,
	    struct outcome_detail *d);

#endif
