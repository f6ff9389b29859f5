#include "config.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "core/json.h"
#include "fcgi/render.h"

/* An id (or a rating) where 0 stands for none: null. */
static void
add_int_or_null(cJSON *o, const char *name, int64_t id)
{
	if (id == 0)
		cJSON_AddNullToObject(o, name);
	else
		json_add_int(o, name, id);
}

cJSON *
render_call(const void *row)
{
	const struct call	*c = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", c->id);
	json_add_time(o, "start_time", c->start_time);
	json_add_time(o, "end_time", c->end_time);
	json_add_int(o, "caller", c->caller_id);
	json_add_int(o, "receiver", c->receiver_id);
	cJSON_AddStringToObject(o, "status", call_status_names[c->status]);
	add_int_or_null(o, "activity", c->activity_id);
	add_int_or_null(o, "scheduled_call", c->scheduled_call_id);
	add_int_or_null(o, "feedback_task", c->feedback_task_id);
	return o;
}

cJSON *
render_call_admin(const void *row)
{
	const struct call	*c = row;
	cJSON	*o = render_call(c);

	json_add_string_or_null(o, "partner_id", c->partner_id);
	json_add_time(o, "partner_start_time", c->partner_start_time);
	json_add_time(o, "partner_end_time", c->partner_end_time);
	cJSON_AddStringToObject(o, "recording_url", c->recording_url ?
	    c->recording_url : "");
	json_add_string_or_null(o, "call_id", c->call_id);
	cJSON_AddStringToObject(o, "status_reason", c->status_reason ?
	    c->status_reason : "");
	return o;
}

cJSON *
render_message(const void *row)
{
	const struct message	*m = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", m->id);
	json_add_time(o, "time_sent", m->time_sent);
	json_add_int(o, "sender", m->sender_id);
	json_add_int(o, "recipient", m->recipient_id);
	json_add_int(o, "sender_id", m->sender_id);
	json_add_int(o, "recipient_id", m->recipient_id);
	cJSON_AddStringToObject(o, "content", m->content);
	cJSON_AddStringToObject(o, "message_type", message_type_names[m->type]);
	cJSON_AddStringToObject(o, "direction",
	    message_direction_names[m->direction]);
	cJSON_AddStringToObject(o, "delivery_status",
	    message_delivery_names[m->delivery]);
	return o;
}

cJSON *
render_message_comms(const void *row)
{
	const struct message	*m = row;
	cJSON	*o = render_message(m);

	json_add_string_or_null(o, "sender_contact", m->sender_contact);
	json_add_string_or_null(o, "recipient_contact", m->recipient_contact);
	return o;
}

cJSON *
render_feedback(const void *row)
{
	const struct feedback	*f = row;
	static const char *const names[FEEDBACK_QUESTIONS] = {
		"question_1", "question_2", "question_3", "question_4"
	};
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", f->id);
	json_add_int(o, "sender_id", f->sender_id);
	add_int_or_null(o, "call_id", f->call_id);
	cJSON_AddBoolToObject(o, "complete", f->completed);
	cJSON_AddStringToObject(o, "content", f->content);
	json_add_time(o, "received_at", f->received_at);
	json_add_time(o, "start_time", f->start_time);
	for (int i = 0; i < FEEDBACK_QUESTIONS; i++)
		cJSON_AddStringToObject(o, names[i], f->questions[i] ?
		    f->questions[i] : "");
	return o;
}

cJSON *
render_event(const void *row)
{
	const struct event	*e = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", e->id);
	json_add_time(o, "occured_at", e->occured_at);
	cJSON_AddStringToObject(o, "event_type", e->event_type);
	cJSON_AddStringToObject(o, "description", e->description);
	json_add_int(o, "relevant_mentor", e->relevant_mentor_id);
	add_int_or_null(o, "object_id", e->object_id);
	return o;
}

cJSON *
render_task(const void *row)
{
	const struct task	*t = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", t->id);
	json_add_int(o, "mentor", t->mentor_id);
	cJSON_AddStringToObject(o, "description", t->description);
	cJSON_AddStringToObject(o, "link", t->link);
	json_add_time(o, "due_date", t->due_date);
	cJSON_AddStringToObject(o, "status", task_status_names[t->status]);
	add_int_or_null(o, "call", t->call_id);
	return o;
}

cJSON *
render_scheduled_call(const void *row)
{
	const struct scheduled_call	*sc = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", sc->id);
	json_add_time(o, "created_at", sc->created_at);
	json_add_time(o, "call_time", sc->call_time);
	json_add_int(o, "caller", sc->caller_id);
	json_add_int(o, "callee", sc->callee_id);
	add_int_or_null(o, "activity", sc->activity_id);
	return o;
}

/* The fields every view of an account has.  Never a password or its hash. */
static cJSON *
render_user(const struct user *u)
{
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", u->id);
	cJSON_AddStringToObject(o, "username", u->username);
	cJSON_AddStringToObject(o, "first_name", u->first_name);
	cJSON_AddStringToObject(o, "last_name", u->last_name);
	cJSON_AddStringToObject(o, "email", u->email);
	return o;
}

