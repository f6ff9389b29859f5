#include "config.h"

#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "models/outbox.h"
#include "models/password_reset.h"
#include "services/accounts.h"

/* What one of the account transactions works on. */
struct account_tx {
	struct arena			*a;
	const struct account_input	*in;
	const struct mentor_input	*mentor_in;	/* mentors only */
	const char			*hash;	/* of in->password, or NULL */
	int64_t				 id;	/* the account updated */
	struct mentee			*mentee;	/* the result */
	struct mentor			*mentor;
	struct outcome_detail		*d;
};

/* The given fields of in, over u. */
static void
account_merge(struct user *u, const struct account_input *in)
{
	if (in->username != NULL)
		u->username = in->username;
	if (in->first_name != NULL)
		u->first_name = in->first_name;
	if (in->last_name != NULL)
		u->last_name = in->last_name;
	if (in->email != NULL)
		u->email = in->email;
	if (in->external_id != NULL)
		u->external_id = in->external_id;
	if (in->contact_number != NULL)
		u->contact_number = in->contact_number;
}

/* The user a create starts from: in, every other field empty. */
static void
account_new(struct user *u, const struct account_input *in, const char *hash)
{
	memset(u, 0, sizeof(*u));
	u->first_name = u->last_name = u->email = u->external_id = "";
	account_merge(u, in);
	u->password_hash = hash;
	u->is_active = true;
}

/*
 * A write of u failed with OUTCOME_CONFLICT: says which key is taken.
 * When none is any more (the other transaction rolled back), OUTCOME_BUSY
 * has db_transaction() run the whole again.
 */
static enum outcome
account_conflict(struct db *db, const struct user *u,
    struct outcome_detail *d)
{
	const char	*field;
	enum outcome	 rc;

	if ((rc = user_taken_key(db, u, &field)) != OUTCOME_OK)
		return rc;
	if (field == NULL)
		return OUTCOME_BUSY;
	return outcome_fail(d, OUTCOME_CONFLICT, field,
	    "A user with that %s already exists.",
	    strcmp(field, "contact_number") == 0 ? "contact number" : field);
}

/* A failed write of u: explained when it was a unique key. */
static enum outcome
account_write_failed(struct db *db, const struct user *u, enum outcome rc,
    struct outcome_detail *d)
{
	return rc == OUTCOME_CONFLICT ? account_conflict(db, u, d) : rc;
}

/* The new password, when there is one, in the same transaction. */
static enum outcome
account_store_password(struct db *db, int64_t id, const char *hash)
{
	enum outcome	rc;

	if (hash == NULL)
		return OUTCOME_OK;
	if ((rc = user_set_password_hash(db, id, hash)) != OUTCOME_OK)
		return rc;
	return session_delete_all(db, id);
}

/*
 * Hashes password (NULL: none) into hash before any transaction.
 * OUTCOME_OK with *out set (NULL without a password), or OUTCOME_ERROR.
 */
static enum outcome
account_hash(const struct password_params *pp, const char *password,
    char hash[PASSWORD_HASH_MAX], const char **out)
{
	*out = NULL;
	if (password == NULL)
		return OUTCOME_OK;
	if (password_hash(pp, password, hash) == -1) {
		log_error("accounts: cannot hash a password");
		return OUTCOME_ERROR;
	}
	*out = hash;
	return OUTCOME_OK;
}

/* Runs fn on t in a transaction, with the password of in hashed first. */
static enum outcome
account_run(struct db *db, const struct password_params *pp,
    enum outcome (*fn)(struct db *, void *), struct account_tx *t)
{
	char		hash[PASSWORD_HASH_MAX];
	enum outcome	rc;

	if ((rc = account_hash(pp, t->in->password, hash, &t->hash)) ==
	    OUTCOME_OK)
		rc = db_transaction(db, fn, t);
	explicit_bzero(hash, sizeof(hash));
	return rc;
}

/* ---- mentees ---- */

static enum outcome
mentee_create_tx(struct db *db, void *arg)
{
	struct account_tx	*t = arg;
	struct user		 u;
	int64_t			 id = 0;
	enum outcome		 rc;

	account_new(&u, t->in, t->hash);
	if ((rc = mentee_create(db, &u, &id)) != OUTCOME_OK)
		return account_write_failed(db, &u, rc, t->d);
	return mentee_get(db, t->a, id, t->mentee);
}

static enum outcome
mentee_update_tx(struct db *db, void *arg)
{
	struct account_tx	*t = arg;
	struct user		*u = &t->mentee->user;
	enum outcome		 rc;

	if ((rc = mentee_get(db, t->a, t->id, t->mentee)) != OUTCOME_OK)
		return rc;
	account_merge(u, t->in);
	if ((rc = user_update(db, u)) != OUTCOME_OK)
		return account_write_failed(db, u, rc, t->d);
	return account_store_password(db, u->id, t->hash);
}

enum outcome
account_create_mentee(struct db *db, struct arena *a,
    const struct password_params *pp, const struct account_input *in,
    struct mentee *out, struct outcome_detail *d)
{
	struct account_tx	t = { .a = a, .in = in, .mentee = out, .d = d };
	enum outcome		rc;

