/*
 * The Comms API, for providers (accounts with the comms role) and
 * superusers: calls, messages and feedback as providers see them (with
 * numbers and partner ids), and the providers' webhooks.
 */
#include "config.h"

#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "models/feedback.h"
#include "services/calls.h"
#include "services/feedback.h"
#include "services/messaging.h"
#include "services/webhooks.h"

/* ---- calls ---- */

/* GET /comms/call/: every call, newest first, with partner_id and status. */
void
handle_comms_call_list(struct request *r)
{
	respond_list(r, &call_list_all, LIST_ALL, render_call_admin);
}

/* GET /comms/call/{id} */
void
handle_comms_call_get(struct request *r)
{
	struct call	c;

	respond_result(r, call_get(r->app->db, r->arena, r->ids[0], &c), 200,
	    render_call_admin, &c);
}

/* PUT and PATCH /comms/call/{id}: the body is ignored; end_time := now. */
void
handle_comms_call_end(struct request *r)
{
	struct call	c;

	respond_result(r, call_end_now(r->app->db, r->arena, r->ids[0], 0, &c),
	    200, render_call_admin, &c);
}

/* ---- messages ---- */

/* GET /comms/message/ */
void
handle_comms_message_list(struct request *r)
{
	respond_list(r, &message_list_all, LIST_ALL, render_message_comms);
}

/* GET /comms/message/{id} */
void
handle_comms_message_get(struct request *r)
{
	struct message	m;

	respond_result(r, message_get(r->app->db, r->arena, r->ids[0], &m),
	    200, render_message_comms, &m);
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
	struct relayed_message_input	in;
	struct message			m;

	if (invalid(r, validate_relayed_message(r->json, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, message_create_relayed(r->app->db, r->arena, &in, &m,
	    &r->detail), 201, render_message_comms, &m);
}

/* ---- feedback ---- */

/* GET /comms/feedback/ */
void
handle_comms_feedback_list(struct request *r)
{
	respond_list(r, &feedback_list_all, LIST_ALL, render_feedback);
}

/* GET /comms/feedback/{id} */
void
handle_comms_feedback_get(struct request *r)
{
	struct feedback	f;

	respond_result(r, feedback_get(r->app->db, r->arena, r->ids[0], &f),
	    200, render_feedback, &f);
}

/*
 * POST /comms/feedback/ {sender_id, call_id, complete, content}: content
 * must be a valid JSON string.  201, or 400 with nothing stored.
 */
void
handle_comms_feedback_create(struct request *r)
{
	struct feedback		in, f;

	if (invalid(r, validate_feedback(r->json, r->arena, &in, &r->fe)))
		return;
	respond_result(r, feedback_record(r->app->db, r->arena, &in, &f,
	    &r->detail), 201, render_feedback, &f);
}

/* ---- webhooks ---- */

/*
 * POST /comms/<endpoint>/: a provider's webhook, the kind named by the
 * path's last segment (the routes list the ones providers post).  200
 * {"detail", "id"} when it was acted on, now or before; 400 malformed;
 * 404 about a number or call we do not know; 503.  The body is in the
 * webhook log whatever the answer.
 */
void
handle_webhook(struct request *r)
{
	const struct webhook_kind	*k;
	struct webhook_result		 res;
	struct webhook_auth		 auth;
	const char			*name = strrchr(r->path, '/');
	char				*endpoint;
	enum outcome			 rc;
	cJSON				*o;

	/* "/comms/onion_dev_call_end" or ".../onion_dev_call_end/" */
	if (name != NULL && name[1] == '\0') {
		endpoint = arena_strndup(r->arena, r->path,
		    (size_t)(name - r->path));
		name = endpoint != NULL ? strrchr(endpoint, '/') : NULL;
	}
	if (name == NULL || (k = webhook_kind_find(name + 1)) == NULL)
		BUG("a webhook route without its webhook kind");
	auth.timestamp = r->signature_timestamp;
	auth.signature = r->signature;
	auth.now_us = time_now_us();
	rc = webhook_receive(r->app->db, r->arena, r->app->conf, k, &auth,
	    r->body ? r->body : "", r->body_len, &res, &r->detail);
	if (rc != OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", r->detail.text);
	if (res.object_id != 0)
		json_add_int(o, "id", res.object_id);
	response_json(r, 200, o);
}
