/*
 * What providers tell us by webhook, in provider-neutral structs, and the
 * kinds of webhook each provider posts.
 *
 * A provider owns its inbound formats: its file declares a constant
 * table of struct webhook_kind (the endpoint, a size limit, how a body
 * parses into a struct webhook_report), listed in its provider_ops.
 * services/webhooks.c logs, deduplicates and acts on the report; the
 * FastCGI handler only maps the outcome to a status.
 */
#ifndef MT_WEBHOOK_H
#define MT_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/phone.h"
#include "models/feedback.h"

enum webhook_event {
	WEBHOOK_CALL_END,	/* a call ended, or never connected */
	WEBHOOK_FEEDBACK,	/* a mentee's answers to the IVR survey */
	WEBHOOK_SMS,		/* an SMS from a mentee */
	WEBHOOK_EVENT__MAX
};

/* One attempt the provider made to connect a call. */
struct call_attempt {
	const char	*id;
	int64_t		 start_time;	/* UTC, 0 unknown */
	const char	*error_cause;	/* NULL when none */
};

struct call_end_report {
	const char		*partner_id;	/* the id it answered the dial with */
	const char		*conversation_id;
	const char		*recording_url;
	const char		*handler;	/* caller MSISDN */
	const char		*beneficiary;	/* receiver MSISDN */
	int64_t			 start_time;	/* UTC, 0 unknown */
	int64_t			 end_time;
	bool			 success;
	struct call_attempt	*attempts;
	size_t			 nattempts;
};

struct feedback_report {
	/* The ids that tie the survey to its call: the partner's id of the
	 * call or its conversation id, in either field (NULL: not given). */
	const char	*conversation_id;
	const char	*call_ref;
	char		 caller[PHONE_E164_LEN];	/* the mentee, E.164 */
	int64_t		 start_time;		/* UTC, 0 unknown */
	bool		 completed;
	const char	*answers[FEEDBACK_QUESTIONS];	/* in the survey's order */
	const char	*raw;			/* the whole body, as text */
};

struct inbound_sms {
	char		 from[PHONE_E164_LEN];	/* E.164 */
	const char	*text;
};

struct webhook_report {
	enum webhook_event	event;
	union {
		struct call_end_report	call_end;
		struct feedback_report	feedback;
		struct inbound_sms	sms;
	} u;
};

/*
 * How a provider signs its webhooks, beside Basic Auth: the headers
 * X-Mentorship-Timestamp (Unix seconds) and X-Mentorship-Signature
 * ("sha256=" and the hex HMAC-SHA256 of timestamp "." body).  No secret:
 * not signed.  Two secrets are live while one replaces the other.
 */
struct webhook_signing {
	const char	*secret;	/* "" or NULL: signatures not asked */
	const char	*previous;	/* also accepted, or "" */
	unsigned	 max_age_s;	/* timestamps older (or newer) refused */
};

struct conf;

struct webhook_kind {
	const char		*endpoint;	/* "onion_dev_call_end" */
	enum webhook_event	 event;
	size_t			 max_body;	/* bytes */
	/*
	 * How long the same body counts as a redelivery of one already
	 * processed (0: forever).  Bodies without an id of their own (an
	 * SMS) get a window, so that the same text sent again later is a
	 * new message.
	 */
	int64_t			 redelivery_window_us;
	/*
	 * Parses body (len bytes) into *out, strings in a: a pure function
	 * of its input.  0, or -1 with *why saying what is missing or
	 * wrong, in a sentence fit for a 400 answer.
	 */
	int	(*parse)(struct arena *a, const char *body, size_t len,
		    struct webhook_report *out, const char **why);
	/* The provider's signing settings of c. */
	void	(*signing)(const struct conf *c, struct webhook_signing *out);
};

/*
 * The webhook kind served at endpoint, from every provider this build
 * knows (whichever is configured: a provider may post while another one
 * places the calls), or NULL.
 */
const struct webhook_kind *webhook_kind_find(const char *endpoint);

#endif
