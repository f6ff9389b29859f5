/*
 * The worker's long-lived state and the request pipeline: route, then
 * authenticate, then check access, then parse the body, then the handler.
 */
#ifndef MT_APP_H
#define MT_APP_H

#include "auth/authn.h"
#include "core/buf.h"
#include "core/conf.h"
#include "db/db.h"
#include "fcgi/http.h"
#include "providers/provider.h"

/* The Android app's API: its own rules for failed logins and pages. */
#define APP_PATH_PREFIX	"/v2/"

struct app {
	const struct conf	*conf;		/* borrowed */
	struct db		*db;
	struct authn		 authn;
	struct providers	 providers;
};

/* 0, or -1 (logged) when the worker cannot start. */
int	app_init(struct app *app, const struct conf *c);
void	app_release(struct app *app);
/* The largest body r may have: an upload route's, or any other's. */
size_t	app_body_limit(const struct app *app, const struct request *r);
/*
 * Answers r (params and body already read).  Always leaves a status and
 * usually a body on r; never fails.
 */
void	app_handle(struct app *app, struct request *r);
/*
 * Checks login/password for r as Basic Auth does (credential cache,
 * throttling).  0 with r->user set, or -1 with the answer (401, 429, 503)
 * set on r.
 */
int	app_check_password(struct app *app, struct request *r,
	    const char *login, const char *password);

#endif
