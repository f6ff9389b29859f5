#include "config.h"

#include <string.h>

#include "auth/password.h"
#include "auth/throttle.h"
#include "core/json.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "services/accounts.h"

/*
 * GET /auth/me: the authenticated account.  200 with id, username, email,
 * first_name, last_name, is_superuser, role.
 */
void
handle_auth_me(struct request *r)
{
	response_json(r, 200, render_account(&r->user));
}

/* Sets (token non-NULL, for ttl seconds) or clears the session cookie. */
static void
session_cookie(struct request *r, const char *token, unsigned ttl)
{
	response_header(r, "Set-Cookie", arena_printf(r->arena,
	    SESSION_COOKIE "=%s; Path=/; Max-Age=%u; HttpOnly; Secure;"
	    " SameSite=Strict", token ? token : "", token ? ttl : 0));
	/* Nothing about a session may be cached by anyone. */
	response_header(r, "Cache-Control", "no-store");
}

/*
 * Answers with a session just opened (a login, a password change): its
 * cookie, and its csrf_token and expires_at added to o.  The token is
 * wiped from s: the browser's cookie is its only copy.
 */
static void
session_opened(struct request *r, struct session *s, unsigned ttl,
    cJSON *o)
{
	session_cookie(r, s->token, ttl);
	explicit_bzero(s->token, sizeof(s->token));
	cJSON_AddStringToObject(o, "csrf_token", s->csrf_token);
	json_add_time(o, "expires_at", s->expires_at);
}

/*
 * POST /auth/login {"username", "password"}: the web console's login.
 * username may be the e-mail address.  The password is checked exactly as
 * for Basic Auth (cache, throttling).  200 with the account, csrf_token
 * and expires_at, and the session cookie; 400, 401, 429, 503.
 */
