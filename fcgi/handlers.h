/* Route handlers, one group per API area (one file each). */
#ifndef MT_HANDLERS_H
#define MT_HANDLERS_H

#include "fcgi/http.h"

/* api_health.c */
void	handle_healthz(struct request *r);
/* api_auth.c */
void	handle_auth_me(struct request *r);
void	handle_auth_password(struct request *r);
void	handle_auth_login(struct request *r);
void	handle_auth_session(struct request *r);
void	handle_auth_logout(struct request *r);

/* api_admin.c (superusers) */
void	handle_mentee_list(struct request *r);
void	handle_mentee_create(struct request *r);
void	handle_mentee_get(struct request *r);
void	handle_mentee_update(struct request *r);
void	handle_mentor_list(struct request *r);
void	handle_mentor_create(struct request *r);
void	handle_mentor_get(struct request *r);
void	handle_mentor_update(struct request *r);
/* api_records.c (superusers) */
void	handle_admin_call_get(struct request *r);
void	handle_admin_webhook_list(struct request *r);
void	handle_admin_outbox_list(struct request *r);
void	handle_admin_outbox_retry(struct request *r);
/* api_mentor.c (mentors) */
void	handle_call_list(struct request *r);
void	handle_call_create(struct request *r);
void	handle_call_get(struct request *r);
void	handle_call_end(struct request *r);
void	handle_message_list(struct request *r);
void	handle_message_create(struct request *r);
void	handle_message_get(struct request *r);
void	handle_event_list(struct request *r);
void	handle_event_get(struct request *r);
void	handle_task_list(struct request *r);
void	handle_task_get(struct request *r);
void	handle_task_update(struct request *r);
void	handle_schedule_list(struct request *r);
void	handle_schedule_create(struct request *r);
void	handle_schedule_get(struct request *r);
void	handle_schedule_update(struct request *r);
void	handle_schedule_delete(struct request *r);

/* api_comms.c (providers and superusers) */
void	handle_comms_call_list(struct request *r);
void	handle_comms_call_get(struct request *r);
void	handle_comms_call_end(struct request *r);
void	handle_comms_message_list(struct request *r);
void	handle_comms_message_create(struct request *r);
void	handle_comms_message_get(struct request *r);
void	handle_comms_feedback_list(struct request *r);
void	handle_comms_feedback_create(struct request *r);
void	handle_comms_feedback_get(struct request *r);
void	handle_oniondev_call_end(struct request *r);
void	handle_oniondev_feedback(struct request *r);
void	handle_oniondev_message(struct request *r);

#endif
