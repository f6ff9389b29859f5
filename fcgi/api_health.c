#include "config.h"

#include "db/db.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"

/*
 * GET /healthz, without credentials: 200 {"status":"ok","database":"ok"}
 * when the database answers, else 503 {"status":"error",
 * "database":"down"}.
 */
void
handle_healthz(struct request *r)
{
	cJSON	*o = cJSON_CreateObject();
	int	 up = db_ping(r->app->db) == OUTCOME_OK;

	cJSON_AddStringToObject(o, "status", up ? "ok" : "error");
	cJSON_AddStringToObject(o, "database", up ? "ok" : "down");
	response_json(r, up ? 200 : 503, o);
	if (!up)
		response_header(r, "Retry-After", "5");
}
