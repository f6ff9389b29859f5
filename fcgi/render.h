/*
 * Models as JSON, field names exactly as the seed spells them.  Ids are
 * JSON integers; times ISO 8601 UTC with microseconds, or null.
 *
 * The mentor views never contain a phone number: only the admin and
 * provider views (render_*_admin, render_message_comms) do.
 */
#ifndef MT_RENDER_H
#define MT_RENDER_H

#include <cjson/cJSON.h>

#include "models/call.h"
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

cJSON	*render_call(const struct call *c);
/* render_call plus the provider's view: partner_id, partner times,
 * recording_url, call_id, status_reason. */
cJSON	*render_call_admin(const struct call *c);
cJSON	*render_message(const struct message *m);
/* render_message with the numbers, for providers and admins. */
cJSON	*render_message_comms(const struct message *m);
cJSON	*render_feedback(const struct feedback *f);
cJSON	*render_event(const struct event *e);
cJSON	*render_task(const struct task *t);
cJSON	*render_scheduled_call(const struct scheduled_call *sc);
cJSON	*render_mentee_admin(const struct mentee *m);
cJSON	*render_mentor_admin(const struct mentor *m);
cJSON	*render_cdr(const struct cdr *c);
/* body is text when it is UTF-8, else null with "body_is_utf8": false. */
cJSON	*render_webhook_entry(const struct webhook_entry *e);
cJSON	*render_outbox_entry(const struct outbox_entry *e);

#endif
