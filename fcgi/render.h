/*
 * Models as JSON, field names exactly as the seed spells them.  Ids are
 * JSON integers; times ISO 8601 UTC with microseconds, or null.
 *
 * The mentor views never contain a phone number: only the admin and
 * provider views (render_*_admin, render_message_comms) do.
 *
 * Each takes its model's struct through a const void * so that it can
 * draw the rows of any list (fcgi/paginate.h): render_call takes a
 * const struct call *, render_message a const struct message *, and so on.
 */
#ifndef MT_RENDER_H
#define MT_RENDER_H

#include <cjson/cJSON.h>

#include "models/activity.h"
#include "models/blog_post.h"
#include "models/call.h"
#include "models/call_note.h"
#include "models/category.h"
#include "models/cdr.h"
#include "models/event.h"
#include "models/feedback.h"
#include "models/mentee.h"
#include "models/mentor.h"
#include "models/message.h"
#include "models/outbox.h"
#include "models/scheduled_call.h"
#include "models/task.h"
#include "models/webhook_log.h"
#include "services/call_notes.h"

cJSON	*render_call(const void *call);
/* render_call plus the provider's view: partner_id, partner times,
 * recording_url, call_id, status_reason. */
cJSON	*render_call_admin(const void *call);
cJSON	*render_message(const void *message);
/* render_message with the numbers, for providers and admins. */
cJSON	*render_message_comms(const void *message);
cJSON	*render_feedback(const void *feedback);
cJSON	*render_event(const void *event);
cJSON	*render_task(const void *task);
cJSON	*render_scheduled_call(const void *scheduled_call);
cJSON	*render_mentee_admin(const void *mentee);
cJSON	*render_mentor_admin(const void *mentor);
cJSON	*render_cdr(const struct cdr *c);
/* The account as /auth/me and the session endpoints show it. */
cJSON	*render_account(const struct user *u);
/* body is text when it is UTF-8, else null with "body_is_utf8": false. */
cJSON	*render_webhook_entry(const void *webhook_entry);
cJSON	*render_outbox_entry(const void *outbox_entry);

/*
 * The Android app's views (/v2/mentor, docs/api: the "App" schemas):
 * images as paths or null, enums as the app spells them, no number.
 */
cJSON	*render_profile(const void *mentor);
/* {"id", "android_registration_token"}: the mentor's own. */
cJSON	*render_notification_settings(const void *mentor);
cJSON	*render_category(const void *category);
cJSON	*render_activity(const void *activity);
/* An activity for admins (/admin/activity): with description, without
 * is_complete, which is a mentor's. */
cJSON	*render_activity_admin(const void *activity);
/* A call note; call_data and activity_data are null. */
cJSON	*render_call_note(const void *call_note);
/* The note of a struct call_note_view with its call and activity. */
cJSON	*render_call_note_view(const void *call_note_view);
/* direction INBOUND/OUTBOUND, message_type USER/SYSTEM. */
cJSON	*render_app_message(const void *message);
cJSON	*render_blog_post(const void *blog_post);

#endif
