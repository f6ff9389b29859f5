/*
 * The Mentor API of the seed for the authenticated mentor: calls,
 * messages, events, tasks and scheduled calls.  A mentor sees only their
 * own objects; anybody else's answer 404, exactly like ids that do not
 * exist.  No response carries a phone number.
 */
#include "config.h"

#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "models/event.h"
#include "models/message.h"
#include "models/scheduled_call.h"
#include "models/task.h"
#include "services/calls.h"
#include "services/messaging.h"
#include "services/schedule.h"

/* ---- calls ---- */

/* GET /mentor/call/: the calls the mentor made, newest first. */
void
handle_call_list(struct request *r)
{
	respond_list(r, &call_list_by_caller, list_mine(r), render_call);
}

/*
 * Dials for the authenticated mentor (in may be NULL).  201 with the call
 * once the provider took it; 400 when the mentor has no mentee or in
 * names what is not there; 503 with the reason and the (inactive) call
 * when the provider failed.
 */
static void
respond_dial(struct request *r, const struct call_input *in)
{
	struct call	c;
	enum outcome	rc;

	rc = call_dial(r->app->db, &r->app->providers, r->arena, r->user.id,
	    in, &c, &r->detail);
	respond_result(r, rc, 201, render_call, &c);
	if (rc == OUTCOME_PROVIDER_FAILED)
		cJSON_AddItemToObject(r->out, "call", render_call(&c));
}

/* POST /mentor/call/: the body is ignored, as the seed says. */
void
handle_call_create(struct request *r)
{
	respond_dial(r, NULL);
}

/*
 * POST /v2/mentor/call/ {"scheduled_call": id} or {}: the Android app's,
 * with the scheduled call (the mentor's own) and its activity kept on the
 * call.
 */
void
handle_app_call_create(struct request *r)
{
	struct call_input	in;

	if (!invalid(r, validate_call(r->json, &in, &r->fe)))
		respond_dial(r, &in);
}

/* GET /mentor/call/{id} */
void
handle_call_get(struct request *r)
{
	struct call	c;

	respond_result(r, call_get_by_caller(r->app->db, r->arena, r->ids[0],
	    r->user.id, &c), 200, render_call, &c);
}

/* PUT and PATCH /mentor/call/{id}: end_time becomes now if empty. */
void
handle_call_end(struct request *r)
{
	struct call	c;

	respond_result(r, call_end_now(r->app->db, r->arena, r->ids[0],
	    r->user.id, &c), 200, render_call, &c);
}

/* ---- messages ---- */

/* GET /mentor/message/: sent or received by the mentor, newest first. */
void
handle_message_list(struct request *r)
{
	/* Its queries bind since_id, 0 for all: one list for both. */
	respond_list_since(r, &message_list_by_user, &message_list_by_user,
	    render_message);
}

/*
 * POST /mentor/message/ {content, sender_id?, recipient_id?}: from the
 * mentor to their own mentee only.  201 with the message, queued for SMS.
 */
void
handle_message_create(struct request *r)
{
	struct message_input	in;
	struct message		m;

	if (invalid(r, validate_message(r->json, r->arena, &in, &r->fe)))
		return;
	respond_result(r, message_create_by_mentor(r->app->db, r->arena,
	    r->user.id, &in, &m, &r->detail), 201, render_message, &m);
}

/* GET /mentor/message/{id} */
void
handle_message_get(struct request *r)
{
	struct message	m;

	respond_result(r, message_get_for_user(r->app->db, r->arena,
	    r->ids[0], r->user.id, &m), 200, render_message, &m);
}

/* ---- events ---- */

/* GET /mentor/event/: the mentor's events, newest first. */
void
handle_event_list(struct request *r)
{
	respond_list_since(r, &event_list_by_mentor,
	    &event_list_by_mentor_since, render_event);
}

/* GET /mentor/event/{id} */
void
handle_event_get(struct request *r)
{
	struct event	e;

	respond_result(r, event_get_for_mentor(r->app->db, r->arena,
	    r->ids[0], r->user.id, &e), 200, render_event, &e);
}

/* ---- tasks ---- */

/* GET /mentor/task/ */
void
handle_task_list(struct request *r)
{
	respond_list(r, &task_list_by_mentor, list_mine(r), render_task);
}

/* GET /mentor/task/{id} */
void
handle_task_get(struct request *r)
{
	struct task	t;

	respond_result(r, task_get_for_mentor(r->app->db, r->arena, r->ids[0],
	    r->user.id, &t), 200, render_task, &t);
}

/*
 * PUT and PATCH /mentor/task/{id} {status}: one of pending, in-progress,
 * done (required for PUT).  Anything else is 400 and changes nothing.
 */
void
handle_task_update(struct request *r)
{
	struct task		t = { .id = r->ids[0] };
	enum task_status	st;
	bool			given;

	if (invalid(r, validate_task_status(r->json, r->method == HTTP_PATCH,
	    r->arena, &st, &given, &r->fe)))
		return;
	respond_result(r, given ? task_set_status(r->app->db, r->arena,
	    r->user.id, st, &t) : task_get_for_mentor(r->app->db, r->arena,
	    t.id, r->user.id, &t), 200, render_task, &t);
}

/* ---- scheduled calls ---- */

/* GET /mentor/schedule/: the mentor's planned calls, soonest first. */
void
handle_schedule_list(struct request *r)
{
	respond_list(r, &scheduled_call_list_by_caller, list_mine(r),
	    render_scheduled_call);
}

/* POST /mentor/schedule/ {call_time, activity?}: 201; the mentee is told. */
void
handle_schedule_create(struct request *r)
{
	struct schedule_input	in;
	struct scheduled_call	sc;

	if (invalid(r, validate_schedule(r->json, false, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, schedule_create(r->app->db, r->arena, r->user.id,
	    &in, &sc, &r->detail), 201, render_scheduled_call, &sc);
}

/* GET /mentor/schedule/{id} */
void
handle_schedule_get(struct request *r)
{
	struct scheduled_call	sc;

	respond_result(r, scheduled_call_get_by_caller(r->app->db, r->arena,
	    r->ids[0], r->user.id, &sc), 200, render_scheduled_call, &sc);
}

/*
 * PUT and PATCH /mentor/schedule/{id} {call_time, activity}: reschedules
 * and tells the mentee.  A PATCH without either changes nothing.
 */
void
handle_schedule_update(struct request *r)
{
	struct schedule_input	in;
	struct scheduled_call	sc;

	if (invalid(r, validate_schedule(r->json, r->method == HTTP_PATCH,
	    r->arena, &in, &r->fe)))
		return;
	respond_result(r, schedule_reschedule(r->app->db, r->arena, r->user.id,
	    r->ids[0], &in, &sc, &r->detail), 200, render_scheduled_call, &sc);
}

/* DELETE /mentor/schedule/{id}: cancels it, tells the mentee; 204. */
void
handle_schedule_delete(struct request *r)
{
	enum outcome	rc;

	if ((rc = schedule_cancel(r->app->db, r->arena, r->user.id,
	    r->ids[0])) != OUTCOME_OK)
		respond_outcome(r, rc);
	else
		response_json(r, 204, NULL);
}
