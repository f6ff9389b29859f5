#include "config.h"

#include <ctype.h>
#include <string.h>

#include "core/timeutil.h"
#include "models/user.h"

const char *const user_role_names[USER_ROLE__MAX] = {
	"admin", "mentor", "mentee", "comms"
};

enum user_stmt {
	USER_STMT_BY_USERNAME,
	USER_STMT_BY_EMAIL,
	USER_STMT_BY_ID,
	USER_STMT_INSERT,
	USER_STMT_SET_PASSWORD,
	USER_STMT_TOUCH_LOGIN,
	USER_STMT_BY_CONTACT,
	USER_STMT_UPDATE,
	USER_STMT_USERNAME_TAKEN,
	USER_STMT_CONTACT_TAKEN,
	USER_STMT__MAX
};

#define USER_COLUMNS	USER_COLUMNS_OF("users")

static const char *const user_sql[USER_STMT__MAX] = {
	[USER_STMT_BY_USERNAME] =
	    "SELECT " USER_COLUMNS " FROM users WHERE username = ?",
	/* LIMIT 2: more than one account with that e-mail is ambiguous. */
	[USER_STMT_BY_EMAIL] =
	    "SELECT " USER_COLUMNS " FROM users WHERE email = ? LIMIT 2",
	[USER_STMT_BY_ID] =
	    "SELECT " USER_COLUMNS " FROM users WHERE id = ?",
	[USER_STMT_INSERT] =
	    "INSERT INTO users (username, email, first_name, last_name,"
	    " password_hash, is_superuser, is_active, role,"
	    " password_changed_at, date_joined, contact_number, external_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	[USER_STMT_SET_PASSWORD] =
	    "UPDATE users SET password_hash = ?, password_changed_at = ?"
	    " WHERE id = ?",
	[USER_STMT_TOUCH_LOGIN] =
	    "UPDATE users SET last_login = ? WHERE id = ?",
	[USER_STMT_BY_CONTACT] =
	    "SELECT " USER_COLUMNS " FROM users WHERE contact_number = ?",
	[USER_STMT_UPDATE] =
	    "UPDATE users SET username = ?, email = ?, first_name = ?,"
	    " last_name = ?, contact_number = ?, external_id = ? WHERE id = ?",
	/* Locking reads see what other transactions committed since ours
	 * began, as the unique index that refused the write did. */
	[USER_STMT_USERNAME_TAKEN] =
	    "SELECT COUNT(*) FROM users WHERE username = ? AND id <> ?"
	    " LOCK IN SHARE MODE",
	[USER_STMT_CONTACT_TAKEN] =
	    "SELECT COUNT(*) FROM users WHERE contact_number = ? AND id <> ?"
	    " LOCK IN SHARE MODE",
};

int
user_role_parse(const char *name, enum user_role *out)
{
	for (int i = 0; i < USER_ROLE__MAX; i++)
		if (strcmp(name, user_role_names[i]) == 0) {
			*out = (enum user_role)i;
			return 0;
		}
	return -1;
}

const char *
user_check_username(const char *s)
{
	/* Django's UnicodeUsernameValidator: \w, @, ., +, - (any letter
	 * outside ASCII counts as one). */
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("@.+-_", *s) == NULL &&
		    (unsigned char)*s < 0x80)
			return "Enter a valid username. This value may contain "
			    "only letters, numbers, and @/./+/-/_ characters.";
	return NULL;
}

