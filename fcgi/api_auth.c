#include "config.h"

#include <string.h>

#include "auth/password.h"
#include "core/json.h"
#include "core/log.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"

#define PASSWORD_MIN_LEN	8

/*
 * GET /auth/me: the authenticated account.  200 with id, username, email,
 * first_name, last_name, is_superuser, role.
 */
void
handle_auth_me(struct request *r)
{
	const struct user	*u = &r->user;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", u->id);
	cJSON_AddStringToObject(o, "username", u->username);
	cJSON_AddStringToObject(o, "email", u->email);
	cJSON_AddStringToObject(o, "first_name", u->first_name);
	cJSON_AddStringToObject(o, "last_name", u->last_name);
	cJSON_AddBoolToObject(o, "is_superuser", u->is_superuser);
	cJSON_AddStringToObject(o, "role", user_role_names[u->role]);
	response_json(r, 200, o);
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

/*
 * POST /auth/password {"current_password", "new_password"}: changes the
 * authenticated account's password.  200, 400 with field errors (wrong
 * current password, new one too short), 503.  Every cached credential of
 * the old password stops working at once.
 */
void
handle_auth_password(struct request *r)
{
	struct password_change	 pc = { 0 };
	struct password_params	 params;
	struct field_errors	 fe;
	char			 hash[PASSWORD_HASH_MAX];
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
	rc = user_set_password_hash(r->app->db, r->user.id, hash);
	explicit_bzero(hash, sizeof(hash));
	if (rc < 0) {
		if (rc == DB_UNAVAILABLE)
			response_unavailable(r);
		else
			response_internal_error(r);
		return;
	}
	log_info("user %lld changed their password", (long long)r->user.id);
	response_detail(r, 200, "Password changed.");
	return;
invalid:
	response_json(r, 400, field_errors_take(&fe));
}
