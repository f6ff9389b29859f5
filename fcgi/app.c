#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/json.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/router.h"

int
app_init(struct app *app, const struct conf *c)
{
	char	why[256];

	memset(app, 0, sizeof(*app));
	app->conf = c;
	if ((app->db = db_new(c)) == NULL) {
		log_error("app: out of memory");
		return -1;
	}
	if (providers_init(&app->providers, c, app->db, why,
	    sizeof(why)) == -1) {
		log_error("app: %s", why);
		db_free(app->db);
		app->db = NULL;
		return -1;
	}
	if (authn_init(&app->authn, c) == -1) {
		log_error("app: cannot set up authentication");
		db_free(app->db);
		app->db = NULL;
		return -1;
	}
	/* Connect now so the first request does not pay for it; a
	 * database that is down is retried on each request. */
	(void)db_connect(app->db);
	return 0;
}

void
app_release(struct app *app)
{
	providers_release(&app->providers);
	authn_release(&app->authn);
	db_free(app->db);
	app->db = NULL;
}

static bool
method_changes_state(enum http_method m)
{
	return m != HTTP_GET && m != HTTP_HEAD && m != HTTP_OPTIONS;
}

/*
 * Authenticates r from its session cookie: the session must be live, its
 * account active and unchanged in password since the login, and a request
 * that changes something must echo the session's CSRF token.  0, or -1
 * with the answer (401, 403, 503) set on r.
 */
static int
app_authenticate_session(struct app *app, struct request *r)
{
	struct session	*s = arena_alloc(r->arena, sizeof(*s));
	enum outcome	 rc;

	if (s == NULL) {
		response_internal_error(r);
		return -1;
	}
	rc = session_find(app->db, r->arena, r->session_token, time_now_us(),
	    s, &r->user);
	if (rc != OUTCOME_OK && rc != OUTCOME_NOT_FOUND) {
		respond_outcome(r, rc);
		return -1;
	}
	if (rc == OUTCOME_NOT_FOUND || !r->user.is_active ||
	    s->created_at < r->user.password_changed_at) {
		response_unauthorized(r,
		    "Your session has expired. Log in again.");
		return -1;
	}
	if (method_changes_state(r->method) &&
	    !session_csrf_ok(s, r->csrf_token)) {
		response_detail(r, 403,
		    "CSRF Failed: CSRF token missing or incorrect.");
		return -1;
	}
	r->authenticated = true;
	r->auth_via = "session";
	r->session = s;
	return 0;
}

int
app_check_password(struct app *app, struct request *r, const char *login,
    const char *password)
{
	struct authn_outcome	 out;

	authn_check(&app->authn, app->db, r->arena, login, password,
	    r->remote_addr, &r->user, &out);
	r->auth_via = out.used_argon2 ? "argon2" : "cache";
	switch (out.result) {
	case AUTHN_OK:
		r->authenticated = true;
		return 0;
	case AUTHN_FAILED:
		/* The Android app (/v2/) shows "no account with that e-mail
		 * and password" for a 403 only; a 401 reads as our fault. */
		if (strncmp(r->path, APP_PATH_PREFIX, strlen(APP_PATH_PREFIX)) ==
		    0)
			response_detail(r, 403, "Invalid username/password.");
		else
			response_unauthorized(r, "Invalid username/password.");
		return -1;
	case AUTHN_THROTTLED:
		response_throttled(r, out.retry_after);
		return -1;
	case AUTHN_UNAVAILABLE:
		response_unavailable(r);
		return -1;
	default:
		response_internal_error(r);
		return -1;
	}
}

/*
 * Authenticates r from its Authorization header, or without one from its
 * session cookie.  Returns 0 when the request may go on, or -1 with the
 * answer (401, 403, 429, 503) set on r.
 */
static int
app_authenticate(struct app *app, struct request *r)
{
	const char	*user, *pass, *why;
	int		 rc;

	if (r->authorization == NULL && r->session_token != NULL)
		return app_authenticate_session(app, r);
	if (r->authorization == NULL ||
	    (rc = request_parse_basic(r->arena, r->authorization, &user,
	    &pass, &why)) == 0) {
		response_unauthorized(r,
		    "Authentication credentials were not provided.");
		return -1;
	}
	if (rc == -1) {
		response_unauthorized(r, why);
		return -1;
	}
	return app_check_password(app, r, user, pass);
}

static bool
app_access_ok(const struct request *r, enum route_access access)
{
	const struct user	*u = &r->user;

	switch (access) {
	case ACCESS_PUBLIC:
	case ACCESS_USER:
		return true;
	case ACCESS_SUPERUSER:
		return u->is_superuser;
	case ACCESS_MENTOR:
		return u->role == USER_ROLE_MENTOR;
	case ACCESS_COMMS:
		return u->is_superuser || u->role == USER_ROLE_COMMS;
	default:
		BUG("unknown route access");
	}
}

static bool
is_json_type(const char *ct)
{
	size_t	n = strcspn(ct, ";");

	while (n > 0 && ct[n - 1] == ' ')
		n--;
	return (n == 16 && strncasecmp(ct, "application/json", 16) == 0);
}

/* Parses a JSON body for methods that carry one.  0, or -1 (answered). */
static int
app_parse_body(struct request *r)
{
	const char	*why;

	if (r->method != HTTP_POST && r->method != HTTP_PUT &&
	    r->method != HTTP_PATCH)
		return 0;
	if (r->body_len == 0)
		return 0;
	if (r->content_type == NULL || !is_json_type(r->content_type)) {
		response_detail(r, 415, arena_printf(r->arena,
		    "Unsupported media type \"%s\" in request.",
		    r->content_type ? r->content_type : ""));
		return -1;
	}
	if ((r->json = json_parse(r->body, r->body_len, &why)) == NULL) {
		response_detail(r, 400, why);
		return -1;
	}
	return 0;
}

size_t
app_body_limit(const struct app *app, const struct request *r)
{
	const struct route	*route;
	int64_t			 ids[REQUEST_MAX_IDS];
	size_t			 nids;
	unsigned		 allowed;

	route = router_match(r->method, r->path, ids, &nids, &allowed);
	if (route != NULL && (route->flags & ROUTE_UPLOAD) == ROUTE_UPLOAD)
		return app->conf->media_max_upload_bytes;
	return app->conf->fcgi_max_body_bytes;
}

void
app_handle(struct app *app, struct request *r)
{
	const struct route	*route;
	unsigned		 allowed;

	r->app = app;
	route = router_match(r->method, r->path, r->ids, &r->nids, &allowed);
	if (route == NULL) {
		if (allowed == 0) {
			response_not_found(r);
			return;
		}
		response_detail(r, 405, arena_printf(r->arena,
		    "Method \"%s\" not allowed.", r->method_name));
		response_header(r, "Allow",
		    router_allow_header(r->arena, allowed));
		return;
	}
	if (route->access != ACCESS_PUBLIC && app_authenticate(app, r) == -1)
		return;
	if (!app_access_ok(r, route->access)) {
		response_detail(r, 403,
		    "You do not have permission to perform this action.");
		return;
	}
	if (!(route->flags & ROUTE_RAW_BODY) && app_parse_body(r) == -1)
		return;
	route->handler(r);
	field_errors_release(&r->fe);
	/* A transaction left open by a handler is a bug, not a commit. */
	if (db_in_transaction(app->db)) {
		db_rollback(app->db);
		BUG("handler returned inside a transaction");
	}
}
