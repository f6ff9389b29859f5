#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "fcgi/handlers.h"
#include "fcgi/router.h"

const struct route routes[] = {
	{ HTTP_GET,	"/healthz",		handle_healthz,		ACCESS_PUBLIC, 0 },
	{ HTTP_GET,	"/auth/me",		handle_auth_me,		ACCESS_USER, 0 },
	{ HTTP_POST,	"/auth/password",	handle_auth_password,	ACCESS_USER, 0 },
	{ HTTP_POST,	"/auth/login",		handle_auth_login,	ACCESS_PUBLIC, 0 },
	{ HTTP_GET,	"/auth/session",	handle_auth_session,	ACCESS_USER, 0 },
	{ HTTP_POST,	"/auth/logout",		handle_auth_logout,	ACCESS_PUBLIC, 0 },

	{ HTTP_GET,	"/mentor/mentee",	handle_mentee_list,	ACCESS_SUPERUSER, 0 },
	{ HTTP_POST,	"/mentor/mentee",	handle_mentee_create,	ACCESS_SUPERUSER, 0 },
	{ HTTP_GET,	"/mentor/mentee/{id}",	handle_mentee_get,	ACCESS_SUPERUSER, 0 },
	{ HTTP_PUT,	"/mentor/mentee/{id}",	handle_mentee_update,	ACCESS_SUPERUSER, 0 },
	{ HTTP_GET,	"/mentor/mentor",	handle_mentor_list,	ACCESS_SUPERUSER, 0 },
	{ HTTP_POST,	"/mentor/mentor",	handle_mentor_create,	ACCESS_SUPERUSER, 0 },
	{ HTTP_GET,	"/mentor/mentor/{id}",	handle_mentor_get,	ACCESS_SUPERUSER, 0 },
	{ HTTP_PUT,	"/mentor/mentor/{id}",	handle_mentor_update,	ACCESS_SUPERUSER, 0 },

	{ HTTP_GET,	"/admin/call/{id}",	handle_admin_call_get,	ACCESS_SUPERUSER, 0 },
	{ HTTP_GET,	"/admin/webhook",	handle_admin_webhook_list, ACCESS_SUPERUSER, 0 },
	{ HTTP_GET,	"/admin/outbox",	handle_admin_outbox_list, ACCESS_SUPERUSER, 0 },
	{ HTTP_POST,	"/admin/outbox/{id}/retry", handle_admin_outbox_retry, ACCESS_SUPERUSER, 0 },

	{ HTTP_GET,	"/mentor/call",		handle_call_list,	ACCESS_MENTOR, 0 },
	/* The seed: these ignore any data sent, so the body is not parsed. */
	{ HTTP_POST,	"/mentor/call",		handle_call_create,	ACCESS_MENTOR, ROUTE_RAW_BODY },
	{ HTTP_GET,	"/mentor/call/{id}",	handle_call_get,	ACCESS_MENTOR, 0 },
	{ HTTP_PUT,	"/mentor/call/{id}",	handle_call_end,	ACCESS_MENTOR, ROUTE_RAW_BODY },
	{ HTTP_PATCH,	"/mentor/call/{id}",	handle_call_end,	ACCESS_MENTOR, ROUTE_RAW_BODY },
	{ HTTP_GET,	"/mentor/message",	handle_message_list,	ACCESS_MENTOR, 0 },
	{ HTTP_POST,	"/mentor/message",	handle_message_create,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/message/{id}",	handle_message_get,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/event",	handle_event_list,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/event/{id}",	handle_event_get,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/task",		handle_task_list,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/task/{id}",	handle_task_get,	ACCESS_MENTOR, 0 },
	{ HTTP_PUT,	"/mentor/task/{id}",	handle_task_update,	ACCESS_MENTOR, 0 },
	{ HTTP_PATCH,	"/mentor/task/{id}",	handle_task_update,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/schedule",	handle_schedule_list,	ACCESS_MENTOR, 0 },
	{ HTTP_POST,	"/mentor/schedule",	handle_schedule_create,	ACCESS_MENTOR, 0 },
	{ HTTP_GET,	"/mentor/schedule/{id}", handle_schedule_get,	ACCESS_MENTOR, 0 },
	{ HTTP_PUT,	"/mentor/schedule/{id}", handle_schedule_update, ACCESS_MENTOR, 0 },
	{ HTTP_PATCH,	"/mentor/schedule/{id}", handle_schedule_update, ACCESS_MENTOR, 0 },
	{ HTTP_DELETE,	"/mentor/schedule/{id}", handle_schedule_delete, ACCESS_MENTOR, 0 },

	{ HTTP_GET,	"/comms/call",		handle_comms_call_list,	ACCESS_COMMS, 0 },
	{ HTTP_GET,	"/comms/call/{id}",	handle_comms_call_get,	ACCESS_COMMS, 0 },
	{ HTTP_PUT,	"/comms/call/{id}",	handle_comms_call_end,	ACCESS_COMMS, ROUTE_RAW_BODY },
	{ HTTP_PATCH,	"/comms/call/{id}",	handle_comms_call_end,	ACCESS_COMMS, ROUTE_RAW_BODY },
	{ HTTP_GET,	"/comms/message",	handle_comms_message_list, ACCESS_COMMS, 0 },
	{ HTTP_POST,	"/comms/message",	handle_comms_message_create, ACCESS_COMMS, 0 },
	{ HTTP_GET,	"/comms/message/{id}",	handle_comms_message_get, ACCESS_COMMS, 0 },
	{ HTTP_GET,	"/comms/feedback",	handle_comms_feedback_list, ACCESS_COMMS, 0 },
	{ HTTP_POST,	"/comms/feedback",	handle_comms_feedback_create, ACCESS_COMMS, 0 },
	{ HTTP_GET,	"/comms/feedback/{id}",	handle_comms_feedback_get, ACCESS_COMMS, 0 },
	{ HTTP_POST,	"/comms/onion_dev_call_end", handle_oniondev_call_end, ACCESS_COMMS, ROUTE_RAW_BODY },
	{ HTTP_POST,	"/comms/onion_dev_feedback", handle_oniondev_feedback, ACCESS_COMMS, ROUTE_RAW_BODY },
	{ HTTP_POST,	"/comms/onion_dev_message", handle_oniondev_message, ACCESS_COMMS, ROUTE_RAW_BODY },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

#define ID_MAX_DIGITS	18

/*
 * Matches path against pattern; captures "{id}" segments.  A trailing
 * slash on path is ignored.  1 on match, 0 otherwise.
 */
static int
route_path_match(const char *pattern, const char *path,
    int64_t ids[REQUEST_MAX_IDS], size_t *nids)
{
	const char	*p = pattern, *s = path;
	size_t		 n = 0;

	while (*p != '\0') {
		if (strncmp(p, "{id}", 4) == 0) {
			const char	*start = s;
			int64_t		 v = 0;

			while (isdigit((unsigned char)*s)) {
				if (s - start == ID_MAX_DIGITS)
					return 0;
				v = v * 10 + (*s - '0');
				s++;
			}
			if (s == start || v == 0 || n == REQUEST_MAX_IDS)
				return 0;
			ids[n++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s == '/' && s[1] == '\0')
		s++;
	if (*s != '\0')
		return 0;
	*nids = n;
	return 1;
}

const struct route *
router_match(enum http_method method, const char *path,
    int64_t ids[REQUEST_MAX_IDS], size_t *nids, unsigned *allowed)
{
	enum http_method	want = method == HTTP_HEAD ? HTTP_GET : method;
	int64_t			tmp[REQUEST_MAX_IDS];
	size_t			ntmp;

	*allowed = 0;
	for (size_t i = 0; i < nroutes; i++) {
		if (!route_path_match(routes[i].pattern, path, tmp, &ntmp))
			continue;
		*allowed |= 1u << routes[i].method;
		if (routes[i].method == HTTP_GET)
			*allowed |= 1u << HTTP_HEAD;
		if (routes[i].method == want) {
			memcpy(ids, tmp, sizeof(tmp[0]) * ntmp);
			*nids = ntmp;
			return &routes[i];
		}
	}
	return NULL;
}

const char *
router_allow_header(struct arena *a, unsigned allowed)
{
	struct buf	 b;
	const char	*out;

	buf_init(&b, 256);
	for (int m = 0; m < HTTP_METHOD__MAX; m++)
		if (allowed & (1u << m))
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    http_method_names[m]);
	out = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_release(&b);
	return out;
}
