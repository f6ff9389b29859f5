#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/digest.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "models/call.h"
#include "models/feedback.h"
#include "models/user.h"
#include "models/webhook_log.h"
#include "services/calls.h"
#include "services/messaging.h"
#include "services/webhooks.h"

/* ---- the acts, one per event ---- */

static enum outcome
act_call_end(struct db *db, struct arena *a, const struct webhook_report *in,
    struct webhook_result *res, struct outcome_detail *d)
{
	return call_report_end(db, a, &in->u.call_end, &res->object_id,
	    &res->already, d);
}

/* The mentee with number e164, or OUTCOME_NOT_FOUND with unknown. */
static enum outcome
find_mentee(struct db *db, struct arena *a, const char *e164,
    const char *unknown, struct user *u, struct outcome_detail *d)
{
	enum outcome	rc;

	rc = user_get_by_contact(db, a, e164, u);
	if (rc == OUTCOME_OK && u->role != USER_ROLE_MENTEE)
		rc = OUTCOME_NOT_FOUND;
	if (rc == OUTCOME_NOT_FOUND)
		(void)outcome_fail(d, rc, NULL, "%s", unknown);
	return rc;
}

/*
 * The call the survey is about: the mentee's call the provider knows by
 * one of the survey's ids, else (no id matches) the mentee's last call
 * before the survey started.  *call_id 0 when there is none.
 */
static enum outcome
feedback_call(struct db *db, struct arena *a, const struct feedback_report *in,
    int64_t mentee_id, int64_t *call_id)
{
	struct call	c;
	enum outcome	rc;

	*call_id = 0;
	rc = call_of_receiver_by_ids(db, a, mentee_id, in->conversation_id,
	    in->call_ref, &c);
	if (rc == OUTCOME_NOT_FOUND)
		rc = call_latest_for_receiver(db, a, mentee_id,
		    in->start_time != 0 ? in->start_time : time_now_us(), &c);
	if (rc == OUTCOME_OK)
		*call_id = c.id;
	return rc == OUTCOME_NOT_FOUND ? OUTCOME_OK : rc;
}

static enum outcome
act_feedback(struct db *db, struct arena *a, const struct webhook_report *rep,
    struct webhook_result *res, struct outcome_detail *d)
{
	const struct feedback_report	*in = &rep->u.feedback;
	struct feedback			 f;
	struct user			 mentee;
	enum outcome			 rc;

	if ((rc = find_mentee(db, a, in->caller,
	    "No mentee has the number cdr.callerid.", &mentee, d)) !=
	    OUTCOME_OK)
		return rc;
	memset(&f, 0, sizeof(f));
	f.sender_id = mentee.id;
	f.start_time = in->start_time;
	f.completed = in->completed;
	f.content = in->raw;
	f.conversation_id = in->conversation_id;
	for (int i = 0; i < FEEDBACK_QUESTIONS; i++)
		f.questions[i] = in->answers[i];
	if ((rc = feedback_call(db, a, in, mentee.id, &f.call_id)) !=
	    OUTCOME_OK)
		return rc;
	rc = f.conversation_id != NULL ?
	    feedback_upsert_conversation(db, &f) : feedback_insert(db, &f);
	if (rc != OUTCOME_OK)
		return rc;
	res->object_id = f.id;
	return outcome_fail(d, OUTCOME_OK, NULL, "Feedback stored.");
}

static enum outcome
act_sms(struct db *db, struct arena *a, const struct webhook_report *in,
    struct webhook_result *res, struct outcome_detail *d)
{
	struct message	m;
	struct user	mentee;
	enum outcome	rc;

