/*
 * The Comms API, for providers (accounts with the comms role) and
 * superusers: calls, messages and feedback as providers see them (with
 * numbers and partner ids), and the three OnionDev webhooks.
 *
 * Every webhook body is stored raw in the webhook log before anything
 * else, so that nothing a provider sent is lost even when it cannot be
 * processed; the same body delivered twice is answered 200 and changes
 * nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/log.h"
#include "core/phone.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/webhook_parse.h"
#include "models/feedback.h"
#include "models/mentor.h"
#include "models/webhook_log.h"
#include "services/messaging.h"
#include "services/service.h"
#include "services/webhooks.h"

#define CONTENT_MAX_LEN	(256 * 1024)
#define MESSAGE_REDELIVERY_WINDOW_US	(10 * 60 * TIME_US)

/* ---- calls ---- */

static int
call_count_all(struct request *r, int64_t *n)
{
	return call_count(r->app->db, 0, n);
}

static int
call_fetch_all(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct call	*list;
	size_t		 n;
	int		 rc;

	if ((rc = call_list(r->app->db, r->arena, 0, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_call_admin(&list[i]));
	return DB_OK;
}

/* GET /comms/call/: every call, newest first, with partner_id and status. */
void
handle_comms_call_list(struct request *r)
{
	respond_list(r, call_count_all, call_fetch_all);
}

/* GET /comms/call/{id} */
void
handle_comms_call_get(struct request *r)
{
	struct call	c;
	int		rc;

	if ((rc = call_get(r->app->db, r->arena, r->ids[0], &c)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_call_admin(&c));
}

/* PUT and PATCH /comms/call/{id}: the body is ignored; end_time := now. */
void
handle_comms_call_end(struct request *r)
{
	struct call	c;
	int		rc;

	if ((rc = call_get(r->app->db, r->arena, r->ids[0], &c)) != 1 ||
	    (rc = call_ended(r->app->db, c.id)) < 0 ||
	    (rc = call_get(r->app->db, r->arena, c.id, &c)) != 1) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 200, render_call_admin(&c));
}

/* ---- messages ---- */

static int
message_count_all(struct request *r, int64_t *n)
{
	return message_count(r->app->db, 0, 0, n);
}

static int
message_fetch_all(struct request *r, int64_t offset, int64_t limit,
    cJSON *out)
{
	struct message	*list;
	size_t		 n;
	int		 rc;

	if ((rc = message_list(r->app->db, r->arena, 0, 0, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_message_comms(&list[i]));
	return DB_OK;
}

/* GET /comms/message/ */
void
handle_comms_message_list(struct request *r)
{
	respond_list(r, message_count_all, message_fetch_all);
}

/* GET /comms/message/{id} */
void
handle_comms_message_get(struct request *r)
{
	struct message	m;
	int		rc;

	if ((rc = message_get(r->app->db, r->arena, r->ids[0], &m)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_message_comms(&m));
}

/*
 * Reads a number field (E.164, or an MSISDN without "+") and finds its
 * user.  1 found, 0 not (field error added), negative rc.
 */
static int
contact_field(struct request *r, const char *name, struct user *u,
    struct field_errors *fe)
{
	const char	*raw;
	char		 e164[PHONE_E164_LEN];
	int		 rc;

	if (json_read_string(r->json, name, JSON_REQUIRED, 32, r->arena, &raw,
	    fe) != 1)
		return 0;
	if (phone_normalize(raw, e164) == -1 &&
	    phone_from_msisdn(raw, e164) == -1) {
		field_errors_add(fe, name, "Enter a valid phone number.");
		return 0;
	}
	if ((rc = user_get_by_contact(r->app->db, r->arena, e164, u)) == 0)
		field_errors_add(fe, name, "No user has this number.");
	return rc;
}

/*
 * POST /comms/message/ {sender_contact, recipient_contact, content}: an
 * SMS a provider carried between a mentor and their mentee.  From the
 * mentee it is received like an OnionDev SMS (event, push); from the
 * mentor it is recorded as sent.  201; 400 for unknown numbers or people
 * who are not mentor and mentee, with nothing stored.
 */
void
handle_comms_message_create(struct request *r)
{
	struct field_errors	 fe;
	struct message		 m;
	struct user		 from, to;
	struct mentor		 mentor;
	int			 rf, rt, rc;

	memset(&m, 0, sizeof(m));
	field_errors_init(&fe);
	if (!cJSON_IsObject(r->json)) {
		response_field_error(r, "non_field_errors",
		    "Invalid data. Expected a dictionary.");
		return;
	}
	rf = contact_field(r, "sender_contact", &from, &fe);
	rt = contact_field(r, "recipient_contact", &to, &fe);
	json_read_string(r->json, "content", JSON_REQUIRED, 1600, r->arena,
	    &m.content, &fe);
	if (rf < 0 || rt < 0) {
		field_errors_release(&fe);
		response_db_error(r, rf < 0 ? rf : rt);
		return;
	}
	if (!field_errors_any(&fe)) {
		/* Which of the two is the mentor? */
		const struct user	*mu = from.role == USER_ROLE_MENTOR ?
					    &from : &to;
		const struct user	*eu = mu == &from ? &to : &from;

		if ((rc = mentor_get(r->app->db, r->arena, mu->id,
		    &mentor)) < 0) {
			field_errors_release(&fe);
			response_db_error(r, rc);
			return;
		}
		if (rc == 0 || mentor.mentee_id != eu->id)
			field_errors_add(&fe, "non_field_errors", "The sender "
			    "and the recipient are not a mentor and their "
			    "mentee.");
	}
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	m.sender_id = from.id;
	m.recipient_id = to.id;
	m.type = MESSAGE_USER;
	rc = from.role == USER_ROLE_MENTEE ? message_receive(r->app->db, &m) :
	    message_record_relayed(r->app->db, &m);
	if (rc != DB_OK || (rc = message_get(r->app->db, r->arena, m.id,
	    &m)) != 1) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 201, render_message_comms(&m));
}

/* ---- feedback ---- */

static int
feedback_count_all(struct request *r, int64_t *n)
{
	return feedback_count(r->app->db, n);
}

static int
feedback_fetch_all(struct request *r, int64_t offset, int64_t limit,
    cJSON *out)
{
	struct feedback	*list;
	size_t		 n;
	int		 rc;

	if ((rc = feedback_list(r->app->db, r->arena, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_feedback(&list[i]));
	return DB_OK;
}

/* GET /comms/feedback/ */
void
handle_comms_feedback_list(struct request *r)
{
	respond_list(r, feedback_count_all, feedback_fetch_all);
}

/* GET /comms/feedback/{id} */
void
handle_comms_feedback_get(struct request *r)
{
	struct feedback	f;
	int		rc;

	if ((rc = feedback_get(r->app->db, r->arena, r->ids[0], &f)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_feedback(&f));
}

/*
 * POST /comms/feedback/ {sender_id, call_id, complete, content}: content
 * must be a valid JSON string.  201, or 400 with nothing stored.
 */
void
handle_comms_feedback_create(struct request *r)
{
	struct field_errors	 fe;
	struct feedback		 f;
	struct user		 sender;
	struct call		 c;
	int64_t			 sender_id = 0, call_id = 0;
	int			 rc = 0;
	cJSON			*parsed;

	memset(&f, 0, sizeof(f));
	field_errors_init(&fe);
	if (!cJSON_IsObject(r->json))
		field_errors_add(&fe, "non_field_errors",
		    "Invalid data. Expected a dictionary.");
	else {
		if (json_read_int(r->json, "sender_id", JSON_REQUIRED, 1,
		    INT64_MAX, &sender_id, &fe) == 1 &&
		    (rc = user_get_by_id(r->app->db, r->arena, sender_id,
		    &sender)) == 0)
			field_errors_add(&fe, "sender_id", arena_printf(
			    r->arena, "Invalid pk \"%lld\" - object does not "
			    "exist.", (long long)sender_id));
		if (rc >= 0 && json_read_int(r->json, "call_id", JSON_REQUIRED,
		    1, INT64_MAX, &call_id, &fe) == 1 &&
		    (rc = call_get(r->app->db, r->arena, call_id, &c)) == 0)
			field_errors_add(&fe, "call_id", arena_printf(r->arena,
			    "Invalid pk \"%lld\" - object does not exist.",
			    (long long)call_id));
		json_read_bool(r->json, "complete", JSON_REQUIRED,
		    &f.completed, &fe);
		if (json_read_string(r->json, "content", JSON_REQUIRED,
		    CONTENT_MAX_LEN, r->arena, &f.content, &fe) == 1) {
			if ((parsed = json_parse(f.content, strlen(f.content),
			    NULL)) == NULL)
				field_errors_add(&fe, "content",
				    "Value must be valid JSON.");
			cJSON_Delete(parsed);
		}
	}
	if (rc < 0) {
		field_errors_release(&fe);
		response_db_error(r, rc);
		return;
	}
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	f.sender_id = sender_id;
	f.call_id = call_id;
	if ((rc = feedback_insert(r->app->db, &f)) != DB_OK ||
	    (rc = feedback_get(r->app->db, r->arena, f.id, &f)) != 1) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 201, render_feedback(&f));
}

/* ---- OnionDev webhooks ---- */

/* Validates a parsed body into a typed struct; 0, or -1 with *why. */
typedef int (*webhook_parse_fn)(struct request *r, const cJSON *body,
	    void *out, const char **why);
typedef void (*webhook_act_fn)(struct db *db, struct arena *a,
	    const void *in, struct webhook_result *out);

/*
 * The part every webhook shares: log the raw body, drop a repeat, parse,
 * act, record the outcome, answer.  200 with {"detail", "id"} when done or
 * already done; 400 malformed; 404 unknown number or call; 503.
 */
static void
webhook_run(struct request *r, const char *endpoint, int64_t window_us,
    webhook_parse_fn parse, webhook_act_fn act, void *in)
{
	struct webhook_result	 res;
	const char		*why = NULL;
	int64_t			 log_id = 0;
	int			 seen = 0, rc;
	cJSON			*body, *o;

	if ((rc = webhook_log_receive(r->app->db, endpoint,
	    r->body ? r->body : "", r->body_len, window_us, &log_id,
	    &seen)) != DB_OK) {
		response_db_error(r, rc);
		return;
	}
	if (seen) {
		(void)webhook_log_finish(r->app->db, log_id, WEBHOOK_DUPLICATE,
		    "the same body was processed before");
		response_detail(r, 200, "Already processed.");
		return;
	}
	if ((body = json_parse(r->body ? r->body : "", r->body_len,
	    &why)) == NULL || parse(r, body, in, &why) == -1) {
		cJSON_Delete(body);
		(void)webhook_log_finish(r->app->db, log_id, WEBHOOK_REJECTED,
		    why);
		response_detail(r, 400, why);
		return;
	}
	cJSON_Delete(body);
	act(r->app->db, r->arena, in, &res);
	switch (res.verdict) {
	case VERDICT_DONE:
	case VERDICT_ALREADY:
		(void)webhook_log_finish(r->app->db, log_id, res.verdict ==
		    VERDICT_DONE ? WEBHOOK_PROCESSED : WEBHOOK_DUPLICATE,
		    res.detail);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "detail", res.detail);
		json_add_int(o, "id", res.object_id);
		response_json(r, 200, o);
		break;
	case VERDICT_UNKNOWN:
		(void)webhook_log_finish(r->app->db, log_id, WEBHOOK_REJECTED,
		    res.detail);
		response_detail(r, 404, res.detail);
		break;
	default:
		(void)webhook_log_finish(r->app->db, log_id, WEBHOOK_FAILED,
		    db_last_error(r->app->db));
		response_db_error(r, res.rc);
		break;
	}
}

static int
parse_call_end(struct request *r, const cJSON *body, void *out,
    const char **why)
{
	return webhook_parse_call_end(r->arena, body, out, why);
}

static void
act_call_end(struct db *db, struct arena *a, const void *in,
    struct webhook_result *out)
{
	webhook_oniondev_call_end(db, a, in, out);
}

/* POST /comms/onion_dev_call_end/ */
void
handle_oniondev_call_end(struct request *r)
{
	struct oniondev_call_end	in;

	webhook_run(r, "onion_dev_call_end", 0, parse_call_end, act_call_end,
	    &in);
}

static int
parse_feedback(struct request *r, const cJSON *body, void *out,
    const char **why)
{
	struct oniondev_feedback	*f = out;

	if (webhook_parse_feedback(r->arena, body, f, why) == -1)
		return -1;
	f->raw = arena_strndup(r->arena, r->body, r->body_len);
	return 0;
}

static void
act_feedback(struct db *db, struct arena *a, const void *in,
    struct webhook_result *out)
{
	webhook_oniondev_feedback(db, a, in, out);
}

/* POST /comms/onion_dev_feedback/ */
void
handle_oniondev_feedback(struct request *r)
{
	struct oniondev_feedback	in;

	webhook_run(r, "onion_dev_feedback", 0, parse_feedback, act_feedback,
	    &in);
}

static int
parse_message(struct request *r, const cJSON *body, void *out,
    const char **why)
{
	return webhook_parse_message(r->arena, body, out, why);
}

static void
act_message(struct db *db, struct arena *a, const void *in,
    struct webhook_result *out)
{
	webhook_oniondev_message(db, a, in, out);
}

/* POST /comms/onion_dev_message/ */
void
handle_oniondev_message(struct request *r)
{
	struct oniondev_message	in;

	/* An SMS carries no id: the same text from the same mentee is taken
	 * for a redelivery only within a few minutes. */
	webhook_run(r, "onion_dev_message", MESSAGE_REDELIVERY_WINDOW_US,
	    parse_message, act_message, &in);
}