cJSON *
render_account(const struct user *u)
{
	cJSON	*o = render_user(u);

	cJSON_AddBoolToObject(o, "is_superuser", u->is_superuser);
	cJSON_AddStringToObject(o, "role", user_role_names[u->role]);
	return o;
}

/* The admin's view of a mentee or mentor account. */
static cJSON *
render_person(const struct user *u)
{
	cJSON	*o = render_user(u);

	json_add_string_or_null(o, "contact_number", u->contact_number);
	cJSON_AddStringToObject(o, "external_id", u->external_id ?
	    u->external_id : "");
	return o;
}

cJSON *
render_mentee_admin(const void *row)
{
	const struct mentee	*m = row;
	return render_person(&m->user);
}

cJSON *
render_mentor_admin(const void *row)
{
	const struct mentor	*m = row;
	cJSON	*o = render_person(&m->user);

	json_add_int(o, "mentee", m->mentee_id);
	cJSON_AddStringToObject(o, "profile_pic", m->profile.profile_pic);
	cJSON_AddStringToObject(o, "job_title", m->profile.job_title);
	cJSON_AddStringToObject(o, "job_sector", m->profile.job_sector);
	cJSON_AddStringToObject(o, "motivation", m->profile.motivation);
	cJSON_AddStringToObject(o, "inspiration", m->profile.inspiration);
	cJSON_AddStringToObject(o, "tags", m->profile.tags);
	cJSON_AddStringToObject(o, "skills", m->profile.skills);
	return o;
}

cJSON *
render_cdr(const struct cdr *c)
{
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", c->id);
	json_add_int(o, "call_id", c->call_id);
	cJSON_AddStringToObject(o, "partner_id", c->partner_id);
	json_add_time(o, "start_time", c->start_time);
	cJSON_AddStringToObject(o, "status", c->status);
	return o;
}

cJSON *
render_webhook_entry(const void *row)
{
	const struct webhook_entry	*e = row;
	cJSON	*o = cJSON_CreateObject();
	bool	 text = utf8_valid((const unsigned char *)e->body, e->body_len) &&
		    memchr(e->body, '\0', e->body_len) == NULL;

	json_add_int(o, "id", e->id);
	json_add_time(o, "received_at", e->received_at);
	cJSON_AddStringToObject(o, "endpoint", e->endpoint);
	cJSON_AddStringToObject(o, "outcome", e->outcome);
	cJSON_AddStringToObject(o, "detail", e->detail);
	if (text)
		cJSON_AddStringToObject(o, "body", e->body);
	else
		cJSON_AddNullToObject(o, "body");
	cJSON_AddBoolToObject(o, "body_is_utf8", text);
	return o;
}

cJSON *
render_outbox_entry(const void *row)
{
	const struct outbox_entry	*e = row;
	cJSON	*o = cJSON_CreateObject();

	json_add_int(o, "id", e->id);
	json_add_time(o, "created_at", e->created_at);
	cJSON_AddStringToObject(o, "kind", e->kind);
	add_int_or_null(o, "message_id", e->message_id);
	json_add_int(o, "recipient_id", e->recipient_id);
	cJSON_AddStringToObject(o, "payload", e->payload);
	cJSON_AddStringToObject(o, "status", e->status);
	json_add_int(o, "attempts", e->attempts);
	json_add_time(o, "next_attempt_at", e->next_attempt_at);
	cJSON_AddStringToObject(o, "last_error", e->last_error);
	json_add_time(o, "sent_at", e->sent_at);
	return o;
}

/* ---- the Android app's views (/v2/mentor) ---- */

/* An image path relative to the server root, or null for none. */
static void
add_path(cJSON *o, const char *name, const char *path)
{
	if (path == NULL || *path == '\0')
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddStringToObject(o, name, path);
}

cJSON *
render_profile(const void *row)
{
	const struct mentor	*m = row;
	cJSON			*o = render_user(&m->user);

	add_path(o, "profile_pic", m->profile.profile_pic);
	cJSON_AddStringToObject(o, "job_title", m->profile.job_title);
	cJSON_AddStringToObject(o, "job_sector", m->profile.job_sector);
	cJSON_AddStringToObject(o, "motivation", m->profile.motivation);
	cJSON_AddStringToObject(o, "inspiration", m->profile.inspiration);
	cJSON_AddStringToObject(o, "tags", m->profile.tags);
	cJSON_AddStringToObject(o, "skills", m->profile.skills);
	return o;
}

cJSON *
render_notification_settings(const void *row)
{
	const struct mentor	*m = row;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", m->user.id);
	cJSON_AddStringToObject(o, "android_registration_token",
	    m->android_registration_token != NULL ?
	    m->android_registration_token : "");
	return o;
}

cJSON *
render_category(const void *row)
{
	const struct category	*c = row;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", c->id);
	cJSON_AddStringToObject(o, "title", c->title);
	json_add_string_or_null(o, "color", *c->color != '\0' ? c->color :
	    NULL);
	add_path(o, "image", c->image);
	cJSON_AddStringToObject(o, "about", c->about);
	cJSON_AddStringToObject(o, "goal", c->goal);
	cJSON_AddBoolToObject(o, "is_hidden", c->is_hidden);
	json_add_int(o, "ordinal", c->ordinal);
	return o;
}

