#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "auth/password.h"
#include "core/timeutil.h"
#include "fcgi/validate.h"
#include "models/message.h"
#include "models/outbox.h"
#include "models/user.h"

#define PROFILE_SHORT_MAX	255
#define PROFILE_LONG_MAX	4000
#define DEVICE_TOKEN_MAX	4096
#define CONTACT_MAX		32
#define FEEDBACK_CONTENT_MAX	(256 * 1024)

/* A body that is there must be an object: DRF's non-field error. */
static int
expect_object(const cJSON *body, bool required, struct field_errors *fe)
{
	if (cJSON_IsObject(body) || (body == NULL && !required))
		return 0;
	field_errors_add(fe, "non_field_errors",
	    "Invalid data. Expected a dictionary.");
	return -1;
}

/* Adds rule's complaint about field, if it has one. */
static void
apply_rule(struct field_errors *fe, const char *field, const char *complaint)
{
	if (complaint != NULL)
		field_errors_add(fe, field, complaint);
}

/* A phone number field: E.164, or (from providers) an MSISDN. */
static void
read_contact(const cJSON *body, const char *name, bool msisdn_too,
    struct arena *a, char out[PHONE_E164_LEN], struct field_errors *fe)
{
	const char	*raw;

	out[0] = '\0';
	if (json_read_string(body, name, JSON_REQUIRED, CONTACT_MAX, a, &raw,
	    fe) != 1)
		return;
	if (phone_normalize(raw, out) == 0 ||
	    (msisdn_too && phone_from_msisdn(raw, out) == 0))
		return;
	out[0] = '\0';
	field_errors_add(fe, name, "Enter a valid phone number.");
}

static int
done(const struct field_errors *fe)
{
	return field_errors_any(fe) ? -1 : 0;
}

int
validate_account(const cJSON *body, bool creating, struct arena *a,
    struct account_input *in, char contact[PHONE_E164_LEN],
    struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, true, fe) == -1)
		return -1;
	if (json_read_string(body, "username", JSON_REQUIRED, USER_NAME_MAX, a,
	    &in->username, fe) == 1)
		apply_rule(fe, "username", user_check_username(in->username));
	json_read_string(body, "first_name", JSON_ALLOW_BLANK, USER_NAME_MAX, a,
	    &in->first_name, fe);
	json_read_string(body, "last_name", JSON_ALLOW_BLANK, USER_NAME_MAX, a,
	    &in->last_name, fe);
	if (json_read_string(body, "email", JSON_ALLOW_BLANK, USER_EMAIL_MAX, a,
	    &in->email, fe) == 1)
		apply_rule(fe, "email", user_check_email(in->email));
	json_read_string(body, "external_id", JSON_ALLOW_BLANK,
	    USER_EXTERNAL_ID_MAX, a, &in->external_id, fe);
	if (json_read_string(body, "password", creating ? JSON_REQUIRED : 0,
	    PASSWORD_MAX_LEN, a, &in->password, fe) == 1)
		apply_rule(fe, "password", password_check(in->password));
	read_contact(body, "contact_number", false, a, contact, fe);
	if (contact[0] != '\0')
		in->contact_number = contact;
	return done(fe);
}

/*
 * The profile fields of a mentor, into p: strings, blank allowed; null or
 * absent leaves them NULL (not given).  profile_pic only with_picture.
 */
static void
read_profile(const cJSON *body, bool with_picture, struct arena *a,
    struct mentor_profile *p, struct field_errors *fe)
{
	static const struct {
		const char	*name;
		size_t		 max;
		size_t		 offset;
	} fields[] = {
#define PROFILE_FIELD(f, max) { #f, max, offsetof(struct mentor_profile, f) }
		PROFILE_FIELD(profile_pic, PROFILE_SHORT_MAX),
		PROFILE_FIELD(job_title, PROFILE_SHORT_MAX),
		PROFILE_FIELD(job_sector, PROFILE_SHORT_MAX),
		PROFILE_FIELD(motivation, PROFILE_LONG_MAX),
		PROFILE_FIELD(inspiration, PROFILE_LONG_MAX),
		PROFILE_FIELD(tags, PROFILE_SHORT_MAX),
		PROFILE_FIELD(skills, PROFILE_LONG_MAX),
#undef PROFILE_FIELD
	};

