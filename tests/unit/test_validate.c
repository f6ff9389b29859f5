/*
 * The validators of fcgi/validate.c: pure functions from a request body
 * (or a query value) to a lib/ operation's typed input, or DRF field
 * errors.  No database: what needs one is the operation's to check.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "fcgi/validate.h"
#include "models/password_reset.h"

static struct arena		a;
static struct field_errors	fe;
static cJSON			*body;

static void
setup(void)
{
	arena_init(&a, 0);
	field_errors_init(&fe);
	body = NULL;
}

static void
teardown(void)
{
	cJSON_Delete(body);
	field_errors_release(&fe);
	arena_release(&a);
}

TestSuite(validate, .init = setup, .fini = teardown);

/* The body of a test, parsed (kept until teardown). */
static const cJSON *
json(const char *text)
{
	cJSON_Delete(body);
	cr_assert_not_null(body = cJSON_Parse(text), "%s", text);
	return body;
}

/* The first error about field, or NULL. */
static const char *
error_of(const char *field)
{
	const cJSON	*list;

	if (fe.obj == NULL)
		return NULL;
	list = cJSON_GetObjectItemCaseSensitive(fe.obj, field);
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
		return NULL;
	return cJSON_GetArrayItem(list, 0)->valuestring;
}

static void
clear(void)
{
	field_errors_release(&fe);
	field_errors_init(&fe);
}

Test(validate, account_create_needs_username_number_and_password)
{
	struct account_input	in;
	char			contact[PHONE_E164_LEN];

	cr_assert_eq(validate_account(json("{\"username\": \"tony\", "
	    "\"password\": \"long-enough\", \"contact_number\": "
	    "\"+27 12 345 6789\", \"first_name\": \"Tony\"}"), true, &a, &in,
	    contact, &fe), 0);
	cr_assert_str_eq(in.username, "tony");
	cr_assert_str_eq(in.first_name, "Tony");
	cr_assert_null(in.last_name, "left out: not given");
	cr_assert_str_eq(in.contact_number, "+27123456789");
	cr_assert_str_eq(in.password, "long-enough");

	cr_assert_eq(validate_account(json("{}"), true, &a, &in, contact, &fe),
	    -1);
	cr_assert_str_eq(error_of("username"), "This field is required.");
	cr_assert_str_eq(error_of("password"), "This field is required.");
	cr_assert_str_eq(error_of("contact_number"), "This field is required.");
	clear();
	/* Updating: the password may be left out. */
	cr_assert_eq(validate_account(json("{\"username\": \"tony\", "
	    "\"contact_number\": \"+27123456789\"}"), false, &a, &in, contact,
	    &fe), 0);
	cr_assert_null(in.password);
}

Test(validate, account_fields_follow_the_models_rules)
{
	struct account_input	in;
	char			contact[PHONE_E164_LEN];

	cr_assert_eq(validate_account(json("{\"username\": \"to ny\", "
	    "\"password\": \"short\", \"contact_number\": \"0123\", "
	    "\"email\": \"nobody\"}"), true, &a, &in, contact, &fe), -1);
	cr_assert(strncmp(error_of("username"), "Enter a valid username.",
	    23) == 0);
	cr_assert_str_eq(error_of("password"),
	    "Ensure this field has at least 8 characters.");
	cr_assert_str_eq(error_of("contact_number"),
	    "Enter a valid phone number.");
	cr_assert_str_eq(error_of("email"), "Enter a valid email address.");
	clear();
	cr_assert_eq(validate_account(json("[1]"), true, &a, &in, contact, &fe),
	    -1);
	cr_assert_str_eq(error_of("non_field_errors"),
	    "Invalid data. Expected a dictionary.");
}

Test(validate, mentor_needs_a_mentee_and_keeps_what_is_left_out)
{
	struct mentor_input	in;
	char			contact[PHONE_E164_LEN];

	cr_assert_eq(validate_mentor(json("{\"username\": \"adam\", "
	    "\"contact_number\": \"+27987654321\", \"mentee\": 2, "
	    "\"job_title\": \"Nurse\", \"skills\": null}"), false, &a, &in,
	    contact, &fe), 0);
	cr_assert_eq(in.mentee_id, 2);
	cr_assert_str_eq(in.profile.job_title, "Nurse");
	cr_assert_null(in.profile.skills, "null keeps the value, as absent");
	cr_assert_null(in.profile.motivation);
	cr_assert_null(in.android_registration_token);
	cr_assert_eq(validate_mentor(json("{\"username\": \"adam\", "
	    "\"contact_number\": \"+27987654321\", \"mentee\": \"two\"}"),
	    false, &a, &in, contact, &fe), -1);
	cr_assert_not_null(error_of("mentee"));
}

