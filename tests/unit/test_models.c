/*
 * The seed's model methods, as this tree implements them, against a real
 * MariaDB: Call (lib/models/call, lib/services/calls), ScheduledCall
 * (lib/models/scheduled_call, lib/services/schedule) and Message
 * (lib/models/message, lib/services/messaging).
 *
 * Every test makes its own mentee and mentor under unique usernames and
 * unique E.164 numbers (random digits: the rows of earlier runs stay in
 * the database and a pid repeats), and looks only at rows that belong to
 * them, so parallel runs keep out of each other's way.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <cjson/cJSON.h>

#include "auth/password.h"
#include "core/timeutil.h"
#include "models/call.h"
#include "models/mentee.h"
#include "models/mentor.h"
#include "models/message.h"
#include "models/outbox.h"
#include "models/scheduled_call.h"
#include "providers/provider.h"
#include "services/calls.h"
#include "services/messaging.h"
#include "services/schedule.h"
#include "dbfixture.h"

TestSuite(call, .init = dbfixture_setup_schema, .fini = dbfixture_teardown);
TestSuite(scheduled_call, .init = dbfixture_setup_schema,
    .fini = dbfixture_teardown);
TestSuite(message, .init = dbfixture_setup_schema,
    .fini = dbfixture_teardown);

/* ---- helpers ---- */

static int64_t
at(const char *sql_time)
{
	int64_t	us;

	cr_assert_eq(time_parse_sql(sql_time, &us), 0, "%s", sql_time);
	return us;
}

/* "+27" and 12 random digits: 15 digits, the most E.164 allows. */
static const char *
unique_number(void)
{
	unsigned char	r[12];
	char		num[16] = "+27";

	cr_assert_eq(random_bytes(r, sizeof(r)), 0);
	for (size_t i = 0; i < sizeof(r); i++)
		num[3 + i] = (char)('0' + r[i] % 10);
	num[15] = '\0';
	return arena_strdup(&fx.arena, num);
}

static void
user_fill(struct user *u, const char *prefix, bool with_number)
{
	const char	*name = dbfixture_unique(prefix);

	memset(u, 0, sizeof(*u));
	u->username = name;
	u->email = arena_printf(&fx.arena, "%s@example.org", name);
	u->first_name = "Test";
	u->last_name = "Person";
	u->password_hash = "!";
	u->contact_number = with_number ? unique_number() : NULL;
	u->external_id = "";
}

static int64_t
make_mentee(bool with_number)
{
	struct user	u;
	int64_t		id = 0;
	int		rc;

	user_fill(&u, "mentee_", with_number);
	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	rc = db_finish(fx.db, mentee_create(fx.db, &u, &id));
	cr_assert_eq(rc, OUTCOME_OK, "mentee_create: %d %s", rc,
	    db_last_error(fx.db));
	cr_assert_gt(id, 0);
	return id;
}

static int64_t
make_mentor(int64_t mentee_id, bool with_number)
{
	struct mentor	m;
	int64_t		id = 0;
	int		rc;

	memset(&m, 0, sizeof(m));
	user_fill(&m.user, "mentor_", with_number);
	m.mentee_id = mentee_id;
	m.android_registration_token = "token-for-tests";
	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	rc = db_finish(fx.db, mentor_create(fx.db, &m, &id));
	cr_assert_eq(rc, OUTCOME_OK, "mentor_create: %d %s", rc,
	    db_last_error(fx.db));
	cr_assert_gt(id, 0);
	return id;
}

static const char *
contact_of(int64_t user_id)
{
	struct db_rows	r;

	cr_assert_eq(db_query(fx.db,
	    "SELECT contact_number FROM users WHERE id = ?",
	    DB_ARGS(DB_INT(user_id)), &fx.arena, &r), OUTCOME_OK);
	cr_assert_eq(r.nrows, 1);
	return db_rows_str(&r, 0, 0);
}

static int64_t
count(const char *sql, const struct db_val *params, size_t nparams)
{
	int64_t	n = -1;
	int	rc;

	rc = db_count(fx.db, sql, params, nparams, &n);
	cr_assert_eq(rc, OUTCOME_OK, "%s: %d %s", sql, rc, db_last_error(fx.db));
	return n;
}

static int64_t
events_of(int64_t mentor_id, const char *type, int64_t object_id)
{
	return count("SELECT COUNT(*) FROM events WHERE relevant_mentor_id = ?"
	    " AND event_type = ? AND object_id = ?", DB_ARGS(DB_INT(mentor_id),
	    DB_STR(type), DB_INT(object_id)));
}

static int64_t
outbox_of(int64_t recipient_id, const char *kind)
{
	return count("SELECT COUNT(*) FROM outbox WHERE recipient_id = ?"
	    " AND kind = ?", DB_ARGS(DB_INT(recipient_id), DB_STR(kind)));
}

/* The payloads of recipient's outbox entries of kind, oldest first. */
static struct db_rows
outbox_payloads(int64_t recipient_id, const char *kind)
{
	struct db_rows	r;

	cr_assert_eq(db_query(fx.db, "SELECT payload, status, message_id"
	    " FROM outbox WHERE recipient_id = ? AND kind = ? ORDER BY id",
	    DB_ARGS(DB_INT(recipient_id), DB_STR(kind)), &fx.arena, &r),
	    OUTCOME_OK);
	return r;
}

/* The string field name of the JSON object text, in the arena. */
static const char *
json_str(const char *text, const char *name)
{
	cJSON		*o = cJSON_Parse(text), *v;
	const char	*s = NULL;

	cr_assert_not_null(o, "not JSON: %s", text);
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (cJSON_IsString(v))
		s = arena_strdup(&fx.arena, v->valuestring);
	cJSON_Delete(o);
	cr_assert_not_null(s, "no string %s in %s", name, text);
	return s;
}

