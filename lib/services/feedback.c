#include "config.h"

#include "models/call.h"
#include "models/user.h"
#include "services/feedback.h"

static enum outcome
feedback_record_tx(struct db *db, struct arena *a, const struct feedback *in,
    struct feedback *out, struct outcome_detail *d)
{
	struct feedback	f = *in;
	struct user	sender;
	struct call	c;
	enum outcome	rc;

	if ((rc = user_get_by_id(db, a, in->sender_id, &sender)) ==
	    OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "sender_id",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)in->sender_id);
	if (rc != OUTCOME_OK)
		return rc;
	if ((rc = call_get(db, a, in->call_id, &c)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "call_id",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)in->call_id);
	if (rc != OUTCOME_OK || (rc = feedback_insert(db, &f)) != OUTCOME_OK)
		return rc;
	return feedback_get(db, a, f.id, out);
}

enum outcome
feedback_record(struct db *db, struct arena *a, const struct feedback *in,
    struct feedback *out, struct outcome_detail *d)
{
	enum outcome	rc;

	if ((rc = db_begin(db)) != OUTCOME_OK)
		return rc;
	return db_finish(db, feedback_record_tx(db, a, in, out, d));
}