	for (size_t i = with_picture ? 0 : 1;
	    i < sizeof(fields) / sizeof(fields[0]); i++)
		json_read_string(body, fields[i].name, JSON_ALLOW_BLANK |
		    JSON_NULLABLE, fields[i].max, a,
		    (const char **)((char *)p + fields[i].offset), fe);
}

/* The FCM registration token of the mentor's phone: write-only for
 * admins; left out, it stays as it is. */
static void
read_device_token(const cJSON *body, struct arena *a, struct mentor_input *in,
    struct field_errors *fe)
{
	json_read_string(body, "android_registration_token", JSON_ALLOW_BLANK |
	    JSON_NULLABLE, DEVICE_TOKEN_MAX, a, &in->android_registration_token,
	    fe);
}

int
validate_mentor(const cJSON *body, bool creating, struct arena *a,
    struct mentor_input *in, char contact[PHONE_E164_LEN],
    struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (validate_account(body, creating, a, &in->account, contact, fe) ==
	    -1 && !cJSON_IsObject(body))
		return -1;
	json_read_int(body, "mentee", JSON_REQUIRED, 1, INT64_MAX,
	    &in->mentee_id, fe);
	read_profile(body, true, a, &in->profile, fe);
	read_device_token(body, a, in, fe);
	return done(fe);
}

int
validate_message(const cJSON *body, struct arena *a, struct message_input *in,
    struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	json_read_string(body, "content", JSON_REQUIRED, MESSAGE_CONTENT_MAX, a,
	    &in->content, fe);
	json_read_int(body, "sender_id", JSON_NULLABLE, 1, INT64_MAX,
	    &in->sender_id, fe);
	json_read_int(body, "recipient_id", JSON_NULLABLE, 1, INT64_MAX,
	    &in->recipient_id, fe);
	return done(fe);
}

int
validate_relayed_message(const cJSON *body, struct arena *a,
    struct relayed_message_input *in, struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, true, fe) == -1)
		return -1;
	read_contact(body, "sender_contact", true, a, in->sender, fe);
	read_contact(body, "recipient_contact", true, a, in->recipient, fe);
	json_read_string(body, "content", JSON_REQUIRED, MESSAGE_CONTENT_MAX, a,
	    &in->content, fe);
	return done(fe);
}

int
validate_schedule(const cJSON *body, bool partial, struct arena *a,
    struct schedule_input *in, struct field_errors *fe)
{
	const char	*when;
	char		 ts[TIME_ISO_LEN];

	memset(in, 0, sizeof(*in));
	if (expect_object(body, false, fe) == -1)
		return -1;
	if (json_read_string(body, "call_time", partial ? 0 : JSON_REQUIRED,
	    64, a, &when, fe) == 1) {
		in->has_call_time = true;
		if (time_parse_iso(when, &in->call_time) == -1)
			field_errors_add(fe, "call_time", "Datetime has wrong "
			    "format. Use one of these formats instead: "
			    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
		/* Past 9999-12-31 in UTC: no DATETIME holds it. */
		else if (time_format_iso(in->call_time, ts) == -1)
			field_errors_add(fe, "call_time",
			    "Datetime value out of range.");
		else if (in->call_time <= time_now_us())
			field_errors_add(fe, "call_time",
			    "Call time must be in the future.");
	}
	if (cJSON_HasObjectItem(body, "activity")) {
		in->has_activity = true;
		json_read_int(body, "activity", JSON_NULLABLE, 1, INT64_MAX,
		    &in->activity_id, fe);
	}
	return done(fe);
}

int
validate_task_status(const cJSON *body, bool partial, struct arena *a,
    enum task_status *status, bool *given, struct field_errors *fe)
{
	const char	*name;

	*given = false;
	/* A body that is no object is no update, for PATCH too. */
	if (expect_object(body, false, fe) == -1)
		return -1;
	if (json_read_string(body, "status", partial ? 0 : JSON_REQUIRED, 32,
	    a, &name, fe) == 1) {
		if (task_status_parse(name, status) == -1)
			field_errors_add(fe, "status", arena_printf(a,
			    "\"%s\" is not a valid choice.", name));
		else
			*given = true;
	}
	return done(fe);
}

int
validate_feedback(const cJSON *body, struct arena *a, struct feedback *f,
    struct field_errors *fe)
{
	cJSON	*parsed;