/* A call from mentor to mentee, inserted as it is. */
static void
insert_call(struct call *c, int64_t mentor_id, int64_t mentee_id)
{
	memset(c, 0, sizeof(*c));
	c->caller_id = mentor_id;
	c->receiver_id = mentee_id;
	c->status = CALL_INPROGRESS;
	cr_assert_eq(call_insert(fx.db, c), OUTCOME_OK, "%s", db_last_error(fx.db));
	cr_assert_gt(c->id, 0);
}

/*
 * The provider reports that call c (known to it as pid) ended well, with
 * the partner's times and recording in c.  The outcome.
 */
static int
report_success(struct call *c, const char *pid, bool *already)
{
	struct call_end_report	rep;
	struct outcome_detail	d;
	int64_t			id = 0;
	int			rc;

	memset(&rep, 0, sizeof(rep));
	rep.partner_id = pid;
	rep.conversation_id = c->call_id;
	rep.start_time = c->partner_start_time;
	rep.end_time = c->partner_end_time;
	rep.recording_url = c->recording_url;
	rep.success = true;
	outcome_detail_init(&d);
	rc = call_report_end(fx.db, &fx.arena, &rep, &id, already, &d);
	cr_assert_eq(rc, OUTCOME_OK, "%d %s %s", rc, d.text,
	    db_last_error(fx.db));
	cr_assert_eq(id, c->id);
	cr_assert_str_eq(d.text, *already ?
	    "The end of this call was reported already." : "Call ended.");
	cr_assert_not(db_in_transaction(fx.db));
	return rc;
}

/* Gives call c the provider's id pid, as dialling does. */
static void
set_partner_id(struct call *c, const char *pid)
{
	c->partner_id = pid;
	cr_assert_eq(call_save(fx.db, c), OUTCOME_OK, "%s",
	    db_last_error(fx.db));
}

static void
example_providers(struct providers *ps)
{
	char	why[256] = "";

	free(fx.conf.providers_voice);
	free(fx.conf.providers_sms);
	free(fx.conf.providers_push);
	cr_assert_not_null(fx.conf.providers_voice = strdup("example"));
	cr_assert_not_null(fx.conf.providers_sms = strdup("example"));
	cr_assert_not_null(fx.conf.providers_push = strdup("example"));
	cr_assert_eq(providers_init(ps, &fx.conf, fx.db, why, sizeof(why)), 0,
	    "providers_init: %s", why);
}

/* ---- Call: status, pure methods ---- */

Test(call, status_parse_knows_every_name_and_nothing_else)
{
	enum call_status	s;

	for (int i = 0; i < CALL_STATUS__MAX; i++) {
		cr_assert_eq(call_status_parse(call_status_names[i], &s), 0);
		cr_assert_eq((int)s, i);
	}
	cr_assert_str_eq(call_status_names[CALL_INPROGRESS], "inprogress");
	cr_assert_eq(call_status_parse("In progress", &s), -1);
	cr_assert_eq(call_status_parse("", &s), -1);
	cr_assert_eq(call_status_parse("SUCCESSFUL", &s), -1);
}

Test(call, set_status_is_read_back_with_its_reason)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	struct call	c, got;

	insert_call(&c, mentor, mentee);
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.status, CALL_INPROGRESS);
	cr_assert_str_eq(got.status_reason, "");

	for (int i = 0; i < CALL_STATUS__MAX; i++) {
		call_set_status(&got, (enum call_status)i,
		    call_status_names[i]);
		cr_assert_eq(call_save(fx.db, &got), OUTCOME_OK);
		cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
		cr_assert_eq((int)got.status, i);
		cr_assert_str_eq(got.status_reason, call_status_names[i]);
	}
	call_set_status(&got, CALL_INACTIVE, NULL);
	cr_assert_eq(call_save(fx.db, &got), OUTCOME_OK);
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.status, CALL_INACTIVE);
	cr_assert_str_eq(got.status_reason, "");
}

Test(call, duration_is_partner_end_minus_partner_start)
{
	struct call	c;

	memset(&c, 0, sizeof(c));
	cr_assert_eq(call_duration_us(&c), -1);
	c.partner_start_time = at("2016-01-14 08:56:59.152335");
	cr_assert_eq(call_duration_us(&c), -1);
	c.partner_end_time = at("2016-01-14 09:01:01.152336");
	cr_assert_eq(call_duration_us(&c), 242 * TIME_US + 1);
	c.partner_start_time = 0;
	cr_assert_eq(call_duration_us(&c), -1);
}

Test(call, lag_is_partner_start_minus_our_start)
{
	struct call	c;

	memset(&c, 0, sizeof(c));
	cr_assert_eq(call_lag_us(&c), -1);
	c.start_time = at("2016-01-14 08:56:50.000000");
	cr_assert_eq(call_lag_us(&c), -1);
	c.partner_start_time = at("2016-01-14 08:56:59.500000");
	cr_assert_eq(call_lag_us(&c), 9500000);
	c.start_time = 0;
	cr_assert_eq(call_lag_us(&c), -1);
}

Test(call, status_display_names_each_status)
{
	static const char *const want[CALL_STATUS__MAX] = {
		"Successful", "Scheduled", "Inactive", "In progress"
	};
	struct call	c;

	memset(&c, 0, sizeof(c));
	for (int i = 0; i < CALL_STATUS__MAX; i++) {
		c.status = (enum call_status)i;
		cr_assert_str_eq(call_status_display(&c), want[i]);
	}
}