const char *
user_login_normalize(struct arena *a, const char *login)
{
	size_t	 n;
	char	*out;

	while (*login == ' ' || *login == '\t')
		login++;
	n = strlen(login);
	while (n > 0 && (login[n - 1] == ' ' || login[n - 1] == '\t'))
		n--;
	if ((out = arena_strndup(a, login, n)) == NULL)
		return login;
	for (char *p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

const char *
user_check_email(const char *s)
{
	const char	*at = strchr(s, '@');

	if (*s == '\0')
		return NULL;
	if (at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strpbrk(s, " \t\r\n") == NULL)
		return NULL;
	return "Enter a valid email address.";
}

void
user_from_row(const struct db_rows *r, size_t row, size_t col,
    struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_rows_int(r, row, col);
	u->username = db_rows_str(r, row, col + 1);
	u->email = db_rows_str(r, row, col + 2);
	u->first_name = db_rows_str(r, row, col + 3);
	u->last_name = db_rows_str(r, row, col + 4);
	u->password_hash = db_rows_str(r, row, col + 5);
	u->is_superuser = db_rows_int(r, row, col + 6) != 0;
	u->is_active = db_rows_int(r, row, col + 7) != 0;
	if (user_role_parse(db_rows_str(r, row, col + 8), &u->role) == -1)
		u->role = USER_ROLE_MENTOR;
	u->password_changed_at = db_rows_time(r, row, col + 9);
	u->date_joined = db_rows_time(r, row, col + 10);
	u->last_login = db_rows_time(r, row, col + 11);
	u->contact_number = db_rows_str(r, row, col + 12);
	u->external_id = db_rows_str(r, row, col + 13);
}

/* Exactly one row, or OUTCOME_NOT_FOUND (none, or an ambiguous two). */
static enum outcome
user_get_one(struct db *db, struct arena *a, enum user_stmt s,
    const struct db_val *arg, struct user *out)
{
	struct db_rows	rows;
	enum outcome	rc;

	if ((rc = db_query(db, user_sql[s], arg, 1, a, &rows)) != OUTCOME_OK)
		return rc;
	if (rows.nrows != 1)
		return OUTCOME_NOT_FOUND;
	user_from_row(&rows, 0, 0, out);
	return OUTCOME_OK;
}

enum outcome
user_get_by_login(struct db *db, struct arena *a, const char *login,
    struct user *out)
{
	struct db_val	arg = DB_STR(login);
	enum outcome	rc;

	rc = user_get_one(db, a, USER_STMT_BY_USERNAME, &arg, out);
	if (rc != OUTCOME_NOT_FOUND || strchr(login, '@') == NULL)
		return rc;
	return user_get_one(db, a, USER_STMT_BY_EMAIL, &arg, out);
}

enum outcome
user_get_by_id(struct db *db, struct arena *a, int64_t id, struct user *out)
{
	struct db_val	arg = DB_INT(id);

	return user_get_one(db, a, USER_STMT_BY_ID, &arg, out);
}

enum outcome
user_create(struct db *db, const struct user *u, int64_t *id)
{
	int64_t		now = time_now_us();
	uint64_t	newid = 0;
	enum outcome	rc;

	rc = db_exec(db, user_sql[USER_STMT_INSERT], DB_ARGS(
	    DB_STR(u->username), DB_STR_OR_EMPTY(u->email),
	    DB_STR_OR_EMPTY(u->first_name),
	    DB_STR_OR_EMPTY(u->last_name),
	    DB_STR(u->password_hash), DB_INT(u->is_superuser),
	    DB_INT(u->is_active), DB_STR(user_role_names[u->role]),
	    DB_TIME(now), DB_TIME(now), DB_STR_OR_NULL(u->contact_number),
	    DB_STR_OR_EMPTY(u->external_id)), NULL, &newid);
	if (rc == OUTCOME_OK)
		*id = (int64_t)newid;
	return rc;
}

enum outcome
user_set_password_hash(struct db *db, int64_t id, const char *hash)
{
	uint64_t	n = 0;
	enum outcome	rc;

	rc = db_exec(db, user_sql[USER_STMT_SET_PASSWORD], DB_ARGS(
	    DB_STR(hash), DB_TIME(time_now_us()), DB_INT(id)), &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
user_touch_login(struct db *db, int64_t id)
{
	return db_exec(db, user_sql[USER_STMT_TOUCH_LOGIN], DB_ARGS(
	    DB_TIME(time_now_us()), DB_INT(id)), NULL, NULL);
}

enum outcome
user_get_by_contact(struct db *db, struct arena *a, const char *e164,
    struct user *out)
{
	struct db_val	arg = DB_STR(e164);

	return user_get_one(db, a, USER_STMT_BY_CONTACT, &arg, out);
}

enum outcome
user_update(struct db *db, const struct user *u)
{
	uint64_t	n = 0;
	enum outcome	rc;

	rc = db_exec(db, user_sql[USER_STMT_UPDATE], DB_ARGS(
	    DB_STR(u->username), DB_STR_OR_EMPTY(u->email),
	    DB_STR_OR_EMPTY(u->first_name),
	    DB_STR_OR_EMPTY(u->last_name),
	    DB_STR_OR_NULL(u->contact_number),
	    DB_STR_OR_EMPTY(u->external_id), DB_INT(u->id)),
	    &n, NULL);
	if (rc != OUTCOME_OK)
		return rc;
	return n > 0 ? OUTCOME_OK : OUTCOME_NOT_FOUND;
}

enum outcome
user_taken_key(struct db *db, const struct user *u, const char **field)
{
	int64_t		n = 0;
	enum outcome	rc;

	*field = NULL;
	if ((rc = db_count(db, user_sql[USER_STMT_USERNAME_TAKEN], DB_ARGS(
	    DB_STR(u->username), DB_INT(u->id)), &n)) != OUTCOME_OK)
		return rc;
	if (n > 0) {
		*field = "username";
		return OUTCOME_OK;
	}
	if (u->contact_number == NULL)
		return OUTCOME_OK;
	if ((rc = db_count(db, user_sql[USER_STMT_CONTACT_TAKEN], DB_ARGS(
	    DB_STR(u->contact_number), DB_INT(u->id)), &n)) == OUTCOME_OK &&
	    n > 0)
		*field = "contact_number";
	return rc;
}