	memset(f, 0, sizeof(*f));
	if (expect_object(body, true, fe) == -1)
		return -1;
	json_read_int(body, "sender_id", JSON_REQUIRED, 1, INT64_MAX,
	    &f->sender_id, fe);
	json_read_int(body, "call_id", JSON_REQUIRED, 1, INT64_MAX, &f->call_id,
	    fe);
	json_read_bool(body, "complete", JSON_REQUIRED, &f->completed, fe);
	if (json_read_string(body, "content", JSON_REQUIRED,
	    FEEDBACK_CONTENT_MAX, a, &f->content, fe) == 1) {
		if ((parsed = json_parse(f->content, strlen(f->content),
		    NULL)) == NULL)
			field_errors_add(fe, "content",
			    "Value must be valid JSON.");
		cJSON_Delete(parsed);
	}
	return done(fe);
}

int
validate_login(const cJSON *body, struct arena *a, const char **login,
    const char **password, struct field_errors *fe)
{
	*login = *password = NULL;
	json_read_string(body, "username", JSON_REQUIRED, USER_EMAIL_MAX, a,
	    login, fe);
	json_read_string(body, "password", JSON_REQUIRED, PASSWORD_MAX_LEN, a,
	    password, fe);
	return done(fe);
}

int
validate_reset_request(const cJSON *body, struct arena *a, const char **email,
    struct field_errors *fe)
{
	*email = NULL;
	/* JSON_REQUIRED refuses "", which user_check_email() would pass;
	 * the address is read as a login is (spaces around, any case). */
	if (json_read_string(body, "email", JSON_REQUIRED, USER_EMAIL_MAX, a,
	    email, fe) == 1) {
		*email = user_login_normalize(a, *email);
		apply_rule(fe, "email", **email != '\0' ?
		    user_check_email(*email) : "This field may not be blank.");
	}
	return done(fe);
}

int
validate_reset_confirm(const cJSON *body, struct arena *a, const char **token,
    const char **new_password, struct field_errors *fe)
{
	const char	*check = NULL;

	*token = *new_password = NULL;
	json_read_string(body, "token", JSON_REQUIRED, 64, a, token, fe);
	if (json_read_string(body, "new_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, a, new_password, fe) == 1)
		apply_rule(fe, "new_password", password_check(*new_password));
	if (json_read_string(body, "check_new_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, a, &check, fe) == 1 && *new_password != NULL &&
	    strcmp(check, *new_password) != 0)
		field_errors_add(fe, "check_new_password",
		    "The two password fields didn't match.");
	return done(fe);
}

int
validate_password_change(const cJSON *body, struct arena *a,
    const char **current, const char **new_password, struct field_errors *fe)
{
	*current = *new_password = NULL;
	json_read_string(body, "current_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, a, current, fe);
	if (json_read_string(body, "new_password", JSON_REQUIRED,
	    PASSWORD_MAX_LEN, a, new_password, fe) == 1)
		apply_rule(fe, "new_password", password_check(*new_password));
	return done(fe);
}

int
validate_since_id(const char *v, int64_t *out, struct field_errors *fe)
{
	char		*end;
	long long	 n;

	*out = 0;
	if (v == NULL)
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1) {
		field_errors_add(fe, "since_id",
		    "A valid positive integer is required.");
		return -1;
	}
	*out = n;
	return 0;
}

int
validate_outbox_status(const char *v, struct arena *a, const char **out,
    struct field_errors *fe)
{
	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	if (!outbox_status_valid(v)) {
		field_errors_add(fe, "status", arena_printf(a,
		    "\"%s\" is not a valid choice.", v));
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- the Android app (/v2/mentor) ---- */

int
validate_profile(const cJSON *body, struct arena *a, struct mentor_input *in,
    struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, true, fe) == -1)
		return -1;
	/* The app sends its own image object as profile_pic: the picture
	 * has its own endpoint. */
	read_profile(body, false, a, &in->profile, fe);
	return done(fe);
}

int
validate_device_token(const cJSON *body, struct arena *a,
    struct mentor_input *in, struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, true, fe) == -1)
		return -1;
	read_device_token(body, a, in, fe);
	return done(fe);
}

int
validate_call(const cJSON *body, struct call_input *in,
    struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, false, fe) == -1)
		return -1;
	json_read_int(body, "scheduled_call", JSON_NULLABLE, 1, INT64_MAX,
	    &in->scheduled_call_id, fe);
	/* Releases before 0.1.20 sent {"activity"}. */
	json_read_int(body, "activity", JSON_NULLABLE, 1, INT64_MAX,
	    &in->activity_id, fe);
	return done(fe);
}