Test(call, has_timed_out_only_when_in_progress_unreported_and_late)
{
	int64_t		start = at("2016-01-14 08:00:00.000000");
	int64_t		timeout = 3600 * TIME_US;
	struct call	c;

	memset(&c, 0, sizeof(c));
	c.start_time = start;
	c.status = CALL_INPROGRESS;
	cr_assert_not(call_has_timed_out(&c, start, timeout));
	cr_assert_not(call_has_timed_out(&c, start + timeout, timeout));
	cr_assert(call_has_timed_out(&c, start + timeout + 1, timeout));
	/* The now argument is what counts, not the clock. */
	time_set_now(start);
	cr_assert(call_has_timed_out(&c, start + 2 * timeout, timeout));
	time_set_now(start + 2 * timeout);
	cr_assert_not(call_has_timed_out(&c, start + 1, timeout));
	time_set_now(0);

	c.partner_end_time = start + 60 * TIME_US;
	cr_assert_not(call_has_timed_out(&c, start + 2 * timeout, timeout));
	c.partner_end_time = 0;
	for (int i = 0; i < CALL_STATUS__MAX; i++) {
		if (i == CALL_INPROGRESS)
			continue;
		c.status = (enum call_status)i;
		cr_assert_not(call_has_timed_out(&c, start + 2 * timeout,
		    timeout), "%s", call_status_names[i]);
	}
}

/* ---- Call: the database ---- */

/* The seed's from_partner_id, as the call-end report runs it: locking. */
Test(call, from_partner_id_finds_the_call_the_provider_knows)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	const char	*pid = dbfixture_unique("partner-");
	const char	*conv = dbfixture_unique("conv-");
	struct call	c, got;

	insert_call(&c, mentor, mentee);
	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	cr_assert_eq(call_lock_by_provider_ids(fx.db, &fx.arena, pid, NULL,
	    &got), OUTCOME_NOT_FOUND);
	db_rollback(fx.db);
	set_partner_id(&c, pid);
	c.call_id = conv;
	cr_assert_eq(call_save(fx.db, &c), OUTCOME_OK);
	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	cr_assert_eq(call_lock_by_provider_ids(fx.db, &fx.arena, pid, NULL,
	    &got), OUTCOME_OK);
	cr_assert_eq(got.id, c.id);
	cr_assert_eq(got.caller_id, mentor);
	cr_assert_eq(got.receiver_id, mentee);
	cr_assert_str_eq(got.partner_id, pid);
	/* By the conversation id when the partner id is unknown. */
	cr_assert_eq(call_lock_by_provider_ids(fx.db, &fx.arena,
	    dbfixture_unique("partner-"), conv, &got), OUTCOME_OK);
	cr_assert_eq(got.id, c.id);
	cr_assert_eq(call_lock_by_provider_ids(fx.db, &fx.arena,
	    dbfixture_unique("partner-"), NULL, &got), OUTCOME_NOT_FOUND);
	db_rollback(fx.db);
}

Test(call, reminders_push_the_types_the_app_knows)
{
	cr_assert_str_eq(push_type_for_reminder(86400), "CALL_STARTING_HOUR");
	cr_assert_str_eq(push_type_for_reminder(3600), "CALL_STARTING_HOUR");
	cr_assert_str_eq(push_type_for_reminder(600), "CALL_STARTING_10_MIN");
	cr_assert_str_eq(push_type_for_reminder(60), "CALL_STARTING_1_MIN");
	cr_assert_str_eq(push_type_for_reminder(0), "CALL_STARTING_1_MIN");
}

Test(call, ended_sets_end_time_once)
{
	int64_t		t1 = at("2031-02-03 04:05:06.000007");
	struct call	c;

	memset(&c, 0, sizeof(c));
	cr_assert(call_ended(&c, t1));
	cr_assert_eq(c.end_time, t1);
	cr_assert_not(call_ended(&c, t1 + 60 * TIME_US));
	cr_assert_eq(c.end_time, t1, "the first end time stays");
}

Test(call, end_now_stores_the_first_end_time_of_the_callers_call)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	int64_t		other = make_mentor(mentee, true);
	int64_t		t1 = at("2031-02-03 04:05:06.000007");
	struct call	c, got;

	insert_call(&c, mentor, mentee);
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.end_time, 0);

	time_set_now(t1);
	cr_assert_eq(call_end_now(fx.db, &fx.arena, c.id, mentor, &got),
	    OUTCOME_OK);
	cr_assert_eq(got.end_time, t1, "the call as stored comes back");
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.end_time, t1);

	time_set_now(t1 + 60 * TIME_US);
	cr_assert_eq(call_end_now(fx.db, &fx.arena, c.id, mentor, &got),
	    OUTCOME_OK);
	cr_assert_eq(got.end_time, t1, "the first end time stays");
	/* Another mentor's call is not found; 0 is any caller (Comms). */
	cr_assert_eq(call_end_now(fx.db, &fx.arena, c.id, other, &got),
	    OUTCOME_NOT_FOUND);
	cr_assert_eq(call_end_now(fx.db, &fx.arena, c.id, 0, &got),
	    OUTCOME_OK);
	cr_assert_eq(got.end_time, t1);
	cr_assert_not(db_in_transaction(fx.db));
	time_set_now(0);
}