void
handle_auth_login(struct request *r)
{
	struct session		 s;
	cJSON			*answer;
	const char		*login, *password;
	unsigned		 ttl = r->app->conf->auth_session_ttl_seconds;
	enum outcome		 rc;

	if (invalid(r, validate_login(r->json, r->arena, &login, &password,
	    &r->fe)))
		return;
	if (app_check_password(r->app, r, login, password) == -1)
		return;
	if ((rc = session_create(r->app->db, r->user.id, ttl, &s)) !=
	    OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	log_info("user %lld logged in to the console (session %lld)",
	    (long long)r->user.id, (long long)s.id);
	answer = render_account(&r->user);
	session_opened(r, &s, ttl, answer);
	response_json(r, 200, answer);
}

/*
 * GET /auth/session: the account of the session cookie with its CSRF
 * token, for a console page that was reloaded.  With Basic Auth,
 * csrf_token and expires_at are null.
 */
void
handle_auth_session(struct request *r)
{
	cJSON	*o = render_account(&r->user);

	response_header(r, "Cache-Control", "no-store");
	if (r->session != NULL) {
		cJSON_AddStringToObject(o, "csrf_token", r->session->csrf_token);
		json_add_time(o, "expires_at", r->session->expires_at);
	} else {
		cJSON_AddNullToObject(o, "csrf_token");
		cJSON_AddNullToObject(o, "expires_at");
	}
	response_json(r, 200, o);
}

/*
 * POST /auth/logout: ends the session of the cookie (which must come with
 * its CSRF token) and clears the cookie.  204 also when there was no live
 * session, so that logging out twice is not an error.
 */
void
handle_auth_logout(struct request *r)
{
	struct session	s;
	struct user	u;
	enum outcome	rc = OUTCOME_NOT_FOUND;

	if (r->session_token != NULL)
		rc = session_find(r->app->db, r->arena, r->session_token,
		    time_now_us(), &s, &u);
	if (rc == OUTCOME_OK && !session_csrf_ok(&s, r->csrf_token)) {
		response_detail(r, 403,
		    "CSRF Failed: CSRF token missing or incorrect.");
		return;
	}
	if (rc == OUTCOME_OK)
		rc = session_delete(r->app->db, r->session_token);
	if (rc != OUTCOME_OK && rc != OUTCOME_NOT_FOUND) {
		respond_outcome(r, rc);
		return;
	}
	session_cookie(r, NULL, 0);
	response_json(r, 204, NULL);
}

/*
 * POST /auth/password {"current_password", "new_password"}: changes the
 * authenticated account's password.  200 {"detail"}, 400 with field
 * errors (wrong current password, new one too short), 503.  Every cached
 * credential and every session of the old password stops working at
 * once; with a session cookie the answer carries the new session's cookie,
 * csrf_token and expires_at.
 */
void
handle_auth_password(struct request *r)
{
	struct password_params	 params;
	struct authn_outcome	 checked;
	struct session		 renewed;
	const char		*current, *new_password;
	char			 hash[PASSWORD_HASH_MAX];
	unsigned		 ttl = r->app->conf->auth_session_ttl_seconds;
	cJSON			*answer;
	enum outcome		 rc;

	if (invalid(r, validate_password_change(r->json, r->arena, &current,
	    &new_password, &r->fe)))
		return;
	/* Wrong guesses count like failed logins of the account. */
	authn_check_current(&r->app->authn, r->app->db, r->arena, &r->user,
	    current, r->remote_addr, &checked);
	switch (checked.result) {
	case AUTHN_OK:
		break;
	case AUTHN_FAILED:
		response_field_error(r, "current_password", "Wrong password.");
		return;
	case AUTHN_THROTTLED:
		response_throttled(r, checked.retry_after);
		return;
	case AUTHN_UNAVAILABLE:
		response_unavailable(r);
		return;
	default:
		response_internal_error(r);
		return;
	}
	password_params_from_conf(&params, r->app->conf);
	if (password_hash(&params, new_password, hash) == -1) {
		response_internal_error(r);
		return;
	}
	/* A console that makes the change gets a new session in the same
	 * transaction: that browser stays logged in. */
	rc = account_set_password(r->app->db, r->user.id, hash, ttl,
	    r->session != NULL ? &renewed : NULL);
	explicit_bzero(hash, sizeof(hash));
	if (rc != OUTCOME_OK) {
		/* NOT_FOUND: deleted since this request authenticated. */
		respond_outcome(r, rc == OUTCOME_NOT_FOUND ? OUTCOME_ERROR : rc);
		return;
	}
	log_info("user %lld changed their password", (long long)r->user.id);
	answer = cJSON_CreateObject();
	cJSON_AddStringToObject(answer, "detail", "Password changed.");
	if (r->session != NULL)
		session_opened(r, &renewed, ttl, answer);
	response_json(r, 200, answer);
}

/* ---- forgotten passwords (no credentials: the app and the console) ---- */

/* The throttle's name for failed reset codes, per address. */
#define RESET_THROTTLE_KEY	"password-reset"

/*
 * POST /v2/mentor/reset-password/ and /auth/reset-password {email}: 200
 * whether or not an account has the address (a reset code is mailed
 * when one does), 400 when it is no address.
 */
void
handle_reset_password(struct request *r)
{
	const char	*email;
	enum outcome	 rc;

	if (invalid(r, validate_reset_request(r->json, r->arena, &email,
	    &r->fe)))
		return;
	rc = account_request_reset(r->app->db, r->arena, email,
	    r->app->conf->auth_reset_ttl_seconds);
	if (rc != OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	response_detail(r, 200, "If an account has this e-mail address, a "
	    "reset code is on its way to it.");
}

/*
 * POST /v2/mentor/confirm-password/ and /auth/confirm-password {token,
 * new_password, check_new_password}: the new password, every session of
 * the account ended.  401 for a code that is unknown, used or expired,
 * counted like failed logins from the address (429 past the limit).
 */
void
handle_confirm_password(struct request *r)
{
	struct password_params	 params;
	const struct conf	*c = r->app->conf;
	const char		*code, *new_password;
	char			 hash[PASSWORD_HASH_MAX];
	int64_t			 now = time_now_us(), user_id;
	unsigned		 wait;
	enum outcome		 rc;

	if (invalid(r, validate_reset_confirm(r->json, r->arena, &code,
	    &new_password, &r->fe)))
		return;
	if ((rc = throttle_check(r->app->db, c, RESET_THROTTLE_KEY,
	    r->remote_addr, now, &wait)) != OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	if (wait > 0) {
		response_throttled(r, wait);
		return;
	}
	password_params_from_conf(&params, c);
	if (password_hash(&params, new_password, hash) == -1) {
		response_internal_error(r);
		return;
	}
	rc = account_reset_password(r->app->db, code, hash, &user_id);
	explicit_bzero(hash, sizeof(hash));
	if (rc == OUTCOME_NOT_FOUND) {
		(void)throttle_record_failure(r->app->db, c, RESET_THROTTLE_KEY,
		    r->remote_addr, now);
		response_unauthorized(r, "Reset code is incorrect or has "
		    "expired.");
		return;
	}
	if (rc != OUTCOME_OK) {
		respond_outcome(r, rc);
		return;
	}
	response_detail(r, 200, "Password changed.");
}
