/*
 * The Mentor API of the seed for the authenticated mentor: calls,
 * messages, events, tasks and scheduled calls.  A mentor sees only their
 * own objects; anybody else's answer 404, exactly like ids that do not
 * exist.  No response carries a phone number.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "models/activity.h"
#include "models/mentor.h"
#include "services/calls.h"
#include "services/messaging.h"
#include "services/schedule.h"
#include "services/service.h"

#define MESSAGE_MAX_LEN	1600	/* ten concatenated SMS */

static int64_t
me(const struct request *r)
{
	return r->user.id;
}

/* ---- calls ---- */

static int
call_count_mine(struct request *r, int64_t *n)
{
	return call_count(r->app->db, me(r), n);
}

static int
call_fetch_mine(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct call	*list;
	size_t		 n;
	int		 rc;

	if ((rc = call_list(r->app->db, r->arena, me(r), offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_call(&list[i]));
	return DB_OK;
}

/* GET /mentor/call/: the calls the mentor made, newest first. */
void
handle_call_list(struct request *r)
{
	respond_list(r, call_count_mine, call_fetch_mine);
}

/*
 * POST /mentor/call/: the body is ignored.  201 with the call once the
 * provider took it; 503 with the reason and the (inactive) call when the
 * provider failed.
 */
void
handle_call_create(struct request *r)
{
	struct call	 c;
	char		 reason[PROVIDER_ERROR_MAX];
	cJSON		*o;
	int		 rc;

	rc = call_dial(r->app->db, &r->app->providers, r->arena, me(r), &c,
	    reason, sizeof(reason));
	if (rc == SVC_OK) {
		response_json(r, 201, render_call(&c));
		return;
	}
	if (rc == SVC_NOT_FOUND) {
		response_detail(r, 400, "No mentee is linked to this mentor.");
		return;
	}
	if (rc != SVC_PROVIDER) {
		response_db_error(r, rc);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", arena_printf(r->arena,
	    "The voice provider could not start the call: %s", reason));
	cJSON_AddStringToObject(o, "request_id", r->request_id);
	cJSON_AddItemToObject(o, "call", render_call(&c));
	response_json(r, 503, o);
	response_header(r, "Retry-After", "5");
}

/* GET /mentor/call/{id} */
void
handle_call_get(struct request *r)
{
	struct call	c;
	int		rc;

	if ((rc = call_get_by_caller(r->app->db, r->arena, r->ids[0], me(r),
	    &c)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_call(&c));
}

/* PUT and PATCH /mentor/call/{id}: end_time becomes now if empty. */
void
handle_call_end(struct request *r)
{
	struct call	c;
	int		rc;

	if ((rc = call_get_by_caller(r->app->db, r->arena, r->ids[0], me(r),
	    &c)) != 1) {
		response_missing(r, rc);
		return;
	}
	if ((rc = call_ended(r->app->db, c.id)) < 0 ||
	    (rc = call_get(r->app->db, r->arena, c.id, &c)) != 1) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 200, render_call(&c));
}

/* ---- messages ---- */

/*
 * ?since_id=N of the lists the console polls: 0 when absent, -1 when not
 * a positive integer.
 */
static int64_t
since_id(struct request *r)
{
	const char	*v = request_query(r, "since_id");
	char		*end;
	long long	 n;

	if (v == NULL)
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1)
		return -1;
	return n;
}

/* respond_list() unless ?since_id= is malformed (400). */
static void
respond_list_since(struct request *r, list_count_fn count,
    list_fetch_fn fetch)
{
	if (since_id(r) == -1) {
		response_field_error(r, "since_id",
		    "A valid positive integer is required.");
		return;
	}
	respond_list(r, count, fetch);
}

static int
message_count_mine(struct request *r, int64_t *n)
{
	return message_count(r->app->db, me(r), since_id(r), n);
}