Test(call, dial_starts_a_call_through_the_example_provider)
{
	int64_t			 mentee = make_mentee(true);
	int64_t			 mentor = make_mentor(mentee, true);
	int64_t			 t = at("2031-03-04 05:06:07.000000");
	struct providers	 ps;
	struct call		 c, got;
	struct db_rows		 r;
	const char		*want_pid;
	struct outcome_detail	 d;
	int			 rc;

	example_providers(&ps);
	time_set_now(t);
	outcome_detail_init(&d);
	rc = call_dial(fx.db, &ps, &fx.arena, mentor, NULL, &c, &d);
	cr_assert_eq(rc, OUTCOME_OK, "call_dial: %d %s (%s)", rc, d.text,
	    db_last_error(fx.db));
	cr_assert_str_eq(d.text, "");
	cr_assert_gt(c.id, 0);
	cr_assert_eq(c.caller_id, mentor);
	cr_assert_eq(c.receiver_id, mentee);
	cr_assert_eq(c.status, CALL_INPROGRESS);
	cr_assert_eq(c.start_time, t);
	cr_assert_eq(c.end_time, 0);
	cr_assert_not_null(c.partner_id);
	cr_assert(strncmp(c.partner_id, "example-", 8) == 0, "%s",
	    c.partner_id);

	/* The provider was asked to connect the mentor to the mentee. */
	cr_assert_eq(db_query(fx.db, "SELECT id, kind, destination, payload"
	    " FROM provider_log WHERE partner_id = ?",
	    DB_ARGS(DB_STR(c.partner_id)), &fx.arena, &r), OUTCOME_OK);
	cr_assert_eq(r.nrows, 1);
	want_pid = arena_printf(&fx.arena, "example-%s", db_rows_str(&r, 0, 0));
	cr_assert_str_eq(c.partner_id, want_pid);
	cr_assert_str_eq(db_rows_str(&r, 0, 1), "call");
	cr_assert_str_eq(db_rows_str(&r, 0, 2), contact_of(mentee));
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 3), "from"),
	    contact_of(mentor));
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 3), "to"),
	    contact_of(mentee));

	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_str_eq(got.partner_id, c.partner_id, "the id is stored");
	cr_assert_eq(events_of(mentor, "start_call", c.id), 1);
	cr_assert_eq(events_of(mentor, "call_failed", c.id), 0);
	time_set_now(0);
	providers_release(&ps);
}

Test(call, dial_without_a_contact_number_records_an_inactive_call)
{
	int64_t			 mentee = make_mentee(true);
	int64_t			 mentor = make_mentor(mentee, false);
	struct providers	 ps;
	struct call		 c, got;
	struct outcome_detail	 d;
	int			 rc;

	example_providers(&ps);
	memset(&c, 0, sizeof(c));
	outcome_detail_init(&d);
	rc = call_dial(fx.db, &ps, &fx.arena, mentor, NULL, &c, &d);
	cr_assert_eq(rc, OUTCOME_PROVIDER_FAILED, "call_dial: %d", rc);
	cr_assert_str_eq(d.text, "The voice provider could not start the "
	    "call: a contact number is missing");
	cr_assert_gt(c.id, 0);
	cr_assert_eq(c.status, CALL_INACTIVE);
	cr_assert_null(c.partner_id);
	cr_assert_str_eq(c.status_reason, "a contact number is missing");
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.status, CALL_INACTIVE);
	cr_assert_eq(events_of(mentor, "start_call", c.id), 1);
	cr_assert_eq(events_of(mentor, "call_failed", c.id), 1);
	cr_assert_eq(count("SELECT COUNT(*) FROM provider_log"
	    " WHERE kind = 'call' AND destination = ?",
	    DB_ARGS(DB_STR(contact_of(mentee)))), 0,
	    "the provider was not asked");
	providers_release(&ps);
}

Test(call, dial_by_no_mentor_is_invalid)
{
	int64_t			 mentee = make_mentee(true);
	struct providers	 ps;
	struct call		 c;
	struct outcome_detail	 d;
	int64_t			 before;

	example_providers(&ps);
	before = count("SELECT COUNT(*) FROM calls WHERE receiver_id = ?",
	    DB_ARGS(DB_INT(mentee)));
	/* A mentee is a user but no mentor. */
	outcome_detail_init(&d);
	cr_assert_eq(call_dial(fx.db, &ps, &fx.arena, mentee, NULL, &c, &d),
	    OUTCOME_INVALID);
	cr_assert_str_eq(d.text, "No mentee is linked to this mentor.");
	cr_assert_eq(call_dial(fx.db, &ps, &fx.arena, INT64_C(1) << 60, NULL, &c,
	    &d), OUTCOME_INVALID);
	cr_assert_eq(count("SELECT COUNT(*) FROM calls WHERE receiver_id = ?",
	    DB_ARGS(DB_INT(mentee))), before);
	providers_release(&ps);
}

