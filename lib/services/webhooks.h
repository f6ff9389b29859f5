/*
 * What OnionDev reports: the end of a call, IVR feedback, an incoming SMS.
 * The FastCGI layer validates each body into one of these structs (and
 * logs it raw first); these functions act on it.
 */
#ifndef MT_WEBHOOKS_H
#define MT_WEBHOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "models/feedback.h"

enum webhook_verdict {
	VERDICT_DONE,		/* acted on it */
	VERDICT_ALREADY,	/* it was acted on before: nothing new */
	VERDICT_UNKNOWN,	/* about a number or call we do not know */
	VERDICT_ERROR,		/* the database failed: rc says how */
	VERDICT__MAX
};

struct webhook_result {
	enum webhook_verdict	 verdict;
	int			 rc;		/* VERDICT_ERROR */
	int64_t			 object_id;	/* the call, feedback, message */
	char			 detail[256];
};

struct oniondev_cdr {
	const char	*id;
	int64_t		 start_time;	/* UTC, 0 unknown */
	const char	*error_cause;
};

struct oniondev_call_end {
	const char		*scheduled_call_id;	/* our partner_id */
	const char		*conversation_id;
	const char		*recording_url;
	const char		*handler;	/* caller MSISDN */
	const char		*beneficiary;	/* receiver MSISDN */
	int64_t			 start_time;	/* UTC, 0 unknown */
	int64_t			 end_time;
	bool			 success;
	struct oniondev_cdr	*cdrs;
	size_t			 ncdrs;
};

struct oniondev_feedback {
	const char	*conversation_id;	/* NULL when not given */
	char		 caller[20];		/* E.164 */
	int64_t		 start_time;
	bool		 completed;
	const char	*answers[FEEDBACK_QUESTIONS];	/* by "order" */
	const char	*raw;			/* the whole body */
};

struct oniondev_message {
	char		 mobile[20];	/* E.164 */
	const char	*text;
};

void	webhook_oniondev_call_end(struct db *db, struct arena *a,
	    const struct oniondev_call_end *in, struct webhook_result *out);
void	webhook_oniondev_feedback(struct db *db, struct arena *a,
	    const struct oniondev_feedback *in, struct webhook_result *out);
void	webhook_oniondev_message(struct db *db, struct arena *a,
	    const struct oniondev_message *in, struct webhook_result *out);

#endif