/*
 * A whole number from min to max, as a JSON number or a string of digits
 * ("2"): the app sends its ratings as strings.  1 given (*out), 0 absent
 * or null, -1 invalid (error added).
 */
static int
read_number(const cJSON *body, const char *name, unsigned flags, int min,
    int max, int *out, struct field_errors *fe)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(body, name);
	char		*end;
	long		 v;

	if (it == NULL || cJSON_IsNull(it)) {
		if (flags & JSON_REQUIRED)
			field_errors_add(fe, name, "This field is required.");
		return 0;
	}
	/* Range first: a double outside long's range cannot be cast. */
	if (cJSON_IsNumber(it) && fabs(it->valuedouble) < 1e15 &&
	    it->valuedouble == (double)(long)it->valuedouble)
		v = (long)it->valuedouble;
	else if (cJSON_IsString(it) && *it->valuestring != '\0' &&
	    (v = strtol(it->valuestring, &end, 10), *end == '\0'))
		;
	else {
		field_errors_add(fe, name, "A valid integer is required.");
		return -1;
	}
	if (v < min || v > max) {
		field_errors_add(fe, name, v < min ? "Ensure this value is "
		    "greater than or equal to the minimum." : "Ensure this "
		    "value is less than or equal to the maximum.");
		return -1;
	}
	*out = (int)v;
	return 1;
}

/* A choice of models/call_note.h: 1 given, 0 absent, -1 invalid. */
static int
read_choice(const cJSON *body, const char *name, enum call_note_choice c,
    unsigned flags, struct arena *a, const char **out,
    struct field_errors *fe)
{
	const char	*why;
	int		 rc;

	if ((rc = json_read_string(body, name, flags, 64, a, out, fe)) != 1)
		return rc;
	if ((why = call_note_check_choice(a, c, *out)) == NULL)
		return 1;
	field_errors_add(fe, name, why);
	return -1;
}

/* Records f in in->given when rc says the field came. */
static void
given(struct call_note_input *in, unsigned f, int rc)
{
	if (rc == 1)
		in->given |= f;
}

/*
 * objective_achieved: a bool in version 1 ("was it achieved?"), 1-5 in
 * version 2; version 0 (a PATCH that does not say) takes either.
 */
static void
read_objective(const cJSON *body, int version, struct call_note_input *in,
    struct field_errors *fe)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(body,
			    "objective_achieved");
	struct call_note *n = &in->note;
	bool		 met;

	if (version != 2 && (version == 1 || cJSON_IsBool(it))) {
		if (json_read_bool(body, "objective_achieved", JSON_NULLABLE,
		    &met, fe) == 1) {
			n->objective_met = met;
			in->given |= NOTE_F_OBJECTIVE;
		}
		return;
	}
	/* Asked only when an activity was used (the service drops it
	 * otherwise). */
	given(in, NOTE_F_OBJECTIVE, read_number(body, "objective_achieved", 0,
	    1, 5, &n->objective_achieved, fe));
}

/* The fields of a version 1 note (mentee_state, activity_helpful). */
static void
read_note_v1(const cJSON *body, struct arena *a, struct call_note_input *in,
    struct field_errors *fe)
{
	struct call_note	*n = &in->note;

	given(in, NOTE_F_MENTEE_STATE, read_choice(body, "mentee_state",
	    NOTE_MENTEE_STATE, JSON_ALLOW_BLANK, a, &n->mentee_state, fe));
	n->activity_helpful = -1;
	given(in, NOTE_F_HELPFUL, read_number(body, "activity_helpful", 0, 0,
	    4, &n->activity_helpful, fe));
}

