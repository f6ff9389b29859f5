/*
 * Validators: pure functions that turn a request's JSON body (or a query
 * value) into the typed input of a lib/ operation, or into DRF field
 * errors.  They touch no database and no clock but time_now_us(); what
 * needs the database (does this mentee exist? is this number taken?) is
 * checked by the operation, inside its transaction.  The rules of a
 * field are the model's (user_check_username(), password_check(), ...),
 * so mentorshipctl applies the same ones.
 *
 * Each returns 0 when the input is valid, or -1 with the errors in fe.
 * Strings are copied into the arena a; body may be NULL (no body).
 */
#ifndef MT_VALIDATE_H
#define MT_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/json.h"
#include "core/phone.h"
#include "models/feedback.h"
#include "models/task.h"
#include "services/accounts.h"
#include "services/call_notes.h"
#include "services/calls.h"
#include "services/content.h"
#include "services/messaging.h"
#include "services/schedule.h"

/*
 * POST and PUT of /mentor/mentee: username and contact_number always,
 * password when creating; an omitted optional field is left NULL (kept
 * by an update).  contact is where the E.164 number is written.
 */
int	validate_account(const cJSON *body, bool creating, struct arena *a,
	    struct account_input *in, char contact[PHONE_E164_LEN],
	    struct field_errors *fe);
/* POST and PUT of /mentor/mentor: the account, mentee and profile. */
int	validate_mentor(const cJSON *body, bool creating, struct arena *a,
	    struct mentor_input *in, char contact[PHONE_E164_LEN],
	    struct field_errors *fe);
/* POST /mentor/message/ {content, sender_id?, recipient_id?} */
int	validate_message(const cJSON *body, struct arena *a,
	    struct message_input *in, struct field_errors *fe);
/* POST /comms/message/ {sender_contact, recipient_contact, content} */
int	validate_relayed_message(const cJSON *body, struct arena *a,
	    struct relayed_message_input *in, struct field_errors *fe);
/*
 * POST, PUT and PATCH of /mentor/schedule/ {call_time, activity}:
 * call_time ISO 8601 with any offset and in the future, required unless
 * partial (PATCH); activity an id or null.
 */
int	validate_schedule(const cJSON *body, bool partial, struct arena *a,
	    struct schedule_input *in, struct field_errors *fe);
/*
 * PUT and PATCH of /mentor/task/{id} {status}: required unless partial;
 * *given says whether it was there.
 */
int	validate_task_status(const cJSON *body, bool partial, struct arena *a,
	    enum task_status *status, bool *given, struct field_errors *fe);
/*
 * POST /comms/feedback/ {sender_id, call_id, complete, content}: content
 * must be a valid JSON text.  Fills sender_id, call_id, completed and
 * content of f.
 */
int	validate_feedback(const cJSON *body, struct arena *a,
	    struct feedback *f, struct field_errors *fe);
/* POST /auth/login {username, password} */
int	validate_login(const cJSON *body, struct arena *a, const char **login,
	    const char **password, struct field_errors *fe);
/* POST /v2/mentor/reset-password/ {email}: a well-formed address. */
int	validate_reset_request(const cJSON *body, struct arena *a,
	    const char **email, struct field_errors *fe);
/*
 * POST /v2/mentor/confirm-password/ {token, new_password,
 * check_new_password}: the two passwords equal and acceptable.
 */
int	validate_reset_confirm(const cJSON *body, struct arena *a,
	    const char **token, const char **new_password,
	    struct field_errors *fe);
/* POST /auth/password {current_password, new_password} */
int	validate_password_change(const cJSON *body, struct arena *a,
	    const char **current, const char **new_password,
	    struct field_errors *fe);
/*
 * ?since_id=N of the lists the console polls: 0 when v is NULL, else a
 * positive integer.
 */
int	validate_since_id(const char *v, int64_t *out, struct field_errors *fe);
/* ?status= of the outbox list: NULL or "" for all, else a status. */
int	validate_outbox_status(const char *v, struct arena *a,
	    const char **out, struct field_errors *fe);

/* ---- the Android app (/v2/mentor) ---- */

/*
 * PUT /v2/mentor/profile/{id}/: the six onboarding fields (job_title,
 * job_sector, motivation, inspiration, tags, skills) into in->profile;
 * every other field, profile_pic among them, is ignored.
 */
int	validate_profile(const cJSON *body, struct arena *a,
	    struct mentor_input *in, struct field_errors *fe);
/* PATCH /v2/mentor/notification-settings/{id}/ {android_registration_token} */
int	validate_device_token(const cJSON *body, struct arena *a,
	    struct mentor_input *in, struct field_errors *fe);
/* POST /v2/mentor/call/ {scheduled_call?, activity?}: both may be absent. */
int	validate_call(const cJSON *body, struct call_input *in,
	    struct field_errors *fe);
/*
 * POST, PUT and PATCH of /v2/mentor/call_note/: the fields of the note's
 * version ("1" when absent), numbers as JSON numbers or strings as the
 * app sends them, the choices of models/call_note.h; partial (PATCH)
 * requires nothing.  in->given says which fields came.
 */
int	validate_call_note(const cJSON *body, bool partial, struct arena *a,
	    struct call_note_input *in, struct field_errors *fe);

/* ---- content, for admins (/admin/category, /activity, /blog) ---- */

/*
 * POST and PATCH of /admin/category/ {title, color, about, goal,
 * is_hidden, ordinal}: the models' rules (category_check_title(), ...);
 * title required unless partial (PATCH).  color null is "" (the app
 * chooses); image and id are ignored (pictures have their own routes).
 */
int	validate_category(const cJSON *body, bool partial, struct arena *a,
	    struct category_input *in, struct field_errors *fe);
/*
 * POST and PATCH of /admin/activity/ {category, title, description,
 * objective, lesson_rationale, instructions, prompts, reflection_points,
 * skills_developed, is_hidden, ordinal}: category and title required
 * unless partial; icon, poster, is_complete and id are ignored.
 */
int	validate_activity(const cJSON *body, bool partial, struct arena *a,
	    struct activity_input *in, struct field_errors *fe);
/*
 * POST and PATCH of /admin/blog/ {title, body_content, is_hidden}:
 * body_content any JSON value that blog_post_check_body() accepts (a
 * string, or a list of strings and blocks), kept as JSON text; title and
 * body_content required unless partial.
 */
int	validate_blog_post(const cJSON *body, bool partial, struct arena *a,
	    struct blog_post_input *in, struct field_errors *fe);
/* ?category=ID of the admin's activity list: 0 when v is NULL or "". */
int	validate_category_filter(const char *v, int64_t *out,
	    struct field_errors *fe);

#endif