Test(call, handle_ended_successful_closes_the_call_with_a_feedback_task)
{
	int64_t		 mentee = make_mentee(true);
	int64_t		 mentor = make_mentor(mentee, true);
	int64_t		 start = at("2016-02-08 16:13:27.000000");
	int64_t		 now = at("2016-02-08 16:45:00.000000");
	const char	*pid = dbfixture_unique("partner-");
	struct call	 c, got;
	struct db_rows	 r;
	bool		 already;

	memset(&c, 0, sizeof(c));
	c.start_time = start;
	c.caller_id = mentor;
	c.receiver_id = mentee;
	c.status = CALL_INPROGRESS;
	cr_assert_eq(call_insert(fx.db, &c), OUTCOME_OK);
	set_partner_id(&c, pid);
	c.partner_start_time = start + 5 * TIME_US;
	c.partner_end_time = start + 605 * TIME_US;
	c.recording_url = "https://example.org/rec.mp3";
	c.call_id = dbfixture_unique("conv-");

	time_set_now(now);
	report_success(&c, pid, &already);
	time_set_now(0);
	cr_assert_not(already);

	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.status, CALL_SUCCESSFUL);
	cr_assert_gt(got.feedback_task_id, 0);
	c.feedback_task_id = got.feedback_task_id;
	cr_assert_eq(got.end_time, now);
	cr_assert_eq(got.partner_start_time, c.partner_start_time);
	cr_assert_eq(got.partner_end_time, c.partner_end_time);
	cr_assert_eq(call_duration_us(&got), 600 * TIME_US);
	cr_assert_eq(call_lag_us(&got), 5 * TIME_US);
	cr_assert_str_eq(got.recording_url, c.recording_url);
	cr_assert_str_eq(got.call_id, c.call_id);
	cr_assert_eq(got.feedback_task_id, c.feedback_task_id);

	cr_assert_eq(db_query(fx.db, "SELECT mentor_id, description, status,"
	    " call_id FROM tasks WHERE id = ?",
	    DB_ARGS(DB_INT(c.feedback_task_id)), &fx.arena, &r), OUTCOME_OK);
	cr_assert_eq(r.nrows, 1);
	cr_assert_eq(db_rows_int(&r, 0, 0), mentor);
	cr_assert_str_eq(db_rows_str(&r, 0, 1),
	    "Complete feedback for call at 16:13 on 2016-02-08");
	cr_assert_str_eq(db_rows_str(&r, 0, 2), "pending");
	cr_assert_eq(db_rows_int(&r, 0, 3), c.id);

	cr_assert_eq(events_of(mentor, "call_ended", c.id), 1);
	cr_assert_eq(events_of(mentor, "feedback_task", c.feedback_task_id), 1);
	cr_assert_eq(outbox_of(mentor, "push"), 1);
	cr_assert_eq(outbox_of(mentor, "sms"), 0);
	cr_assert_eq(outbox_of(mentee, "push") + outbox_of(mentee, "sms"), 0);
	r = outbox_payloads(mentor, "push");
	cr_assert_str_eq(db_rows_str(&r, 0, 1), "pending");
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 0), "title"),
	    "Call ended");
	/* The Android app's push: {"type", "payload": JSON text}. */
	{
		cJSON	*p = cJSON_Parse(db_rows_str(&r, 0, 0));
		cJSON	*data = cJSON_GetObjectItem(p, "data");
		char	 want[64];

		snprintf(want, sizeof(want), "{\"object_id\": %lld}",
		    (long long)c.id);
		cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(data,
		    "type")), "CALL_ENDED");
		cr_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(data,
		    "payload")), want);
		cJSON_Delete(p);
	}

	/* The same report again changes nothing. */
	report_success(&c, pid, &already);
	cr_assert(already);
	cr_assert_eq(events_of(mentor, "call_ended", c.id), 1);
	cr_assert_eq(outbox_of(mentor, "push"), 1);
	cr_assert_eq(count("SELECT COUNT(*) FROM tasks WHERE call_id = ?",
	    DB_ARGS(DB_INT(c.id))), 1);
}

Test(call, handle_ended_successful_keeps_an_end_time_already_set)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	int64_t		end = at("2031-05-06 07:08:09.000000");
	const char	*pid = dbfixture_unique("partner-");
	struct call	c, got;
	bool		already;

	insert_call(&c, mentor, mentee);
	c.end_time = end;
	set_partner_id(&c, pid);
	time_set_now(end + 3600 * TIME_US);
	report_success(&c, pid, &already);
	time_set_now(0);
	cr_assert_eq(call_get(fx.db, &fx.arena, c.id, &got), OUTCOME_OK);
	cr_assert_eq(got.end_time, end);
	cr_assert_eq(got.status, CALL_SUCCESSFUL);
}

/* ---- ScheduledCall ---- */

/* A plan to move or make a call at `when`. */
static struct schedule_input
plan(int64_t when)
{
	return (struct schedule_input){ .has_call_time = true,
	    .call_time = when };
}

static void
schedule(struct scheduled_call *sc, int64_t mentor, const char *when)
{
	struct schedule_input	in = plan(at(when));
	int			rc;

	rc = schedule_create(fx.db, &fx.arena, mentor, &in, sc, NULL);
	cr_assert_eq(rc, OUTCOME_OK, "schedule_create: %d %s", rc,
	    db_last_error(fx.db));
	cr_assert_gt(sc->id, 0);
}

/* The contents of the system messages from mentor to mentee, in order. */
static struct db_rows
system_messages(int64_t mentor, int64_t mentee)
{
	struct db_rows	r;

	cr_assert_eq(db_query(fx.db, "SELECT content, direction,"
	    " delivery_status, id FROM messages WHERE sender_id = ?"
	    " AND recipient_id = ? AND message_type = 'system' ORDER BY id",
	    DB_ARGS(DB_INT(mentor), DB_INT(mentee)), &fx.arena, &r), OUTCOME_OK);
	return r;
}

Test(scheduled_call, texts_give_the_time_in_utc)
{
	struct scheduled_call	sc;
	char			buf[256];

	memset(&sc, 0, sizeof(sc));
	sc.call_time = at("2016-12-23 17:30:45.123456");
	cr_assert_str_eq(scheduled_call_text_scheduled(&sc, buf, sizeof(buf)),
	    "Your mentor has scheduled a call with you for "
	    "2016-12-23 17:30 UTC.");
	cr_assert_str_eq(scheduled_call_text_rescheduled(&sc, buf,
	    sizeof(buf)), "Your mentor has moved your call to "
	    "2016-12-23 17:30 UTC.");
	cr_assert_str_eq(scheduled_call_text_cancelled(&sc, buf, sizeof(buf)),
	    "Your mentor has cancelled your call of 2016-12-23 17:30 UTC.");
	/* Each returns out, cut to its size. */
	cr_assert_eq(scheduled_call_text_cancelled(&sc, buf, 8), buf);
	cr_assert_str_eq(buf, "Your me");
}

Test(scheduled_call, notify_callee_sends_a_system_message)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc;
	struct message		m, got;
	struct db_rows		r;
	int			rc;

	memset(&sc, 0, sizeof(sc));
	sc.call_time = at("2031-01-01 10:00:00.000000");
	sc.caller_id = mentor;
	sc.callee_id = mentee;
	cr_assert_eq(scheduled_call_insert(fx.db, &sc), OUTCOME_OK);

	cr_assert_eq(db_begin(fx.db), OUTCOME_OK);
	rc = db_finish(fx.db, scheduled_call_notify_callee(fx.db, &sc,
	    "See you soon", &m));
	cr_assert_eq(rc, OUTCOME_OK, "%d %s", rc, db_last_error(fx.db));
	cr_assert_gt(m.id, 0);

	cr_assert_eq(message_get(fx.db, &fx.arena, m.id, &got), OUTCOME_OK);
	cr_assert_eq(got.sender_id, mentor);
	cr_assert_eq(got.recipient_id, mentee);
	cr_assert_eq(got.type, MESSAGE_SYSTEM);
	cr_assert_eq(got.direction, MESSAGE_OUTBOUND);
	cr_assert_eq(got.delivery, DELIVERY_QUEUED);
	cr_assert_str_eq(got.content, "See you soon");

	cr_assert_eq(outbox_of(mentee, "sms"), 1);
	r = outbox_payloads(mentee, "sms");
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 0), "text"),
	    "See you soon");
	cr_assert_eq(db_rows_int(&r, 0, 2), m.id);
	cr_assert_eq(events_of(mentor, "message_sent", m.id), 1);
}