	if ((rc = find_mentee(db, a, in->u.sms.from,
	    "No mentee has that mobile number.", &mentee, d)) != OUTCOME_OK)
		return rc;
	memset(&m, 0, sizeof(m));
	m.sender_id = mentee.id;
	m.content = in->u.sms.text;
	if ((rc = message_receive(db, &m)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, rc, NULL, "That mentee has no mentor.");
	if (rc != OUTCOME_OK)
		return rc;
	res->object_id = m.id;
	return outcome_fail(d, OUTCOME_OK, NULL, "Message received.");
}

static enum outcome (*const webhook_acts[WEBHOOK_EVENT__MAX])(struct db *,
    struct arena *, const struct webhook_report *, struct webhook_result *,
    struct outcome_detail *) = {
	[WEBHOOK_CALL_END] = act_call_end,
	[WEBHOOK_FEEDBACK] = act_feedback,
	[WEBHOOK_SMS] = act_sms,
};

/* ---- the pipeline ---- */

/* What the log records for an outcome of the act. */
static enum webhook_outcome
log_outcome(enum outcome rc, bool already)
{
	switch (rc) {
	case OUTCOME_OK:
		return already ? WEBHOOK_DUPLICATE : WEBHOOK_PROCESSED;
	case OUTCOME_INVALID:
	case OUTCOME_NOT_FOUND:
	case OUTCOME_UNAUTHORIZED:
		return WEBHOOK_REJECTED;
	default:
		return WEBHOOK_FAILED;
	}
}

const char *
webhook_signature_problem(const struct webhook_signing *signing,
    const struct webhook_auth *auth, const char *body, size_t len)
{
	char		 prefix[32], *end;
	long long	 ts;
	int64_t		 age;

	if (signing->secret == NULL || *signing->secret == '\0')
		return NULL;
	if (auth->timestamp == NULL || auth->signature == NULL)
		return "The webhook is not signed (X-Mentorship-Timestamp and "
		    "X-Mentorship-Signature).";
	errno = 0;
	ts = strtoll(auth->timestamp, &end, 10);
	if (*auth->timestamp == '\0' || *end != '\0' || errno != 0 || ts < 0)
		return "X-Mentorship-Timestamp is not a Unix time in seconds.";
	age = auth->now_us / TIME_US - (int64_t)ts;
	if (age > (int64_t)signing->max_age_s ||
	    -age > (int64_t)signing->max_age_s)
		return "X-Mentorship-Timestamp is too old (or in the future).";
	if (strncmp(auth->signature, "sha256=", 7) != 0)
		return "X-Mentorship-Signature is not sha256=<hex>.";
	snprintf(prefix, sizeof(prefix), "%lld.", ts);
	if (digest_hmac_sha256_matches(signing->secret, prefix, body, len,
	    auth->signature + 7) ||
	    (signing->previous != NULL && *signing->previous != '\0' &&
	    digest_hmac_sha256_matches(signing->previous, prefix, body, len,
	    auth->signature + 7)))
		return NULL;
	return "X-Mentorship-Signature does not match the body.";
}

/* One delivery on its way through the transaction of receive_tx(). */
struct delivery {
	const struct webhook_kind	*k;
	struct arena			*a;
	const char			*body;
	size_t				 len;
	const char			*key;
	const struct webhook_report	*report;
	struct webhook_result		*res;
	struct outcome_detail		*d;
};

/*
 * A repeat is logged as one; anything else is acted on and logged as
 * processed, in one transaction: one commit per delivery.  An act that
 * fails leaves nothing (the caller logs it on its own).
 */
static enum outcome
receive_tx(struct db *db, void *arg)
{
	struct delivery	*dv = arg;
	enum outcome	 rc;
	bool		 seen;

	/* Again from the start when the transaction is run again. */
	memset(dv->res, 0, sizeof(*dv->res));
	outcome_detail_init(dv->d);
	if ((rc = webhook_log_seen(db, dv->key, dv->k->redelivery_window_us,
	    &seen)) != OUTCOME_OK)
		return rc;
	if (seen) {
		dv->res->already = true;
		(void)outcome_fail(dv->d, OUTCOME_OK, NULL,
		    "Already processed.");
		return webhook_log_record(db, dv->k->endpoint, dv->body,
		    dv->len, dv->key, WEBHOOK_DUPLICATE,
		    "the same body was processed before", NULL);
	}
	if ((rc = webhook_acts[dv->k->event](db, dv->a, dv->report, dv->res,
	    dv->d)) != OUTCOME_OK)
		return rc;
	return webhook_log_record(db, dv->k->endpoint, dv->body, dv->len,
	    dv->key, log_outcome(rc, dv->res->already), dv->d->text,
	    NULL);
}

enum outcome
webhook_receive(struct db *db, struct arena *a, const struct conf *c,
    const struct webhook_kind *k, const struct webhook_auth *auth,
    const char *body, size_t len, struct webhook_result *res,
    struct outcome_detail *d)
{
	struct webhook_signing	 signing = { 0 };
	struct webhook_report	 report;
	struct delivery		 dv = { .k = k, .a = a, .body = body,
				    .len = len, .report = &report, .res = res,
				    .d = d };
	char			 key[WEBHOOK_KEY_SIZE];
	const char		*why = NULL;
	enum webhook_outcome	 out;
	enum outcome		 rc = OUTCOME_OK;
	int64_t			 log_id = 0;

	memset(res, 0, sizeof(*res));
	outcome_detail_init(d);
	webhook_log_key(k->endpoint, body, len, key);
	dv.key = key;
	/* Acted on only when it is signed as the provider's settings ask;
	 * logged whoever sent it. */
	if (k->signing != NULL)
		k->signing(c, &signing);
	if ((why = webhook_signature_problem(&signing, auth, body, len)) !=
	    NULL)
		rc = outcome_fail(d, OUTCOME_UNAUTHORIZED, NULL, "%s", why);
	else if (len > k->max_body)
		rc = outcome_fail(d, OUTCOME_INVALID, NULL,
		    "The body is larger than %zu bytes.", k->max_body);
	else if (k->parse(a, body, len, &report, &why) == -1)
		rc = outcome_fail(d, OUTCOME_INVALID, NULL, "%s", why);
	else
		rc = db_transaction(db, receive_tx, &dv);
	if (rc == OUTCOME_OK)
		return rc;
	/* Refused, or its act failed and left nothing: logged on its own.
	 * A failure of ours keeps what the database said, which the client
	 * never sees. */
	out = log_outcome(rc, false);
	(void)webhook_log_record(db, k->endpoint, body, len, key, out,
	    out == WEBHOOK_FAILED ? db_last_error(db) : d->text, &log_id);
	if (rc == OUTCOME_UNAUTHORIZED)
		log_warn("webhook %s %lld refused: %s", k->endpoint,
		    (long long)log_id, d->text);
	return rc;
}
