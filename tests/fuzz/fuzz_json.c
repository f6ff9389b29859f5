/*
 * The JSON reader (strict RFC 8259, then cJSON) and every validator of
 * fcgi/validate.c on what it accepts: the path of every request body.
 */
#include "config.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/json.h"
#include "fcgi/validate.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_errors		 fe;
	struct arena			 a;
	struct account_input		 acc;
	struct mentor_input		 mi;
	struct message_input		 msg;
	struct relayed_message_input	 rel;
	struct schedule_input		 sch;
	struct feedback			 fb;
	struct call_input		 call;
	struct call_note_input		 note;
	struct category_input		 cat;
	struct activity_input		 act;
	struct blog_post_input		 blog;
	enum task_status		 ts;
	char				 contact[PHONE_E164_LEN];
	const char			*s1, *s2, *why;
	bool				 given;
	cJSON				*j;

	if ((j = json_parse((const char *)data, size, &why)) == NULL)
		return 0;
	arena_init(&a, 1 << 20);
	field_errors_init(&fe);
#define V(call) do { (void)(call); field_errors_release(&fe); } while (0)
	V(validate_account(j, true, &a, &acc, contact, &fe));
	V(validate_account(j, false, &a, &acc, contact, &fe));
	V(validate_mentor(j, true, &a, &mi, contact, &fe));
	V(validate_mentor(j, false, &a, &mi, contact, &fe));
	V(validate_message(j, &a, &msg, &fe));
	V(validate_relayed_message(j, &a, &rel, &fe));
	V(validate_schedule(j, false, &a, &sch, &fe));
	V(validate_schedule(j, true, &a, &sch, &fe));
	V(validate_task_status(j, false, &a, &ts, &given, &fe));
	V(validate_feedback(j, &a, &fb, &fe));
	V(validate_login(j, &a, &s1, &s2, &fe));
	V(validate_reset_request(j, &a, &s1, &fe));
	V(validate_reset_confirm(j, &a, &s1, &s2, &fe));
	V(validate_password_change(j, &a, &s1, &s2, &fe));
	V(validate_profile(j, &a, &mi, &fe));
	V(validate_device_token(j, &a, &mi, &fe));
	V(validate_call(j, &call, &fe));
	V(validate_call_note(j, false, &a, &note, &fe));
	V(validate_call_note(j, true, &a, &note, &fe));
	V(validate_category(j, false, &a, &cat, &fe));
	V(validate_category(j, true, &a, &cat, &fe));
	V(validate_activity(j, false, &a, &act, &fe));
	V(validate_activity(j, true, &a, &act, &fe));
	V(validate_blog_post(j, false, &a, &blog, &fe));
	V(validate_blog_post(j, true, &a, &blog, &fe));
#undef V
	cJSON_Delete(j);
	arena_release(&a);
	return 0;
}