Test(scheduled_call, create_notifies_and_records_the_event)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc, got;
	struct schedule_input	in;
	struct outcome_detail	d;
	struct db_rows		r;

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	cr_assert_eq(sc.caller_id, mentor);
	cr_assert_eq(sc.callee_id, mentee);
	cr_assert_eq(scheduled_call_get_by_caller(fx.db, &fx.arena, sc.id,
	    mentor, &got), OUTCOME_OK);
	cr_assert_eq(got.call_time, sc.call_time);
	cr_assert_eq(got.cancelled_at, 0);

	r = system_messages(mentor, mentee);
	cr_assert_eq(r.nrows, 1);
	cr_assert_str_eq(db_rows_str(&r, 0, 0), "Your mentor has scheduled a "
	    "call with you for 2031-06-07 08:09 UTC.");
	cr_assert_eq(outbox_of(mentee, "sms"), 1);
	cr_assert_eq(events_of(mentor, "call_scheduled", sc.id), 1);
	cr_assert_eq(events_of(mentor, "message_sent",
	    db_rows_int(&r, 0, 3)), 1);

	/* Only a mentor can schedule; an activity must exist. */
	in = plan(sc.call_time);
	cr_assert_eq(schedule_create(fx.db, &fx.arena, mentee, &in, &got,
	    NULL), OUTCOME_INVALID);
	in.has_activity = true;
	in.activity_id = INT64_C(1) << 60;
	outcome_detail_init(&d);
	cr_assert_eq(schedule_create(fx.db, &fx.arena, mentor, &in, &got,
	    &d), OUTCOME_INVALID);
	cr_assert_str_eq(d.field, "activity");
	cr_assert_eq(events_of(mentor, "call_scheduled", sc.id), 1);
	cr_assert_eq(system_messages(mentor, mentee).nrows, 1,
	    "nothing of a refused plan is stored");
}

Test(scheduled_call, reschedule_to_a_new_time_tells_the_mentee)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc, move, got;
	struct schedule_input	in = plan(at("2031-06-08 19:45:00.000000"));
	struct db_rows		r;
	int			rc;

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	rc = schedule_reschedule(fx.db, &fx.arena, mentor, sc.id, &in, &move,
	    NULL);
	cr_assert_eq(rc, OUTCOME_OK, "%d %s", rc, db_last_error(fx.db));
	cr_assert_eq(move.call_time, at("2031-06-08 19:45:00.000000"));
	cr_assert_eq(scheduled_call_get_by_caller(fx.db, &fx.arena, sc.id,
	    mentor, &got), OUTCOME_OK);
	cr_assert_eq(got.call_time, move.call_time);

	r = system_messages(mentor, mentee);
	cr_assert_eq(r.nrows, 2);
	cr_assert_str_eq(db_rows_str(&r, 1, 0), "Your mentor has moved your "
	    "call to 2031-06-08 19:45 UTC.");
	cr_assert_eq(outbox_of(mentee, "sms"), 2);
	cr_assert_eq(events_of(mentor, "call_rescheduled", sc.id), 1);
}

Test(scheduled_call, reschedule_to_the_same_time_says_nothing)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc, same;
	struct schedule_input	in;

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	in = plan(sc.call_time);
	cr_assert_eq(schedule_reschedule(fx.db, &fx.arena, mentor, sc.id, &in,
	    &same, NULL), OUTCOME_OK);
	cr_assert_eq(same.call_time, sc.call_time);
	cr_assert_eq(system_messages(mentor, mentee).nrows, 1);
	cr_assert_eq(outbox_of(mentee, "sms"), 1);
	cr_assert_eq(events_of(mentor, "call_rescheduled", sc.id), 0);
}

Test(scheduled_call, reschedule_of_someone_elses_call_is_not_found)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	int64_t			other = make_mentor(mentee, true);
	struct scheduled_call	sc, move, got;
	struct schedule_input	in = plan(at("2031-06-09 08:09:00.000000"));

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	cr_assert_eq(schedule_reschedule(fx.db, &fx.arena, other, sc.id, &in,
	    &move, NULL), OUTCOME_NOT_FOUND);
	cr_assert_eq(scheduled_call_get_by_caller(fx.db, &fx.arena, sc.id,
	    mentor, &got), OUTCOME_OK);
	cr_assert_eq(got.call_time, sc.call_time);
	cr_assert_eq(system_messages(other, mentee).nrows, 0);
}