cJSON *
render_activity(const void *row)
{
	const struct activity	*a = row;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", a->id);
	add_int_or_null(o, "category", a->category_id);
	cJSON_AddStringToObject(o, "title", a->title);
	add_path(o, "icon", a->icon);
	add_path(o, "poster", a->poster);
	cJSON_AddStringToObject(o, "objective", a->objective);
	cJSON_AddStringToObject(o, "lesson_rationale", a->lesson_rationale);
	cJSON_AddStringToObject(o, "instructions", a->instructions);
	cJSON_AddStringToObject(o, "prompts", a->prompts);
	cJSON_AddStringToObject(o, "reflection_points", a->reflection_points);
	cJSON_AddStringToObject(o, "skills_developed", a->skills_developed);
	cJSON_AddBoolToObject(o, "is_complete", a->is_complete);
	cJSON_AddBoolToObject(o, "is_hidden", a->is_hidden);
	json_add_int(o, "ordinal", a->ordinal);
	return o;
}

cJSON *
render_activity_admin(const void *row)
{
	const struct activity	*a = row;
	cJSON			*o = render_activity(a);

	cJSON_DeleteItemFromObjectCaseSensitive(o, "is_complete");
	cJSON_AddStringToObject(o, "description", a->description);
	return o;
}

cJSON *
render_call_note(const void *row)
{
	const struct call_note	*n = row;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", n->id);
	cJSON_AddStringToObject(o, "version", n->version == 2 ? "2" : "1");
	json_add_int(o, "call", n->call_id);
	json_add_int(o, "mentor", n->mentor_id);
	json_add_time(o, "created_at", n->created_at);
	cJSON_AddStringToObject(o, "reflection", n->reflection);
	cJSON_AddStringToObject(o, "call_quality", n->call_quality);
	json_add_time(o, "call_start_time", n->call_start_time);
	add_int_or_null(o, "call_activity", n->call_activity_id);
	if (n->version == 2) {
		cJSON_AddStringToObject(o, "call_result", n->call_result);
		cJSON_AddStringToObject(o, "activity_progress",
		    n->activity_progress);
		add_int_or_null(o, "activity", n->activity_id);
		add_int_or_null(o, "objective_achieved", n->objective_achieved);
		add_int_or_null(o, "rating", n->rating);
		cJSON_AddStringToObject(o, "mood", n->mood);
	} else {
		cJSON_AddStringToObject(o, "mentee_state", n->mentee_state);
		cJSON_AddBoolToObject(o, "objective_achieved",
		    n->objective_met);
		if (n->activity_helpful < 0)
			cJSON_AddNullToObject(o, "activity_helpful");
		else
			json_add_int(o, "activity_helpful",
			    n->activity_helpful);
	}
	cJSON_AddNullToObject(o, "call_data");
	cJSON_AddNullToObject(o, "activity_data");
	return o;
}

cJSON *
render_call_note_view(const void *row)
{
	const struct call_note_view	*v = row;
	cJSON				*o = render_call_note(&v->note);

	cJSON_ReplaceItemInObjectCaseSensitive(o, "call_data",
	    render_call(&v->call));
	if (v->has_activity)
		cJSON_ReplaceItemInObjectCaseSensitive(o, "activity_data",
		    render_activity(&v->activity));
	return o;
}

static const char *const app_message_types[MESSAGE_TYPE__MAX] = {
	"SYSTEM", "USER"
};
static const char *const app_message_directions[MESSAGE_DIRECTION__MAX] = {
	"INBOUND", "OUTBOUND"
};

cJSON *
render_app_message(const void *row)
{
	const struct message	*m = row;
	cJSON			*o = cJSON_CreateObject();

	json_add_int(o, "id", m->id);
	cJSON_AddStringToObject(o, "content", m->content);
	json_add_time(o, "time_sent", m->time_sent);
	cJSON_AddStringToObject(o, "direction",
	    app_message_directions[m->direction]);
	cJSON_AddStringToObject(o, "message_type",
	    app_message_types[m->type]);
	json_add_int(o, "sender", m->sender_id);
	json_add_int(o, "recipient", m->recipient_id);
	cJSON_AddStringToObject(o, "delivery_status",
	    message_delivery_names[m->delivery]);
	return o;
}

cJSON *
render_blog_post(const void *row)
{
	const struct blog_post	*p = row;
	cJSON			*o = cJSON_CreateObject(), *body;

	json_add_int(o, "id", p->id);
	cJSON_AddStringToObject(o, "title", p->title);
	json_add_time(o, "created_at", p->created_at);
	add_path(o, "thumbnail", p->thumbnail);
	add_path(o, "image", p->image);
	/* Checked when written (blog_post_check_body); a body that is not
	 * JSON any more is an empty text, never null: null stops the app. */
	body = cJSON_Parse(p->body_content);
	cJSON_AddItemToObject(o, "body_content", body != NULL ? body :
	    cJSON_CreateString(""));
	cJSON_AddBoolToObject(o, "is_hidden", p->is_hidden);
	return o;
}
