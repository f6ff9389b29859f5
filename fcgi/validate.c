#include "config.h"

#include <ctype.h>
#include <errno.h>
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

int
validate_mentor(const cJSON *body, bool creating, struct arena *a,
    struct mentor_input *in, char contact[PHONE_E164_LEN],
    struct field_errors *fe)
{
	static const struct {
		const char	*name;
		size_t		 max;
		size_t		 offset;
	} fields[] = {
		{ "profile_pic", PROFILE_SHORT_MAX,
		    offsetof(struct mentor_profile, profile_pic) },
		{ "job_title", PROFILE_SHORT_MAX,
		    offsetof(struct mentor_profile, job_title) },
		{ "job_sector", PROFILE_SHORT_MAX,
		    offsetof(struct mentor_profile, job_sector) },
		{ "motivation", PROFILE_LONG_MAX,
		    offsetof(struct mentor_profile, motivation) },
		{ "inspiration", PROFILE_LONG_MAX,
		    offsetof(struct mentor_profile, inspiration) },
		{ "tags", PROFILE_SHORT_MAX,
		    offsetof(struct mentor_profile, tags) },
		{ "skills", PROFILE_LONG_MAX,
		    offsetof(struct mentor_profile, skills) },
	};
	const unsigned	 flags = JSON_ALLOW_BLANK | JSON_NULLABLE;

	memset(in, 0, sizeof(*in));
	if (validate_account(body, creating, a, &in->account, contact, fe) ==
	    -1 && !cJSON_IsObject(body))
		return -1;
	json_read_int(body, "mentee", JSON_REQUIRED, 1, INT64_MAX,
	    &in->mentee_id, fe);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		json_read_string(body, fields[i].name, flags, fields[i].max, a,
		    (const char **)((char *)&in->profile + fields[i].offset),
		    fe);
	/* The FCM registration token of the mentor's phone: write-only;
	 * left out, it stays as it is. */
	json_read_string(body, "android_registration_token", flags,
	    DEVICE_TOKEN_MAX, a, &in->android_registration_token, fe);
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