Test(scheduled_call, cancel_hides_the_call_and_tells_the_mentee)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc, got, move;
	struct schedule_input	in;
	struct list_filter	mine = { .user_id = mentor };
	struct db_rows		r;
	void			*list = NULL;
	size_t			n = 99;
	int64_t			cnt = -1;

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	cr_assert_eq(db_list_count(fx.db, &scheduled_call_list_by_caller,
	    &mine, &cnt), OUTCOME_OK);
	cr_assert_eq(cnt, 1);
	cr_assert_eq(schedule_cancel(fx.db, &fx.arena, mentor, sc.id), OUTCOME_OK);

	cr_assert_eq(scheduled_call_get_by_caller(fx.db, &fx.arena, sc.id,
	    mentor, &got), OUTCOME_NOT_FOUND);
	cr_assert_eq(db_list_fetch(fx.db, &fx.arena,
	    &scheduled_call_list_by_caller, &mine, 0, 100, &list, &n),
	    OUTCOME_OK);
	cr_assert_eq(n, 0);
	cr_assert_eq(db_list_count(fx.db, &scheduled_call_list_by_caller,
	    &mine, &cnt), OUTCOME_OK);
	cr_assert_eq(cnt, 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM scheduled_calls WHERE id = ?"
	    " AND cancelled_at IS NOT NULL", DB_ARGS(DB_INT(sc.id))), 1,
	    "kept, marked cancelled");

	r = system_messages(mentor, mentee);
	cr_assert_eq(r.nrows, 2);
	cr_assert_str_eq(db_rows_str(&r, 1, 0), "Your mentor has cancelled "
	    "your call of 2031-06-07 08:09 UTC.");
	cr_assert_eq(outbox_of(mentee, "sms"), 2);
	cr_assert_eq(events_of(mentor, "call_cancelled", sc.id), 1);

	/* Gone for good: neither cancelled again nor moved. */
	cr_assert_eq(schedule_cancel(fx.db, &fx.arena, mentor, sc.id),
	    OUTCOME_NOT_FOUND);
	in = plan(sc.call_time + 3600 * TIME_US);
	cr_assert_eq(schedule_reschedule(fx.db, &fx.arena, mentor, sc.id, &in,
	    &move, NULL), OUTCOME_NOT_FOUND);
	cr_assert_eq(system_messages(mentor, mentee).nrows, 2);
}

static int64_t
reminders_of(int64_t scheduled_call_id)
{
	return count("SELECT COUNT(*) FROM call_reminders"
	    " WHERE scheduled_call_id = ?", DB_ARGS(DB_INT(scheduled_call_id)));
}

Test(scheduled_call, remind_caller_once_per_type_and_call_time)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	struct scheduled_call	sc, move;
	struct schedule_input	in = plan(at("2031-06-09 08:09:00.000000"));
	struct db_rows		r;
	int			rc;

	schedule(&sc, mentor, "2031-06-07 08:09:00.000000");
	cr_assert_eq(outbox_of(mentor, "push"), 0);

	rc = scheduled_call_remind_caller(fx.db, &sc, "day_before",
	    PUSH_CALL_STARTING_HOUR, NULL);
	cr_assert_eq(rc, OUTCOME_OK, "%d %s", rc, db_last_error(fx.db));
	cr_assert_eq(outbox_of(mentor, "push"), 1);
	cr_assert_eq(reminders_of(sc.id), 1);
	r = outbox_payloads(mentor, "push");
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 0), "body"),
	    "You have a call with your mentee at 2031-06-07 08:09 UTC.");
	cr_assert(strstr(db_rows_str(&r, 0, 0), "\"type\":\"CALL_STARTING_HOUR\"")
	    != NULL, "%s", db_rows_str(&r, 0, 0));

	/* The same reminder again: nothing. */
	cr_assert_eq(scheduled_call_remind_caller(fx.db, &sc, "day_before",
	    PUSH_CALL_STARTING_HOUR, NULL), OUTCOME_CONFLICT);
	cr_assert_eq(outbox_of(mentor, "push"), 1);
	cr_assert_eq(reminders_of(sc.id), 1);

	/* Another type is another reminder. */
	cr_assert_eq(scheduled_call_remind_caller(fx.db, &sc, "hour_before",
	    PUSH_CALL_STARTING_1_MIN, "Soon"), OUTCOME_OK);
	cr_assert_eq(outbox_of(mentor, "push"), 2);
	r = outbox_payloads(mentor, "push");
	cr_assert_str_eq(json_str(db_rows_str(&r, 1, 0), "body"), "Soon");

	/* A new time deserves the reminders again. */
	cr_assert_eq(schedule_reschedule(fx.db, &fx.arena, mentor, sc.id, &in,
	    &move, NULL), OUTCOME_OK);
	cr_assert_eq(scheduled_call_remind_caller(fx.db, &move, "day_before",
	    PUSH_CALL_STARTING_HOUR, NULL), OUTCOME_OK);
	cr_assert_eq(outbox_of(mentor, "push"), 3);
	cr_assert_eq(reminders_of(sc.id), 3);
	cr_assert_eq(scheduled_call_remind_caller(fx.db, &move, "day_before",
	    PUSH_CALL_STARTING_HOUR, NULL), OUTCOME_CONFLICT);
	cr_assert_eq(outbox_of(mentor, "push"), 3);
	cr_assert_eq(reminders_of(sc.id), 3);
	/* Nothing went to the mentee but the two scheduling SMS. */
	cr_assert_eq(outbox_of(mentee, "push"), 0);
	cr_assert_eq(outbox_of(mentee, "sms"), 2);
}

/* ---- Message ---- */

