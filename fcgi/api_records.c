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
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "models/cdr.h"
#include "models/feedback.h"
#include "models/outbox.h"
#include "models/webhook_log.h"

/*
 * GET /admin/call/{id}: the call as /comms/call/{id} shows it, plus
 * "cdrs" (the provider's attempt records) and "feedback" about it.
 */
void
handle_admin_call_get(struct request *r)
{
	struct call	 c;
	struct cdr	*cdrs;
	struct feedback	*fb;
	size_t		 ncdrs, nfb;
	cJSON		*o, *list;
	int		 rc;

	if ((rc = call_get(r->app->db, r->arena, r->ids[0], &c)) != 1) {
		response_missing(r, rc);
		return;
	}
	if ((rc = cdr_list_for_call(r->app->db, r->arena, c.id, &cdrs,
	    &ncdrs)) != DB_OK ||
	    (rc = feedback_list_for_call(r->app->db, r->arena, c.id, &fb,
	    &nfb)) != DB_OK) {
		response_db_error(r, rc);
		return;
	}
	o = render_call_admin(&c);
	list = cJSON_AddArrayToObject(o, "cdrs");
	for (size_t i = 0; i < ncdrs; i++)
		cJSON_AddItemToArray(list, render_cdr(&cdrs[i]));
	list = cJSON_AddArrayToObject(o, "feedback");
	for (size_t i = 0; i < nfb; i++)
		cJSON_AddItemToArray(list, render_feedback(&fb[i]));
	response_json(r, 200, o);
}

static int
webhook_count(struct request *r, int64_t *n)
{
	return webhook_log_count(r->app->db, n);
}

static int
webhook_fetch(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct webhook_entry	*list;
	size_t			 n;
	int			 rc;

	if ((rc = webhook_log_list(r->app->db, r->arena, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_webhook_entry(&list[i]));
	return DB_OK;
}

/* GET /admin/webhook/: every webhook delivery, newest first. */
void
handle_admin_webhook_list(struct request *r)
{
	respond_list(r, webhook_count, webhook_fetch);
}

/* ?status= of the outbox list: NULL for all (validated by the handler). */
static const char *
outbox_status(struct request *r)
{
	const char	*v = request_query(r, "status");

	return v != NULL && *v != '\0' ? v : NULL;
}

static int
outbox_count_status(struct request *r, int64_t *n)
{
	return outbox_count(r->app->db, outbox_status(r), n);
}

static int
outbox_fetch(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct outbox_entry	*list;
	size_t			 n;
	int			 rc;

	if ((rc = outbox_list(r->app->db, r->arena, outbox_status(r), offset,
	    limit, &list, &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_outbox_entry(&list[i]));
	return DB_OK;
}

/*
 * GET /admin/outbox/?status=pending|sent|dead: SMS and pushes, newest
 * first.  400 for another status.
 */
void
handle_admin_outbox_list(struct request *r)
{
	const char	*st = outbox_status(r);

	if (st != NULL && strcmp(st, "pending") != 0 &&
	    strcmp(st, "sent") != 0 && strcmp(st, "dead") != 0) {
		response_field_error(r, "status", arena_printf(r->arena,
		    "\"%s\" is not a valid choice.", st));
		return;
	}
	respond_list(r, outbox_count_status, outbox_fetch);
}

/*
 * POST /admin/outbox/{id}/retry: a dead entry goes back in the queue, due
 * now.  200 with the entry; 400 when it is not dead; 404.
 */
void
handle_admin_outbox_retry(struct request *r)
{
	struct outbox_entry	e;
	int			rc;

	if ((rc = outbox_get(r->app->db, r->arena, r->ids[0], &e)) != 1) {
		response_missing(r, rc);
		return;
	}
	if ((rc = outbox_retry(r->app->db, e.id)) < 0) {
		response_db_error(r, rc);
		return;
	}
	if (rc == 0) {
		response_detail(r, 400, arena_printf(r->arena,
		    "Only a dead entry can be retried; this one is %s.",
		    e.status));
		return;
	}
	log_info("outbox entry %lld queued again by user %lld",
	    (long long)e.id, (long long)r->user.id);
	if ((rc = outbox_get(r->app->db, r->arena, e.id, &e)) != 1)
		response_missing(r, rc);
	else
		response_json(r, 200, render_outbox_entry(&e));
}