/* The fields of a version 2 note (all but objective_achieved). */
static void
read_note_v2(const cJSON *body, unsigned req, struct arena *a,
    struct call_note_input *in, struct field_errors *fe)
{
	struct call_note	*n = &in->note;

	given(in, NOTE_F_CALL_RESULT, read_choice(body, "call_result",
	    NOTE_CALL_RESULT, req, a, &n->call_result, fe));
	given(in, NOTE_F_PROGRESS, read_choice(body, "activity_progress",
	    NOTE_ACTIVITY_PROGRESS, req, a, &n->activity_progress, fe));
	given(in, NOTE_F_MOOD, read_choice(body, "mood", NOTE_MOOD, req, a,
	    &n->mood, fe));
	if (cJSON_HasObjectItem(body, "activity")) {
		in->given |= NOTE_F_ACTIVITY;
		json_read_int(body, "activity", JSON_NULLABLE, 1, INT64_MAX,
		    &n->activity_id, fe);
	}
	given(in, NOTE_F_RATING, read_number(body, "rating", 0, 1, 5,
	    &n->rating, fe));
}

int
validate_call_note(const cJSON *body, bool partial, struct arena *a,
    struct call_note_input *in, struct field_errors *fe)
{
	struct call_note	*n = &in->note;
	unsigned		 req = partial ? 0 : JSON_REQUIRED;
	int			 version = 0;

	memset(in, 0, sizeof(*in));
	if (expect_object(body, !partial, fe) == -1)
		return -1;
	if (read_number(body, "version", 0, 1, 2, &version, fe) == 1)
		in->given |= NOTE_F_VERSION;
	/* Releases before 3.0.0 sent no version: theirs is 1.  A PATCH
	 * that does not say keeps the note's (0: either set of fields). */
	if (version == 0 && !partial)
		version = 1;
	n->version = version;
	if (json_read_int(body, "call", req, 1, INT64_MAX, &n->call_id,
	    fe) == 1)
		in->given |= NOTE_F_CALL;
	if (json_read_int(body, "mentor", JSON_NULLABLE, 1, INT64_MAX,
	    &n->mentor_id, fe) == 1)
		in->given |= NOTE_F_MENTOR;
	given(in, NOTE_F_REFLECTION, json_read_string(body, "reflection", req,
	    CALL_NOTE_REFLECTION_MAX, a, &n->reflection, fe));
	given(in, NOTE_F_CALL_QUALITY, read_choice(body, "call_quality",
	    NOTE_CALL_QUALITY, req, a, &n->call_quality, fe));
	if (version != 2)
		read_note_v1(body, a, in, fe);
	if (version != 1)
		read_note_v2(body, version == 2 ? req : 0, a, in, fe);
	read_objective(body, version, in, fe);
	return done(fe);
}

/* ---- content, for admins (/admin/category, /activity, /blog) ---- */

/*
 * A text field judged by its model's rule (which says what blank and
 * too long mean): 1 given (*out), 0 absent, -1 invalid (error added).
 */
static int
read_text(const cJSON *body, const char *name, unsigned flags,
    const char *(*rule)(const char *), struct arena *a, const char **out,
    struct field_errors *fe)
{
	const char	*why;
	int		 rc;

	if ((rc = json_read_string(body, name, flags | JSON_ALLOW_BLANK, 0, a,
	    out, fe)) != 1)
		return rc;
	if ((why = rule(*out)) == NULL)
		return 1;
	field_errors_add(fe, name, why);
	*out = NULL;
	return -1;
}

/* An ordinal: what the INT column holds. */
static bool
read_ordinal(const cJSON *body, int64_t *ordinal, struct field_errors *fe)
{
	return json_read_int(body, "ordinal", 0, INT32_MIN, INT32_MAX, ordinal,
	    fe) == 1;
}