	if ((rc = account_run(db, pp, mentee_create_tx, &t)) == OUTCOME_OK)
		log_info("mentee %lld created", (long long)out->user.id);
	return rc;
}

enum outcome
account_update_mentee(struct db *db, struct arena *a,
    const struct password_params *pp, int64_t id,
    const struct account_input *in, struct mentee *out,
    struct outcome_detail *d)
{
	struct account_tx	t = { .a = a, .in = in, .id = id, .mentee = out,
				    .d = d };

	return account_run(db, pp, mentee_update_tx, &t);
}

/* ---- mentors ---- */

/* The mentee a mentor is linked to must exist. */
static enum outcome
account_check_mentee(struct db *db, struct arena *a, int64_t mentee_id,
    struct outcome_detail *d)
{
	struct mentee	m;
	enum outcome	rc;

	if ((rc = mentee_get(db, a, mentee_id, &m)) == OUTCOME_NOT_FOUND)
		return outcome_fail(d, OUTCOME_INVALID, "mentee",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)mentee_id);
	return rc;
}

/* The given profile fields and token of in, over m. */
static void
mentor_merge(struct mentor *m, const struct mentor_input *in)
{
	const struct mentor_profile	*n = &in->profile;
	struct mentor_profile		*p = &m->profile;

	account_merge(&m->user, &in->account);
	if (in->mentee_id != 0)
		m->mentee_id = in->mentee_id;
	if (n->profile_pic != NULL)
		p->profile_pic = n->profile_pic;
	if (n->job_title != NULL)
		p->job_title = n->job_title;
	if (n->job_sector != NULL)
		p->job_sector = n->job_sector;
	if (n->motivation != NULL)
		p->motivation = n->motivation;
	if (n->inspiration != NULL)
		p->inspiration = n->inspiration;
	if (n->tags != NULL)
		p->tags = n->tags;
	if (n->skills != NULL)
		p->skills = n->skills;
	if (in->android_registration_token != NULL)
		m->android_registration_token = in->android_registration_token;
}

static enum outcome
mentor_create_tx(struct db *db, void *arg)
{
	struct account_tx	*t = arg;
	struct mentor		 m;
	int64_t			 id = 0;
	enum outcome		 rc;

	if ((rc = account_check_mentee(db, t->a, t->mentor_in->mentee_id,
	    t->d)) != OUTCOME_OK)
		return rc;
	memset(&m, 0, sizeof(m));
	account_new(&m.user, t->in, t->hash);
	mentor_merge(&m, t->mentor_in);
	if ((rc = mentor_create(db, &m, &id)) != OUTCOME_OK)
		return account_write_failed(db, &m.user, rc, t->d);
	return mentor_get(db, t->a, id, t->mentor);
}

static enum outcome
mentor_update_tx(struct db *db, void *arg)
{
	struct account_tx	*t = arg;
	struct mentor		*m = t->mentor;
	enum outcome		 rc;

	if ((rc = mentor_get_for_update(db, t->a, t->id, m)) != OUTCOME_OK)
		return rc;
	if (t->mentor_in->mentee_id != 0 && (rc = account_check_mentee(db,
	    t->a, t->mentor_in->mentee_id, t->d)) != OUTCOME_OK)
		return rc;
	mentor_merge(m, t->mentor_in);
	if ((rc = user_update(db, &m->user)) != OUTCOME_OK)
		return account_write_failed(db, &m->user, rc, t->d);
	if ((rc = mentor_update(db, m)) != OUTCOME_OK)
		return rc;
	return account_store_password(db, m->user.id, t->hash);
}

enum outcome
account_create_mentor(struct db *db, struct arena *a,
    const struct password_params *pp, const struct mentor_input *in,
    struct mentor *out, struct outcome_detail *d)
{
	struct account_tx	t = { .a = a, .in = &in->account,
				    .mentor_in = in, .mentor = out, .d = d };
	enum outcome		rc;

	if ((rc = account_run(db, pp, mentor_create_tx, &t)) == OUTCOME_OK)
		log_info("mentor %lld created for mentee %lld",
		    (long long)out->user.id, (long long)out->mentee_id);
	return rc;
}

enum outcome
account_update_mentor(struct db *db, struct arena *a,
    const struct password_params *pp, int64_t id,
    const struct mentor_input *in, struct mentor *out,
    struct outcome_detail *d)
{
	struct account_tx	t = { .a = a, .in = &in->account,
				    .mentor_in = in, .id = id, .mentor = out,
				    .d = d };

	return account_run(db, pp, mentor_update_tx, &t);
}

static enum outcome
own_profile_tx(struct db *db, void *arg)
{
	struct account_tx	*t = arg;
	struct mentor		*m = t->mentor;
	enum outcome		 rc;

	if ((rc = mentor_get_for_update(db, t->a, t->id, m)) != OUTCOME_OK)
		return rc;
	/* Only the profile and the token: the account is the admin's. */
	mentor_merge(m, t->mentor_in);
	return mentor_update(db, m);
}