Test(validate, message_content_is_required_and_at_most_1600)
{
	struct message_input	in;
	char			long_body[1700 + 32], x1601[1602];

	cr_assert_eq(validate_message(json("{\"content\": \"hi\", "
	    "\"recipient_id\": 7}"), &a, &in, &fe), 0);
	cr_assert_str_eq(in.content, "hi");
	cr_assert_eq(in.recipient_id, 7);
	cr_assert_eq(in.sender_id, 0);
	cr_assert_eq(validate_message(NULL, &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("content"), "This field is required.");
	clear();
	memset(x1601, 'x', 1601);
	x1601[1601] = '\0';
	snprintf(long_body, sizeof(long_body), "{\"content\": \"%s\"}", x1601);
	cr_assert_eq(validate_message(json(long_body), &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("content"),
	    "Ensure this field has no more than 1600 characters.");
}

Test(validate, relayed_message_takes_e164_and_msisdns)
{
	struct relayed_message_input	in;

	cr_assert_eq(validate_relayed_message(json("{\"sender_contact\": "
	    "\"919876543321\", \"recipient_contact\": \"+27820000001\", "
	    "\"content\": \"x\"}"), &a, &in, &fe), 0);
	cr_assert_str_eq(in.sender, "+919876543321");
	cr_assert_str_eq(in.recipient, "+27820000001");
	cr_assert_eq(validate_relayed_message(json("{\"sender_contact\": "
	    "\"abc\", \"content\": \"x\"}"), &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("sender_contact"),
	    "Enter a valid phone number.");
	cr_assert_str_eq(error_of("recipient_contact"),
	    "This field is required.");
}

Test(validate, schedule_call_time_in_the_future_and_activity)
{
	struct schedule_input	in;

	time_set_now(0);
	cr_assert_eq(validate_schedule(json("{\"call_time\": "
	    "\"2099-12-23T17:30:00+02:00\", \"activity\": 4}"), false, &a,
	    &in, &fe), 0);
	cr_assert(in.has_call_time);
	cr_assert_eq(in.call_time, INT64_C(4101723000) * TIME_US);
	cr_assert(in.has_activity);
	cr_assert_eq(in.activity_id, 4);
	/* null: none, and given. */
	cr_assert_eq(validate_schedule(json("{\"activity\": null}"), true, &a,
	    &in, &fe), 0);
	cr_assert(!in.has_call_time && in.has_activity && in.activity_id == 0);
	cr_assert_eq(validate_schedule(json("{\"call_time\": "
	    "\"2001-01-01T00:00:00Z\"}"), false, &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("call_time"),
	    "Call time must be in the future.");
	clear();
	cr_assert_eq(validate_schedule(json("{\"call_time\": \"soon\"}"), true,
	    &a, &in, &fe), -1);
	cr_assert(strncmp(error_of("call_time"), "Datetime has wrong format.",
	    26) == 0);
	clear();
	/* POST and PUT need it; PATCH does not. */
	cr_assert_eq(validate_schedule(NULL, false, &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("call_time"), "This field is required.");
	clear();
	cr_assert_eq(validate_schedule(NULL, true, &a, &in, &fe), 0);
}

Test(validate, task_status_is_one_of_three)
{
	enum task_status	st;
	bool			given;

	cr_assert_eq(validate_task_status(json("{\"status\": \"in-progress\"}"),
	    false, &a, &st, &given, &fe), 0);
	cr_assert(given);
	cr_assert_eq(st, TASK_IN_PROGRESS);
	cr_assert_eq(validate_task_status(json("{}"), true, &a, &st, &given,
	    &fe), 0);
	cr_assert_not(given, "PATCH without status changes nothing");
	cr_assert_eq(validate_task_status(json("{\"status\": \"finished\"}"),
	    true, &a, &st, &given, &fe), -1);
	cr_assert_str_eq(error_of("status"),
	    "\"finished\" is not a valid choice.");
	clear();
	cr_assert_eq(validate_task_status(json("\"done\""), true, &a, &st,
	    &given, &fe), -1);
	cr_assert_not_null(error_of("non_field_errors"));
}

Test(validate, feedback_content_must_be_json_text)
{
	struct feedback	f;

	cr_assert_eq(validate_feedback(json("{\"sender_id\": 2, \"call_id\": 1,"
	    " \"complete\": true, \"content\": \"[{\\\"q\\\": 1}]\"}"), &a, &f,
	    &fe), 0);
	cr_assert_eq(f.sender_id, 2);
	cr_assert_eq(f.call_id, 1);
	cr_assert(f.completed);
	cr_assert_str_eq(f.content, "[{\"q\": 1}]");
	cr_assert_eq(validate_feedback(json("{\"sender_id\": 2, \"call_id\": 1,"
	    " \"complete\": true, \"content\": \"{not json\"}"), &a, &f, &fe),
	    -1);
	cr_assert_str_eq(error_of("content"), "Value must be valid JSON.");
}

Test(validate, query_values)
{
	int64_t		 n;
	const char	*st;

	cr_assert_eq(validate_since_id(NULL, &n, &fe), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(validate_since_id("42", &n, &fe), 0);
	cr_assert_eq(n, 42);
	cr_assert_eq(validate_since_id("0", &n, &fe), -1);
	cr_assert_eq(validate_since_id("4x", &n, &fe), -1);
	cr_assert_eq(validate_since_id("-3", &n, &fe), -1);
	cr_assert_eq(validate_since_id("99999999999999999999", &n, &fe), -1);
	cr_assert_str_eq(error_of("since_id"),
	    "A valid positive integer is required.");
	clear();
	cr_assert_eq(validate_outbox_status("", &a, &st, &fe), 0);
	cr_assert_null(st);
	cr_assert_eq(validate_outbox_status("dead", &a, &st, &fe), 0);
	cr_assert_str_eq(st, "dead");
	cr_assert_eq(validate_outbox_status("lost", &a, &st, &fe), -1);
	cr_assert_str_eq(error_of("status"), "\"lost\" is not a valid choice.");
}

Test(validate, password_change_and_login)
{
	const char	*x, *y;

	cr_assert_eq(validate_password_change(json("{\"current_password\": "
	    "\"old\", \"new_password\": \"new-and-long\"}"), &a, &x, &y, &fe),
	    0);
	cr_assert_str_eq(x, "old");
	cr_assert_str_eq(y, "new-and-long");
	cr_assert_eq(validate_password_change(json("{\"current_password\": "
	    "\"old\", \"new_password\": \"short\"}"), &a, &x, &y, &fe), -1);
	cr_assert_str_eq(error_of("new_password"),
	    "Ensure this field has at least 8 characters.");
	clear();
	cr_assert_eq(validate_login(json("{\"username\": \"Tony@Example.org\","
	    " \"password\": \"p\"}"), &a, &x, &y, &fe), 0);
	cr_assert_str_eq(x, "Tony@Example.org");
	cr_assert_eq(validate_login(NULL, &a, &x, &y, &fe), -1);
	cr_assert_not_null(error_of("username"));
	cr_assert_not_null(error_of("password"));
}

Test(validate, a_reset_request_needs_an_address_read_as_a_login)
{
	const char	*email;

	cr_assert_eq(validate_reset_request(json("{\"email\": \" Adam@Example."
	    "ORG \"}"), &a, &email, &fe), 0);
	cr_assert_str_eq(email, "adam@example.org");
	cr_assert_eq(validate_reset_request(json("{\"email\": \"adam\"}"), &a,
	    &email, &fe), -1);
	cr_assert_str_eq(error_of("email"), "Enter a valid email address.");
	clear();
	cr_assert_eq(validate_reset_request(json("{\"email\": \"   \"}"), &a,
	    &email, &fe), -1);
	cr_assert_str_eq(error_of("email"), "This field may not be blank.");
	clear();
	cr_assert_eq(validate_reset_request(json("{\"email\": 7}"), &a, &email,
	    &fe), -1);
	cr_assert_not_null(error_of("email"));
	clear();
	cr_assert_eq(validate_reset_request(json("{}"), &a, &email, &fe), -1);
	cr_assert_str_eq(error_of("email"), "This field is required.");
}

Test(validate, a_reset_confirmation_needs_two_equal_acceptable_passwords)
{
	const char	*token, *pw;

	cr_assert_eq(validate_reset_confirm(json("{\"token\": \"12345 67890\", "
	    "\"new_password\": \"long enough\", \"check_new_password\": "
	    "\"long enough\"}"), &a, &token, &pw, &fe), 0);
	cr_assert_str_eq(token, "12345 67890");
	cr_assert_str_eq(pw, "long enough");
	cr_assert_eq(validate_reset_confirm(json("{\"token\": \"1\", "
	    "\"new_password\": \"long enough\", \"check_new_password\": "
	    "\"long enougH\"}"), &a, &token, &pw, &fe), -1);
	cr_assert_str_eq(error_of("check_new_password"), "The two password "
	    "fields didn't match.");
	clear();
	cr_assert_eq(validate_reset_confirm(json("{\"token\": \"1\", "
	    "\"new_password\": \"short\", \"check_new_password\": \"short\"}"),
	    &a, &token, &pw, &fe), -1);
	cr_assert_str_eq(error_of("new_password"), "Ensure this field has at "
	    "least 8 characters.");
	clear();
	cr_assert_eq(validate_reset_confirm(json("{}"), &a, &token, &pw, &fe),
	    -1);
	cr_assert_not_null(error_of("token"));
	cr_assert_not_null(error_of("new_password"));
	cr_assert_not_null(error_of("check_new_password"));
}

Test(validate, reset_codes_are_ten_digits_as_typed)
{
	char	code[RESET_CODE_SIZE];

	cr_assert_eq(password_reset_normalize("0123456789", code), 0);
	cr_assert_str_eq(code, "0123456789");
	cr_assert_eq(password_reset_normalize(" 01234-56789 ", code), 0);
	cr_assert_str_eq(code, "0123456789");
	cr_assert_eq(password_reset_normalize("012345678", code), -1);
	cr_assert_eq(password_reset_normalize("01234567890", code), -1);
	cr_assert_eq(password_reset_normalize("01234a6789", code), -1);
	cr_assert_eq(password_reset_normalize("", code), -1);
}

Test(validate, a_category_follows_the_models_rules)
{
	struct category_input	in;

	cr_assert_eq(validate_category(json("{\"title\": \"Getting to know "
	    "each other\", \"color\": \"#2B7AB5\", \"ordinal\": -1, "
	    "\"is_hidden\": true, \"image\": \"/x.png\"}"), false, &a, &in,
	    &fe), 0);
	cr_assert_str_eq(in.title, "Getting to know each other");
	cr_assert_str_eq(in.color, "#2B7AB5");
	cr_assert(in.has_ordinal && in.ordinal == -1);
	cr_assert(in.has_hidden && in.is_hidden);
	cr_assert_eq(validate_category(json("{\"title\": \"\", \"color\": "
	    "\"blue\"}"), false, &a, &in, &fe), -1);
	cr_assert_not_null(error_of("title"));
	cr_assert_not_null(error_of("color"));
	clear();
	cr_assert_eq(validate_category(json("{}"), false, &a, &in, &fe), -1);
	cr_assert_str_eq(error_of("title"), "This field is required.");
	clear();
	/* PATCH: what is left out keeps its value */
	cr_assert_eq(validate_category(json("{\"ordinal\": 3}"), true, &a, &in,
	    &fe), 0);
	cr_assert_null(in.title);
	cr_assert_not(in.has_hidden);
}

Test(validate, an_activity_needs_its_category)
{
	struct activity_input	in;

	cr_assert_eq(validate_activity(json("{\"title\": \"Hobbies\"}"), false,
	    &a, &in, &fe), -1);
	cr_assert_not_null(error_of("category"));
	clear();
	cr_assert_eq(validate_activity(json("{\"title\": \"Hobbies\", "
	    "\"category\": 4, \"prompts\": \"What do you do on Sundays?\"}"),
	    false, &a, &in, &fe), 0);
	cr_assert_eq(in.category_id, 4);
	cr_assert_str_eq(in.prompts, "What do you do on Sundays?");
	cr_assert_eq(validate_activity(json("{\"category\": null}"), true, &a,
	    &in, &fe), -1);
	cr_assert_not_null(error_of("category"));
}

Test(validate, a_blog_body_holds_only_the_blocks_the_app_draws)
{
	struct blog_post_input	in;

	cr_assert_eq(validate_blog_post(json("{\"title\": \"Listening\", "
	    "\"body_content\": [\"Intro\", {\"type\": \"heading\", \"value\": "
	    "\"Why\"}, {\"type\": \"numbered_list\", \"value\": [\"a\", "
	    "\"b\"]}]}"), false, &a, &in, &fe), 0);
	cr_assert_not_null(strstr(in.body_content, "numbered_list"));
	cr_assert_eq(validate_blog_post(json("{\"title\": \"Listening\", "
	    "\"body_content\": [{\"type\": \"video\", \"value\": \"x\"}]}"),
	    false, &a, &in, &fe), -1);
	cr_assert_not_null(error_of("body_content"));
	clear();
	cr_assert_eq(validate_blog_post(json("{\"title\": \"Listening\", "
	    "\"body_content\": null}"), false, &a, &in, &fe), -1);
	cr_assert_not_null(error_of("body_content"));
}

/* Found by tests/fuzz: a number beyond long's range was cast to long
 * (undefined behaviour) before its range was checked. */
Test(validate, huge_numbers_are_invalid_not_undefined)
{
	struct call_note_input	in;

	cr_assert_eq(validate_call_note(json("{\"version\": "
	    "8888888888888888888888888888812, \"call_quality\": "
	    "\"EXCELLENT\"}"), false, &a, &in, &fe), -1);
	cr_assert_not_null(error_of("version"));
	clear();
	cr_assert_eq(validate_call_note(json("{\"version\": \"2\", \"call\": 1, "
	    "\"rating\": -1e300, \"mood\": \"HAPPY\"}"), false, &a, &in, &fe),
	    -1);
	cr_assert_not_null(error_of("rating"));
}
