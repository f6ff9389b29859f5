/*
 * /mentor/mentee and /mentor/mentor: accounts, for superusers only (the
 * route table enforces it).  POST creates the user and the mentee or
 * mentor in one transaction; password is write-only and stored as
 * argon2id; contact_number is validated and stored in E.164.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "auth/password.h"
#include "core/json.h"
#include "core/log.h"
#include "core/phone.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "models/mentee.h"
#include "models/mentor.h"

#define NAME_MAX_LEN		150
#define EMAIL_MAX_LEN		254
#define PASSWORD_MIN_LEN	8
#define PROFILE_SHORT_MAX	255
#define PROFILE_LONG_MAX	4000

/* The validated body of a mentee or mentor. */
struct person_input {
	struct user	 user;
	const char	*password;	/* NULL: keep the current one */
	char		 contact[PHONE_E164_LEN];
	char		 hash[PASSWORD_HASH_MAX];
};

static bool
username_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("@.+-_", *s) == NULL &&
		    (unsigned char)*s < 0x80)
			return false;
	return true;
}

static bool
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strpbrk(s, " \t\r\n") == NULL;
}

/*
 * Reads the account fields of r's body into in.  old is NULL when
 * creating (password required, omitted fields empty); when updating,
 * omitted optional fields keep old's values, as DRF's PUT does.  Errors
 * go to fe; returns -1 when there are any.
 */
static int
person_validate(struct request *r, const struct user *old,
    struct person_input *in, struct field_errors *fe)
{
	struct user	*u = &in->user;
	const char	*contact = NULL;
	bool		 creating = old == NULL;

	memset(in, 0, sizeof(*in));
	u->first_name = u->last_name = u->email = u->external_id = "";
	if (old != NULL) {
		u->first_name = old->first_name;
		u->last_name = old->last_name;
		u->email = old->email;
		u->external_id = old->external_id;
	}
	if (!cJSON_IsObject(r->json)) {
		field_errors_add(fe, "non_field_errors",
		    "Invalid data. Expected a dictionary.");
		return -1;
	}
	if (json_read_string(r->json, "username", JSON_REQUIRED, NAME_MAX_LEN,
	    r->arena, &u->username, fe) == 1 && !username_ok(u->username))
		field_errors_add(fe, "username", "Enter a valid username. This "
		    "value may contain only letters, numbers, and @/./+/-/_ "
		    "characters.");
	json_read_string(r->json, "first_name", JSON_ALLOW_BLANK, NAME_MAX_LEN,
	    r->arena, &u->first_name, fe);
	json_read_string(r->json, "last_name", JSON_ALLOW_BLANK, NAME_MAX_LEN,
	    r->arena, &u->last_name, fe);
	if (json_read_string(r->json, "email", JSON_ALLOW_BLANK, EMAIL_MAX_LEN,
	    r->arena, &u->email, fe) == 1 && *u->email != '\0' &&
	    !email_ok(u->email))
		field_errors_add(fe, "email", "Enter a valid email address.");
	json_read_string(r->json, "external_id", JSON_ALLOW_BLANK, 255,
	    r->arena, &u->external_id, fe);
	if (json_read_string(r->json, "password", creating ? JSON_REQUIRED : 0,
	    PASSWORD_MAX_LEN, r->arena, &in->password, fe) == 1 &&
	    strlen(in->password) < PASSWORD_MIN_LEN)
		field_errors_add(fe, "password",
		    "Ensure this field has at least 8 characters.");
	if (json_read_string(r->json, "contact_number", JSON_REQUIRED, 32,
	    r->arena, &contact, fe) == 1) {
		if (phone_normalize(contact, in->contact) == -1)
			field_errors_add(fe, "contact_number",
			    "Enter a valid phone number.");
		else
			u->contact_number = in->contact;
	}
	return field_errors_any(fe) ? -1 : 0;
}

/* Hashes in->password, if any, into in->hash.  0 or -1 (answered 500). */
static int
person_hash_password(struct request *r, struct person_input *in)
{
	struct password_params	p;

	if (in->password == NULL)
		return 0;
	password_params_from_conf(&p, r->app->conf);
	if (password_hash(&p, in->password, in->hash) == -1) {
		response_internal_error(r);
		return -1;
	}
	in->user.password_hash = in->hash;
	return 0;
}

/*
 * Answers a failed write: 400 with the field a unique key names, or the
 * database error.
 */
static void
respond_write_error(struct request *r, int rc)
{
	const char	*err = db_last_error(r->app->db);
	struct field_errors fe;

	if (rc != DB_DUPLICATE) {
		response_db_error(r, rc);
		return;
	}
	field_errors_init(&fe);
	if (strstr(err, "users_contact_number") != NULL)
		field_errors_add(&fe, "contact_number",
		    "A user with that contact number already exists.");
	else
		field_errors_add(&fe, "username",
		    "A user with that username already exists.");
	response_json(r, 400, field_errors_take(&fe));
}