enum outcome
account_update_own_profile(struct db *db, struct arena *a, int64_t mentor_id,
    const struct mentor_input *in, struct mentor *out)
{
	struct mentor_input	only = *in;
	struct account_tx	t = { .a = a, .in = &only.account,
				    .mentor_in = &only, .id = mentor_id,
				    .mentor = out };

	memset(&only.account, 0, sizeof(only.account));
	only.mentee_id = 0;
	return db_transaction(db, own_profile_tx, &t);
}

/* ---- administrators and provider accounts ---- */

enum outcome
account_create_staff(struct db *db, const struct password_params *pp,
    enum user_role role, const char *username, const char *email,
    const char *password, int64_t *id, struct outcome_detail *d)
{
	struct account_input	in = { .username = username, .email = email,
				    .password = password };
	char			hash[PASSWORD_HASH_MAX];
	struct user		u;
	enum outcome		rc;

	if ((rc = account_hash(pp, password, hash, &u.password_hash)) !=
	    OUTCOME_OK)
		return rc;
	account_new(&u, &in, hash);
	u.role = role;
	u.is_superuser = role == USER_ROLE_ADMIN;
	if ((rc = db_begin(db)) == OUTCOME_OK) {
		rc = user_create(db, &u, id);
		rc = db_finish(db, account_write_failed(db, &u, rc, d));
	}
	explicit_bzero(hash, sizeof(hash));
	return rc;
}

/* ---- passwords ---- */

struct password_tx {
	int64_t		 user_id;
	const char	*hash;
	unsigned	 ttl;
	struct session	*renewed;
};

static enum outcome
password_tx(struct db *db, void *arg)
{
	struct password_tx	*t = arg;
	enum outcome		 rc;

	if ((rc = account_store_password(db, t->user_id, t->hash)) !=
	    OUTCOME_OK || t->renewed == NULL)
		return rc;
	return session_create(db, t->user_id, t->ttl, t->renewed);
}

enum outcome
account_set_password(struct db *db, int64_t user_id, const char *hash,
    unsigned ttl, struct session *renewed)
{
	struct password_tx	t = { user_id, hash, ttl, renewed };

	return db_transaction(db, password_tx, &t);
}

/* ---- forgotten passwords ---- */

struct reset_tx {
	struct arena	*a;
	const char	*email;
	unsigned	 ttl;
	const char	*code;
	const char	*hash;
	int64_t		 user_id;
};

static enum outcome
request_reset_tx(struct db *db, void *arg)
{
	struct reset_tx	*t = arg;
	int64_t		 now = time_now_us(), recent, id;
	struct user	 u;
	enum outcome	 rc;
	cJSON		*payload;

	rc = user_get_by_login(db, t->a, user_login_normalize(t->a, t->email),
	    &u);
	if (rc == OUTCOME_NOT_FOUND || (rc == OUTCOME_OK && !u.is_active))
		return OUTCOME_OK;
	if (rc != OUTCOME_OK || (rc = password_reset_count_since(db, u.id,
	    now - 3600 * TIME_US, &recent)) != OUTCOME_OK)
		return rc;
	if (recent >= RESET_MAX_PER_HOUR) {
		log_info("password reset of user %lld not sent: %lld in the "
		    "last hour", (long long)u.id, (long long)recent);
		return OUTCOME_OK;
	}
	if ((rc = password_reset_insert(db, u.id, now,
	    now + (int64_t)t->ttl * TIME_US, &id)) != OUTCOME_OK)
		return rc;
	if ((payload = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(payload, "reset_id", (double)id) == NULL) {
		cJSON_Delete(payload);
		return OUTCOME_ERROR;
	}
	if ((rc = outbox_enqueue_json(db, OUTBOX_EMAIL, 0, u.id, payload)) ==
	    OUTCOME_OK)
		log_info("password reset %lld of user %lld queued", (long long)id,
		    (long long)u.id);
	return rc;
}

enum outcome
account_request_reset(struct db *db, struct arena *a, const char *email,
    unsigned ttl)
{
	struct reset_tx	t = { .a = a, .email = email, .ttl = ttl };

	return db_transaction(db, request_reset_tx, &t);
}

static enum outcome
reset_password_tx(struct db *db, void *arg)
{
	struct reset_tx	*t = arg;
	int64_t		 now = time_now_us();
	enum outcome	 rc;

	if ((rc = password_reset_find_open(db, t->code, now, &t->user_id)) !=
	    OUTCOME_OK ||
	    (rc = password_reset_use_all(db, t->user_id, now)) != OUTCOME_OK)
		return rc;
	return account_store_password(db, t->user_id, t->hash);
}

enum outcome
account_reset_password(struct db *db, const char *code, const char *hash,
    int64_t *user_id)
{
	struct reset_tx	t = { .hash = hash };
	char		normal[RESET_CODE_SIZE];
	enum outcome	rc;

	if (password_reset_normalize(code, normal) == -1)
		return OUTCOME_NOT_FOUND;
	t.code = normal;
	if ((rc = db_transaction(db, reset_password_tx, &t)) == OUTCOME_OK) {
		*user_id = t.user_id;
		log_info("user %lld set a new password with a reset code",
		    (long long)t.user_id);
	}
	return rc;
}