static int
message_fetch_mine(struct request *r, int64_t offset, int64_t limit,
    cJSON *out)
{
	struct message	*list;
	size_t		 n;
	int		 rc;

	if ((rc = message_list(r->app->db, r->arena, me(r), since_id(r), offset, limit,
	    &list, &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_message(&list[i]));
	return DB_OK;
}

/* GET /mentor/message/: sent or received by the mentor, newest first. */
void
handle_message_list(struct request *r)
{
	respond_list_since(r, message_count_mine, message_fetch_mine);
}

/*
 * POST /mentor/message/ {content, sender_id?, recipient_id?}: from the
 * mentor to their own mentee only.  201 with the message, queued for SMS.
 */
void
handle_message_create(struct request *r)
{
	struct field_errors	fe;
	struct message		m;
	struct mentor		mentor;
	int64_t			sender, recipient;
	int			rc;

	if ((rc = mentor_get(r->app->db, r->arena, me(r), &mentor)) != 1) {
		if (rc == 0)
			response_detail(r, 400,
			    "No mentee is linked to this mentor.");
		else
			response_db_error(r, rc);
		return;
	}
	memset(&m, 0, sizeof(m));
	field_errors_init(&fe);
	if (!cJSON_IsObject(r->json))
		field_errors_add(&fe, "content", "This field is required.");
	else {
		json_read_string(r->json, "content", JSON_REQUIRED,
		    MESSAGE_MAX_LEN, r->arena, &m.content, &fe);
		if (json_read_int(r->json, "sender_id", JSON_NULLABLE, 1,
		    INT64_MAX, &sender, &fe) == 1 && sender != me(r))
			field_errors_add(&fe, "sender_id",
			    "Messages can only be sent as yourself.");
		if (json_read_int(r->json, "recipient_id", JSON_NULLABLE, 1,
		    INT64_MAX, &recipient, &fe) == 1 &&
		    recipient != mentor.mentee_id)
			field_errors_add(&fe, "recipient_id",
			    "Messages can only be sent to your mentee.");
	}
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	m.sender_id = me(r);
	m.recipient_id = mentor.mentee_id;
	m.type = MESSAGE_USER;
	if ((rc = message_send_and_create(r->app->db, &m, me(r))) != DB_OK) {
		response_db_error(r, rc);
		return;
	}
	if ((rc = message_get(r->app->db, r->arena, m.id, &m)) != 1) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 201, render_message(&m));
}

/* GET /mentor/message/{id} */
void
handle_message_get(struct request *r)
{
	struct message	m;
	int		rc;

	if ((rc = message_get_for_user(r->app->db, r->arena, r->ids[0], me(r),
	    &m)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_message(&m));
}

/* ---- events ---- */

static int
event_count_mine(struct request *r, int64_t *n)
{
	return event_count(r->app->db, me(r), since_id(r), n);
}

static int
event_fetch_mine(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct event	*list;
	size_t		 n;
	int		 rc;

	if ((rc = event_list(r->app->db, r->arena, me(r), since_id(r), offset,
	    limit, &list, &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_event(&list[i]));
	return DB_OK;
}

/* GET /mentor/event/: the mentor's events, newest first. */
void
handle_event_list(struct request *r)
{
	respond_list_since(r, event_count_mine, event_fetch_mine);
}

/* GET /mentor/event/{id} */
void
handle_event_get(struct request *r)
{
	struct event	e;
	int		rc;

	if ((rc = event_get_for_mentor(r->app->db, r->arena, r->ids[0], me(r),
	    &e)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_event(&e));
}

/* ---- tasks ---- */

static int
task_count_mine(struct request *r, int64_t *n)
{
	return task_count(r->app->db, me(r), n);
}

static int
task_fetch_mine(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct task	*list;
	size_t		 n;
	int		 rc;

	if ((rc = task_list(r->app->db, r->arena, me(r), offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_task(&list[i]));
	return DB_OK;
}

/* GET /mentor/task/ */
void
handle_task_list(struct request *r)
{
	respond_list(r, task_count_mine, task_fetch_mine);
}

/* GET /mentor/task/{id} */
void
handle_task_get(struct request *r)
{
	struct task	t;
	int		rc;

	if ((rc = task_get_for_mentor(r->app->db, r->arena, r->ids[0], me(r),
	    &t)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_task(&t));
}

/*
 * PUT and PATCH /mentor/task/{id} {status}: one of pending, in-progress,
 * done (required for PUT).  Anything else is 400 and changes nothing.
 */
void
handle_task_update(struct request *r)
{
	struct field_errors	 fe;
	struct task		 t;
	const char		*status = NULL;
	enum task_status	 st;
	int			 rc;

	if ((rc = task_get_for_mentor(r->app->db, r->arena, r->ids[0], me(r),
	    &t)) != 1) {
		response_missing(r, rc);
		return;
	}
	field_errors_init(&fe);
	/* A body that is no object is no update, for PATCH too. */
	if (r->json != NULL && !cJSON_IsObject(r->json)) {
		field_errors_add(&fe, "non_field_errors",
		    "Invalid data. Expected a dictionary.");
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	if (json_read_string(r->json, "status", r->method == HTTP_PUT ?
	    JSON_REQUIRED : 0, 32, r->arena, &status, &fe) == 1 &&
	    task_status_parse(status, &st) == -1)
		field_errors_add(&fe, "status", arena_printf(r->arena,
		    "\"%s\" is not a valid choice.", status));
	if (r->method == HTTP_PUT && !cJSON_IsObject(r->json) &&
	    !field_errors_any(&fe))
		field_errors_add(&fe, "status", "This field is required.");
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	if (status != NULL) {
		if ((rc = task_set_status(r->app->db, t.id, st)) < 0) {
			response_db_error(r, rc);
			return;
		}
		t.status = st;
	}
	response_json(r, 200, render_task(&t));
}

/* ---- scheduled calls ---- */

static int
schedule_count_mine(struct request *r, int64_t *n)
{
	return scheduled_call_count(r->app->db, me(r), n);
}

static int
schedule_fetch_mine(struct request *r, int64_t offset, int64_t limit,
    cJSON *out)
{
	struct scheduled_call	*list;
	size_t			 n;
	int			 rc;

	if ((rc = scheduled_call_list(r->app->db, r->arena, me(r), offset,
	    limit, &list, &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_scheduled_call(&list[i]));
	return DB_OK;
}

/* GET /mentor/schedule/: the mentor's planned calls, soonest first. */
void
handle_schedule_list(struct request *r)
{
	respond_list(r, schedule_count_mine, schedule_fetch_mine);
}

/*
 * Reads {call_time, activity} into sc.  call_time: ISO 8601 with any
 * offset, in the future; required unless PATCH.  Returns 1 when something
 * was given, 0 when not, -1 when answered (400, 503).
 */
static int
schedule_body(struct request *r, bool required, struct scheduled_call *sc)
{
	struct field_errors	 fe;
	const char		*when = NULL;
	char			 ts[TIME_ISO_LEN];
	int64_t			 activity;
	int			 given = 0, rc;

	field_errors_init(&fe);
	if (r->json != NULL && !cJSON_IsObject(r->json))
		field_errors_add(&fe, "non_field_errors",
		    "Invalid data. Expected a dictionary.");
	else if (r->json == NULL) {
		if (required)
			field_errors_add(&fe, "call_time",
			    "This field is required.");
	} else {
		if (json_read_string(r->json, "call_time", required ?
		    JSON_REQUIRED : 0, 64, r->arena, &when, &fe) == 1) {
			given = 1;
			if (time_parse_iso(when, &sc->call_time) == -1)
				field_errors_add(&fe, "call_time", "Datetime "
				    "has wrong format. Use one of these formats "
				    "instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]]"
				    "[+HH:MM|-HH:MM|Z].");
			/* Past 9999-12-31 in UTC: no DATETIME holds it. */
			else if (time_format_iso(sc->call_time, ts) == -1)
				field_errors_add(&fe, "call_time",
				    "Datetime value out of range.");
			else if (sc->call_time <= time_now_us())
				field_errors_add(&fe, "call_time",
				    "Call time must be in the future.");
		}
		if (cJSON_HasObjectItem(r->json, "activity")) {
			given = 1;
			sc->activity_id = 0;
		}
		if (json_read_int(r->json, "activity", JSON_NULLABLE, 1,
		    INT64_MAX, &activity, &fe) == 1) {
			if ((rc = activity_exists(r->app->db, activity)) < 0) {
				field_errors_release(&fe);
				response_db_error(r, rc);
				return -1;
			}
			if (rc == 0)
				field_errors_add(&fe, "activity", arena_printf(
				    r->arena, "Invalid pk \"%lld\" - object does "
				    "not exist.", (long long)activity));
			sc->activity_id = activity;
		}
	}
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return -1;
	}
	return given;
}

/* POST /mentor/schedule/ {call_time, activity?}: 201; the mentee is told. */
void
handle_schedule_create(struct request *r)
{
	struct scheduled_call	sc;
	int			rc;

	memset(&sc, 0, sizeof(sc));
	if (schedule_body(r, true, &sc) == -1)
		return;
	if ((rc = schedule_create(r->app->db, r->arena, me(r), &sc)) !=
	    SVC_OK) {
		if (rc == SVC_NOT_FOUND)
			response_detail(r, 400,
			    "No mentee is linked to this mentor.");
		else
			response_db_error(r, rc);
		return;
	}
	response_json(r, 201, render_scheduled_call(&sc));
}

/* GET /mentor/schedule/{id} */
void
handle_schedule_get(struct request *r)
{
	struct scheduled_call	sc;
	int			rc;

	if ((rc = scheduled_call_get_by_caller(r->app->db, r->arena, r->ids[0],
	    me(r), &sc)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_scheduled_call(&sc));
}

/*
 * PUT and PATCH /mentor/schedule/{id} {call_time}: reschedules and tells
 * the mentee.  A PATCH without call_time or activity changes nothing.
 */
void
handle_schedule_update(struct request *r)
{
	struct scheduled_call	sc;
	int			rc, given;

	if ((rc = scheduled_call_get_by_caller(r->app->db, r->arena, r->ids[0],
	    me(r), &sc)) != 1) {
		response_missing(r, rc);
		return;
	}
	if ((given = schedule_body(r, r->method == HTTP_PUT, &sc)) == -1)
		return;
	if (given && (rc = schedule_reschedule(r->app->db, r->arena, me(r),
	    &sc)) != SVC_OK) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 200, render_scheduled_call(&sc));
}

/* DELETE /mentor/schedule/{id}: cancels it, tells the mentee; 204. */
void
handle_schedule_delete(struct request *r)
{
	int	rc;

	if ((rc = schedule_cancel(r->app->db, r->arena, me(r), r->ids[0])) !=
	    SVC_OK) {
		response_missing(r, rc);
		return;
	}
	response_json(r, 204, NULL);
}