/* Stores the account fields (and the password, if given) of in. */
static int
person_update_tx(struct db *db, int64_t id, struct person_input *in)
{
	int	rc;

	in->user.id = id;
	if ((rc = user_update(db, &in->user)) < 0)
		return rc;
	if (in->password != NULL &&
	    (rc = user_set_password_hash(db, id, in->hash)) < 0)
		return rc;
	return DB_OK;
}

static void
respond_invalid(struct request *r, struct field_errors *fe)
{
	response_json(r, 400, field_errors_take(fe));
}

/* ---- mentees ---- */

static int
mentee_count_all(struct request *r, int64_t *n)
{
	return mentee_count(r->app->db, n);
}

static int
mentee_fetch(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct mentee	*list;
	size_t		 n;
	int		 rc;

	if ((rc = mentee_list(r->app->db, r->arena, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_mentee_admin(&list[i]));
	return DB_OK;
}

/* GET /mentor/mentee: every mentee, paginated. */
void
handle_mentee_list(struct request *r)
{
	respond_list(r, mentee_count_all, mentee_fetch);
}

/* Answers 200/201 with mentee id, or 404. */
static void
respond_mentee(struct request *r, int64_t id, int status)
{
	struct mentee	m;
	int		rc;

	if ((rc = mentee_get(r->app->db, r->arena, id, &m)) == 1)
		response_json(r, status, render_mentee_admin(&m));
	else if (rc == 0)
		response_not_found(r);
	else
		response_db_error(r, rc);
}

/* POST /mentor/mentee: 201 with the mentee, 400 with field errors. */
void
handle_mentee_create(struct request *r)
{
	struct person_input	in;
	struct field_errors	fe;
	struct db		*db = r->app->db;
	int64_t			 id = 0;
	int			 rc;

	field_errors_init(&fe);
	if (person_validate(r, NULL, &in, &fe) == -1) {
		respond_invalid(r, &fe);
		return;
	}
	if (person_hash_password(r, &in) == -1)
		return;
	if ((rc = db_begin(db)) == DB_OK)
		rc = db_finish(db, mentee_create(db, &in.user, &id));
	explicit_bzero(in.hash, sizeof(in.hash));
	if (rc != DB_OK) {
		respond_write_error(r, rc);
		return;
	}
	log_info("mentee %lld created", (long long)id);
	respond_mentee(r, id, 201);
}

/* GET /mentor/mentee/{id} */
void
handle_mentee_get(struct request *r)
{
	respond_mentee(r, r->ids[0], 200);
}

/* PUT /mentor/mentee/{id}: the same fields as POST; password optional. */
void
handle_mentee_update(struct request *r)
{
	struct person_input	in;
	struct field_errors	fe;
	struct mentee		m;
	struct db		*db = r->app->db;
	int			 rc;

	if ((rc = mentee_get(db, r->arena, r->ids[0], &m)) != 1) {
		if (rc == 0)
			response_not_found(r);
		else
			response_db_error(r, rc);
		return;
	}
	field_errors_init(&fe);
	if (person_validate(r, &m.user, &in, &fe) == -1) {
		respond_invalid(r, &fe);
		return;
	}
	if (person_hash_password(r, &in) == -1)
		return;
	if ((rc = db_begin(db)) == DB_OK)
		rc = db_finish(db, person_update_tx(db, m.user.id, &in));
	explicit_bzero(in.hash, sizeof(in.hash));
	if (rc != DB_OK) {
		respond_write_error(r, rc);
		return;
	}
	respond_mentee(r, m.user.id, 200);
}

/* ---- mentors ---- */

/*
 * The mentor-only fields: mentee and the profile; omitted profile fields
 * keep old's values when updating (old NULL: creating).
 */
static int
mentor_validate(struct request *r, const struct mentor *old, struct mentor *m,
    struct field_errors *fe)
{
	struct mentor_profile	*p = &m->profile;
	struct mentee		 mentee;
	int64_t			 mentee_id;
	int			 rc;

	p->profile_pic = p->job_title = p->job_sector = p->motivation =
	    p->inspiration = p->tags = p->skills = "";
	if (old != NULL)
		*p = old->profile;
	if (json_read_int(r->json, "mentee", JSON_REQUIRED, 1, INT64_MAX,
	    &mentee_id, fe) == 1) {
		if ((rc = mentee_get(r->app->db, r->arena, mentee_id,
		    &mentee)) < 0)
			return rc;
		if (rc == 0)
			field_errors_add(fe, "mentee", arena_printf(r->arena,
			    "Invalid pk \"%lld\" - object does not exist.",
			    (long long)mentee_id));
		m->mentee_id = mentee_id;
	}
	json_read_string(r->json, "profile_pic", JSON_ALLOW_BLANK |
	    JSON_NULLABLE, PROFILE_SHORT_MAX, r->arena, &p->profile_pic, fe);
	json_read_string(r->json, "job_title", JSON_ALLOW_BLANK | JSON_NULLABLE,
	    PROFILE_SHORT_MAX, r->arena, &p->job_title, fe);
	json_read_string(r->json, "job_sector", JSON_ALLOW_BLANK |
	    JSON_NULLABLE, PROFILE_SHORT_MAX, r->arena, &p->job_sector, fe);
	json_read_string(r->json, "motivation", JSON_ALLOW_BLANK |
	    JSON_NULLABLE, PROFILE_LONG_MAX, r->arena, &p->motivation, fe);
	json_read_string(r->json, "inspiration", JSON_ALLOW_BLANK |
	    JSON_NULLABLE, PROFILE_LONG_MAX, r->arena, &p->inspiration, fe);
	json_read_string(r->json, "tags", JSON_ALLOW_BLANK | JSON_NULLABLE,
	    PROFILE_SHORT_MAX, r->arena, &p->tags, fe);
	json_read_string(r->json, "skills", JSON_ALLOW_BLANK | JSON_NULLABLE,
	    PROFILE_LONG_MAX, r->arena, &p->skills, fe);
	/* The FCM registration token of the mentor's phone: write-only;
	 * left out, it stays as it is. */
	m->android_registration_token = NULL;
	json_read_string(r->json, "android_registration_token",
	    JSON_ALLOW_BLANK | JSON_NULLABLE, 4096, r->arena,
	    &m->android_registration_token, fe);
	return DB_OK;
}

static int
mentor_count_all(struct request *r, int64_t *n)
{
	return mentor_count(r->app->db, n);
}

static int
mentor_fetch(struct request *r, int64_t offset, int64_t limit, cJSON *out)
{
	struct mentor	*list;
	size_t		 n;
	int		 rc;

	if ((rc = mentor_list(r->app->db, r->arena, offset, limit, &list,
	    &n)) != DB_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(out, render_mentor_admin(&list[i]));
	return DB_OK;
}

/* GET /mentor/mentor: every mentor, paginated. */
void
handle_mentor_list(struct request *r)
{
	respond_list(r, mentor_count_all, mentor_fetch);
}

static void
respond_mentor(struct request *r, int64_t id, int status)
{
	struct mentor	m;
	int		rc;

	if ((rc = mentor_get(r->app->db, r->arena, id, &m)) == 1)
		response_json(r, status, render_mentor_admin(&m));
	else if (rc == 0)
		response_not_found(r);
	else
		response_db_error(r, rc);
}

/*
 * Validates a mentor body into in and m (old: the mentor updated, or NULL
 * when creating).  0, or -1 (answered).
 */
static int
mentor_body(struct request *r, const struct mentor *old,
    struct person_input *in, struct mentor *m)
{
	struct field_errors	fe;
	int			rc;

	field_errors_init(&fe);
	memset(m, 0, sizeof(*m));
	(void)person_validate(r, old != NULL ? &old->user : NULL, in, &fe);
	if (cJSON_IsObject(r->json) &&
	    (rc = mentor_validate(r, old, m, &fe)) != DB_OK) {
		field_errors_release(&fe);
		response_db_error(r, rc);
		return -1;
	}
	if (field_errors_any(&fe)) {
		respond_invalid(r, &fe);
		return -1;
	}
	return person_hash_password(r, in);
}

/* POST /mentor/mentor: 201 with the mentor, 400 with field errors. */
void
handle_mentor_create(struct request *r)
{
	struct person_input	in;
	struct mentor		m;
	struct db		*db = r->app->db;
	int64_t			 id = 0;
	int			 rc;

	if (mentor_body(r, NULL, &in, &m) == -1)
		return;
	m.user = in.user;
	if ((rc = db_begin(db)) == DB_OK)
		rc = db_finish(db, mentor_create(db, &m, &id));
	explicit_bzero(in.hash, sizeof(in.hash));
	if (rc != DB_OK) {
		respond_write_error(r, rc);
		return;
	}
	log_info("mentor %lld created for mentee %lld", (long long)id,
	    (long long)m.mentee_id);
	respond_mentor(r, id, 201);
}

/* GET /mentor/mentor/{id} */
void
handle_mentor_get(struct request *r)
{
	respond_mentor(r, r->ids[0], 200);
}

/* PUT /mentor/mentor/{id}: the same fields as POST; password optional. */
void
handle_mentor_update(struct request *r)
{
	struct person_input	in;
	struct mentor		m, old;
	struct db		*db = r->app->db;
	int			 rc;

	if ((rc = mentor_get(db, r->arena, r->ids[0], &old)) != 1) {
		if (rc == 0)
			response_not_found(r);
		else
			response_db_error(r, rc);
		return;
	}
	if (mentor_body(r, &old, &in, &m) == -1)
		return;
	m.user = in.user;
	m.user.id = old.user.id;
	if (m.android_registration_token == NULL)
		m.android_registration_token = old.android_registration_token;
	if ((rc = db_begin(db)) == DB_OK) {
		if ((rc = person_update_tx(db, old.user.id, &in)) == DB_OK &&
		    (rc = mentor_update(db, &m)) > 0)
			rc = DB_OK;
		rc = db_finish(db, rc);
	}
	explicit_bzero(in.hash, sizeof(in.hash));
	if (rc != DB_OK) {
		respond_write_error(r, rc);
		return;
	}
	respond_mentor(r, old.user.id, 200);
}
