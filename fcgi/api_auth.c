#include "config.h"

#include <string.h>

#include "auth/password.h"
#include "core/json.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"

#define PASSWORD_MIN_LEN	8

/* The account as /auth/me and the session endpoints show it. */
static cJSON *
render_account(const struct user *u)
{
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", u->id);
	cJSON_AddStringToObject(o, "username", u->username);
	cJSON_AddStringToObject(o, "email", u->email);
	cJSON_AddStringToObject(o, "first_name", u->first_name);
	cJSON_AddStringToObject(o, "last_name", u->last_name);
	cJSON_AddBoolToObject(o, "is_superuser", u->is_superuser);
	cJSON_AddStringToObject(o, "role", user_role_names[u->role]);
	return o;
}

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
	struct field_errors	 fe;
	struct session		 s;
	cJSON			*answer;
	const char		*login = NULL, *password = NULL;
	unsigned		 ttl = r->app->conf->auth_session_ttl_seconds;
	int			 rc;

	field_errors_init(&fe);
	json_read_string(r->json, "username", JSON_REQUIRED, 254, r->arena,
	    &login, &fe);
	json_read_string(r->json, "password", JSON_REQUIRED, PASSWORD_MAX_LEN,
	    r->arena, &password, &fe);
	if (field_errors_any(&fe)) {
		response_json(r, 400, field_errors_take(&fe));
		return;
	}
	if (app_check_password(r->app, r, login, password) == -1)
		return;
	if ((rc = session_create(r->app->db, r->user.id, ttl, &s)) != DB_OK) {
		response_db_error(r, rc);
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
	int		rc = 0;

	if (r->session_token != NULL)
		rc = session_find(r->app->db, r->arena, r->session_token,
		    time_now_us(), &s, &u);
	if (rc < 0) {
		response_db_error(r, rc);
		return;
	}
	if (rc == 1 && !session_csrf_ok(&s, r->csrf_token)) {
		response_detail(r, 403,
		    "CSRF Failed: CSRF token missing or incorrect.");
		return;
	}
	if (rc == 1 && (rc = session_delete(r->app->db, r->session_token)) !=
	    DB_OK) {
		response_db_error(r, rc);
		return;
	}
	session_cookie(r, NULL, 0);
	response_json(r, 204, NULL);
}

/* The validated body of POST /auth/password. */
struct password_change {
	const char	*current_password;
	const char	*new_password;
};

static int
password_change_validate(struct request *r, struct password_change *pc,
    struct field_errors *fe)
{
	json_read_string(r->json, "current_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, r->arena, &pc->current_password, fe);
	if (json_read_string(r->json, "new_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, r->arena, &pc->new_password, fe) == 1 &&
	    strlen(pc->new_password) < PASSWORD_MIN_LEN)
		field_errors_add(fe, "new_password",
		    "Ensure this field has at least 8 characters.");
	return field_errors_any(fe) ? -1 : 0;
}

/* What password_store() writes in one transaction. */
struct password_store {
	int64_t		 user_id;
	const char	*hash;
	bool		 renew;		/* made with a session cookie */
	unsigned	 session_ttl;
	struct session	 renewed;	/* its successor, when there was one */
};

/*
 * Stores the new hash and ends every session of the account, the one
 * making the change too (any left would be refused anyway: each was
 * created before password_changed_at).  A console that makes the change
 * gets a new session in the same transaction: the password never changes
 * without it, and that browser stays logged in.
 */
static int
password_store(struct db *db, void *arg)
{
	struct password_store	*ps = arg;
	int			 rc;

	/* 0: the account was deleted since this request authenticated. */
	if ((rc = user_set_password_hash(db, ps->user_id, ps->hash)) <= 0)
		return rc < 0 ? rc : DB_ERROR;
	if ((rc = session_delete_all(db, ps->user_id)) != DB_OK ||
	    !ps->renew)
		return rc;
	return session_create(db, ps->user_id, ps->session_ttl, &ps->renewed);
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
	struct password_change	 pc = { 0 };
	struct password_params	 params;
	struct password_store	 ps = { 0 };
	struct field_errors	 fe;
	char			 hash[PASSWORD_HASH_MAX];
	cJSON			*answer;
	int			 rc;

	field_errors_init(&fe);
	if (password_change_validate(r, &pc, &fe) == -1)
		goto invalid;
	if (password_verify(r->user.password_hash, pc.current_password) != 1) {
		field_errors_add(&fe, "current_password", "Wrong password.");
		goto invalid;
	}
	password_params_from_conf(&params, r->app->conf);
	if (password_hash(&params, pc.new_password, hash) == -1) {
		response_internal_error(r);
		return;
	}
	ps.user_id = r->user.id;
	ps.hash = hash;
	ps.renew = r->session != NULL;
	ps.session_ttl = r->app->conf->auth_session_ttl_seconds;
	rc = db_transaction(r->app->db, password_store, &ps);
	explicit_bzero(hash, sizeof(hash));
	if (rc != DB_OK) {
		response_db_error(r, rc);
		return;
	}
	log_info("user %lld changed their password", (long long)r->user.id);
	answer = cJSON_CreateObject();
	cJSON_AddStringToObject(answer, "detail", "Password changed.");
	if (ps.renew)
		session_opened(r, &ps.renewed, ps.session_ttl, answer);
	response_json(r, 200, answer);
	return;
invalid:
	response_json(r, 400, field_errors_take(&fe));
}