int
validate_category(const cJSON *body, bool partial, struct arena *a,
    struct category_input *in, struct field_errors *fe)
{
	memset(in, 0, sizeof(*in));
	if (expect_object(body, !partial, fe) == -1)
		return -1;
	read_text(body, "title", partial ? 0 : JSON_REQUIRED,
	    category_check_title, a, &in->title, fe);
	/* The app reads null and "" alike: no colour of its own. */
	if (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(body, "color")))
		in->color = "";
	else
		read_text(body, "color", 0, category_check_color, a,
		    &in->color, fe);
	read_text(body, "about", 0, category_check_text, a, &in->about, fe);
	read_text(body, "goal", 0, category_check_text, a, &in->goal, fe);
	in->has_hidden = json_read_bool(body, "is_hidden", 0, &in->is_hidden,
	    fe) == 1;
	in->has_ordinal = read_ordinal(body, &in->ordinal, fe);
	return done(fe);
}

int
validate_activity(const cJSON *body, bool partial, struct arena *a,
    struct activity_input *in, struct field_errors *fe)
{
	static const struct {
		const char	*name;
		size_t		 offset;
	} texts[] = {
#define ACTIVITY_TEXT(f) { #f, offsetof(struct activity_input, f) }
		ACTIVITY_TEXT(description),
		ACTIVITY_TEXT(objective),
		ACTIVITY_TEXT(lesson_rationale),
		ACTIVITY_TEXT(instructions),
		ACTIVITY_TEXT(prompts),
		ACTIVITY_TEXT(reflection_points),
		ACTIVITY_TEXT(skills_developed),
#undef ACTIVITY_TEXT
	};
	unsigned	req = partial ? 0 : JSON_REQUIRED;

	memset(in, 0, sizeof(*in));
	if (expect_object(body, !partial, fe) == -1)
		return -1;
	json_read_int(body, "category", req, 1, INT64_MAX, &in->category_id,
	    fe);
	read_text(body, "title", req, activity_check_title, a, &in->title, fe);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		read_text(body, texts[i].name, 0, activity_check_text, a,
		    (const char **)((char *)in + texts[i].offset), fe);
	in->has_hidden = json_read_bool(body, "is_hidden", 0, &in->is_hidden,
	    fe) == 1;
	in->has_ordinal = read_ordinal(body, &in->ordinal, fe);
	return done(fe);
}

/*
 * body_content: any JSON value the app can draw, as JSON text in the
 * arena.  null is refused: it stops the app's whole sync.
 */
static void
read_body_content(const cJSON *body, unsigned flags, struct arena *a,
    const char **out, struct field_errors *fe)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(body,
			    "body_content");
	const char	*why;
	char		*text;

	*out = NULL;
	if (it == NULL) {
		if (flags & JSON_REQUIRED)
			field_errors_add(fe, "body_content",
			    "This field is required.");
		return;
	}
	if (cJSON_IsNull(it)) {
		field_errors_add(fe, "body_content",
		    "This field may not be null.");
		return;
	}
	if ((text = cJSON_PrintUnformatted(it)) == NULL) {
		field_errors_add(fe, "body_content", "Value too large.");
		return;
	}
	if ((why = blog_post_check_body(text, strlen(text))) != NULL)
		field_errors_add(fe, "body_content", why);
	else if ((*out = arena_strdup(a, text)) == NULL)
		field_errors_add(fe, "body_content", "Value too large.");
	cJSON_free(text);
}

int
validate_blog_post(const cJSON *body, bool partial, struct arena *a,
    struct blog_post_input *in, struct field_errors *fe)
{
	unsigned	req = partial ? 0 : JSON_REQUIRED;

	memset(in, 0, sizeof(*in));
	if (expect_object(body, !partial, fe) == -1)
		return -1;
	read_text(body, "title", req, blog_post_check_title, a, &in->title,
	    fe);
	read_body_content(body, req, a, &in->body_content, fe);
	in->has_hidden = json_read_bool(body, "is_hidden", 0, &in->is_hidden,
	    fe) == 1;
	return done(fe);
}

int
validate_category_filter(const char *v, int64_t *out,
    struct field_errors *fe)
{
	char		*end;
	long long	 n;

	*out = 0;
	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1) {
		field_errors_add(fe, "category",
		    "A valid positive integer is required.");
		return -1;
	}
	*out = n;
	return 0;
}
