/*
 * The admin's read-outs of what the system did (superusers): a call with
 * its CDRs and feedback, the webhook log, the outbox and retrying its
 * dead entries.  The web console's admin pages read these; calls and
 * messages as lists come from the Comms API.
 */
#include "config.h"

#include <string.h>

#include "core/json.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "models/cdr.h"
#include "models/feedback.h"
#include "models/outbox.h"
#include "models/webhook_log.h"

/* Seconds, or null for -1 (unknown). */
static void
add_seconds(cJSON *o, const char *name, int64_t us)
{
	if (us < 0)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddNumberToObject(o, name, (double)us / TIME_US);
}

/*
 * GET /admin/call/{id}: the call as /comms/call/{id} shows it, plus the
 * seed's get_status_display, get_duration and get_lag ("status_display",
 * "duration" and "lag" in seconds, null when unknown), "cdrs" (the
 * provider's attempt records) and "feedback" about it.
 */
void
handle_admin_call_get(struct request *r)
{
	struct call	 c;
	struct cdr	*cdrs;
	struct feedback	*fb;
	size_t		 ncdrs, nfb;
	cJSON		*o, *list;
	enum outcome	 rc;

	if ((rc = call_get(r->app->db, r->arena, r->ids[0], &c)) !=
	    OUTCOME_OK ||
	    (rc = cdr_list_for_call(r->app->db, r->arena, c.id, &cdrs,
	    &ncdrs)) != OUTCOME_OK ||
	    (rc = feedback_list_for_call(r->app->db, r->arena, c.id, &fb,
	    &nfb)) != OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	o = render_call_admin(&c);
	cJSON_AddStringToObject(o, "status_display", call_status_display(&c));
	add_seconds(o, "duration", call_duration_us(&c));
	add_seconds(o, "lag", call_lag_us(&c));
	list = cJSON_AddArrayToObject(o, "cdrs");
	for (size_t i = 0; i < ncdrs; i++)
		cJSON_AddItemToArray(list, render_cdr(&cdrs[i]));
	list = cJSON_AddArrayToObject(o, "feedback");
	for (size_t i = 0; i < nfb; i++)
		cJSON_AddItemToArray(list, render_feedback(&fb[i]));
	response_json(r, 200, o);
}

/* GET /admin/webhook/: every webhook delivery, newest first. */
void
handle_admin_webhook_list(struct request *r)
{
	respond_list(r, &webhook_log_list_all, LIST_ALL, render_webhook_entry);
}

/*
 * GET /admin/outbox/?status=pending|sent|dead: SMS and pushes, newest
 * first.  400 for another status.
 */
void
handle_admin_outbox_list(struct request *r)
{
	struct list_filter	f = LIST_ALL;

	if (invalid(r, validate_outbox_status(request_query(r, "status"),
	    r->arena, &f.status, &r->fe)))
		return;
	respond_list(r, f.status != NULL ? &outbox_list_by_status :
	    &outbox_list_all, f, render_outbox_entry);
}

/*
 * POST /admin/outbox/{id}/retry: a dead entry goes back in the queue, due
 * now.  200 with the entry; 400 when it is not dead; 404.
 */
void
handle_admin_outbox_retry(struct request *r)
{
	struct outbox_entry	e;
	enum outcome		rc;

	rc = outbox_retry(r->app->db, r->arena, r->ids[0], &e, &r->detail);
	if (rc == OUTCOME_OK)
		log_info("outbox entry %lld queued again by user %lld",
		    (long long)e.id, (long long)r->user.id);
	respond_result(r, rc, 200, render_outbox_entry, &e);
}