Test(message, send_and_create_stores_queues_and_records)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	int64_t			t = at("2031-07-08 09:10:11.121314");
	struct message_input	in = { .content = "Hello \"there\", "
				    "caf\xc3\xa9\nbye", .sender_id = mentor };
	struct message		m, got;
	struct db_rows		r;
	int			rc;

	time_set_now(t);
	rc = message_create_by_mentor(fx.db, &fx.arena, mentor, &in, &m, NULL);
	time_set_now(0);
	cr_assert_eq(rc, OUTCOME_OK, "%d %s", rc, db_last_error(fx.db));
	cr_assert_gt(m.id, 0);
	cr_assert_eq(m.recipient_id, mentee, "to the mentor's own mentee");
	cr_assert_eq(m.time_sent, t, "the message as stored comes back");

	cr_assert_eq(message_get(fx.db, &fx.arena, m.id, &got), OUTCOME_OK);
	cr_assert_eq(got.time_sent, t);
	cr_assert_eq(got.sender_id, mentor);
	cr_assert_eq(got.recipient_id, mentee);
	cr_assert_eq(got.type, MESSAGE_USER);
	cr_assert_eq(got.direction, MESSAGE_OUTBOUND);
	cr_assert_eq(got.delivery, DELIVERY_QUEUED);
	cr_assert_str_eq(got.content, m.content);

	cr_assert_eq(outbox_of(mentee, "sms"), 1);
	r = outbox_payloads(mentee, "sms");
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 0), "text"), m.content);
	cr_assert_str_eq(db_rows_str(&r, 0, 1), "pending");
	cr_assert_eq(db_rows_int(&r, 0, 2), m.id);
	cr_assert_eq(events_of(mentor, "message_sent", m.id), 1);
	cr_assert_eq(outbox_of(mentor, "push") + outbox_of(mentor, "sms"), 0);
}

Test(message, a_mentor_writes_only_as_themselves_to_their_mentee)
{
	int64_t			mentee = make_mentee(true);
	int64_t			mentor = make_mentor(mentee, true);
	int64_t			stranger = make_mentee(true);
	struct message_input	as_other = { .content = "x",
				    .sender_id = mentee };
	struct message_input	to_other = { .content = "x",
				    .recipient_id = stranger };
	struct outcome_detail	d;
	struct message		m;

	outcome_detail_init(&d);
	cr_assert_eq(message_create_by_mentor(fx.db, &fx.arena, mentor,
	    &as_other, &m, &d), OUTCOME_INVALID);
	cr_assert_str_eq(d.field, "sender_id");
	cr_assert_eq(message_create_by_mentor(fx.db, &fx.arena, mentor,
	    &to_other, &m, &d), OUTCOME_INVALID);
	cr_assert_str_eq(d.field, "recipient_id");
	cr_assert_eq(message_create_by_mentor(fx.db, &fx.arena, mentee,
	    &as_other, &m, &d), OUTCOME_INVALID, "a mentee is no mentor");
	cr_assert_null(d.field);
	cr_assert_eq(count("SELECT COUNT(*) FROM messages WHERE sender_id = ?",
	    DB_ARGS(DB_INT(mentor))), 0, "nothing stored");
	cr_assert_eq(outbox_of(mentee, "sms") + outbox_of(stranger, "sms"), 0);
}

Test(message, send_queues_the_sms_again)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	struct message_input	in = { .content = "Once more" };
	struct message		m, got;
	struct db_rows		r;

	cr_assert_eq(message_create_by_mentor(fx.db, &fx.arena, mentor, &in,
	    &m, NULL), OUTCOME_OK);
	cr_assert_eq(message_get(fx.db, &fx.arena, m.id, &got), OUTCOME_OK);
	cr_assert_eq(message_send(fx.db, &got), OUTCOME_OK);

	cr_assert_eq(outbox_of(mentee, "sms"), 2);
	r = outbox_payloads(mentee, "sms");
	for (size_t i = 0; i < 2; i++) {
		cr_assert_str_eq(json_str(db_rows_str(&r, i, 0), "text"),
		    "Once more");
		cr_assert_eq(db_rows_int(&r, i, 2), m.id);
	}
	cr_assert_eq(count("SELECT COUNT(*) FROM messages WHERE sender_id = ?",
	    DB_ARGS(DB_INT(mentor))), 1, "no second message");
	cr_assert_eq(events_of(mentor, "message_sent", m.id), 1);
}

Test(message, receive_goes_to_the_mentees_mentor)
{
	int64_t		mentee = make_mentee(true);
	int64_t		mentor = make_mentor(mentee, true);
	int64_t		later = make_mentor(mentee, true);
	struct message	m, got;
	struct db_rows	r;
	int		rc;

	memset(&m, 0, sizeof(m));
	m.sender_id = mentee;
	m.content = "Thanks for the call";
	rc = message_receive(fx.db, &m);
	cr_assert_eq(rc, OUTCOME_OK, "%d %s", rc, db_last_error(fx.db));
	cr_assert_gt(m.id, 0);
	cr_assert_eq(m.recipient_id, mentor, "the mentor linked first");

	cr_assert_eq(message_get(fx.db, &fx.arena, m.id, &got), OUTCOME_OK);
	cr_assert_eq(got.sender_id, mentee);
	cr_assert_eq(got.recipient_id, mentor);
	cr_assert_eq(got.type, MESSAGE_USER);
	cr_assert_eq(got.direction, MESSAGE_INBOUND);
	cr_assert_eq(got.delivery, DELIVERY_RECEIVED);
	cr_assert_str_eq(got.content, "Thanks for the call");

	cr_assert_eq(events_of(mentor, "receive_message", m.id), 1);
	cr_assert_eq(outbox_of(mentor, "push"), 1);
	r = outbox_payloads(mentor, "push");
	cr_assert_str_eq(json_str(db_rows_str(&r, 0, 0), "body"),
	    "Thanks for the call");
	cr_assert_eq(db_rows_int(&r, 0, 2), m.id);
	cr_assert_eq(outbox_of(mentee, "sms"), 0, "nothing sent back");
	cr_assert_eq(outbox_of(later, "push"), 0);
}

Test(message, receive_from_a_mentee_without_mentor_stores_nothing)
{
	int64_t		mentee = make_mentee(true);
	struct message	m;

	memset(&m, 0, sizeof(m));
	m.sender_id = mentee;
	m.content = "Anybody there?";
	cr_assert_eq(message_receive(fx.db, &m), OUTCOME_NOT_FOUND);
	cr_assert_eq(m.id, 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM messages WHERE sender_id = ?",
	    DB_ARGS(DB_INT(mentee))), 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM outbox WHERE recipient_id = ?",
	    DB_ARGS(DB_INT(mentee))), 0);
}
