/*
 * The Android app's API (/v2/mentor) through nginx, with the request
 * shapes the app sends (../shared/contracts/android-v2.md) and its flows
 * in their order: login with the e-mail, the parallel sync of the eight
 * lists, onboarding, the push token, scheduling, a call from a scheduled
 * call, the CALL_ENDED push at a fake FCM, version 2 call notes (and the
 * milestone of a category), messages both ways with the NEW_MESSAGE
 * push, and the journey's events.  No answer may hold a phone number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"
#include "fcm.h"
#include "pair.h"
#include "sql.h"

#include "core/timeutil.h"

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(app, .init = suite_init);

/* A mentor and mentee made by an admin through the API, with e-mail. */
struct app_pair {
	char	email[64];		/* as the admin stored it */
	char	mentor[32], mentee[32];	/* usernames */
	char	mentor_number[20], mentee_number[20];	/* E.164 */
	int64_t	mentor_id, mentee_id;
};

/* POST as the admin; returns the new id. */
static int64_t
admin_create(const char *path, const char *body)
{
	struct resp	r;
	int64_t		id;

	post_json(path, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), body, &r);
	cr_assert_eq(r.status, 201, "%s: %s", path, r.body);
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

/* Numbers unique across the test programs: these use 700 on. */
static void
app_pair_make(struct app_pair *p, const char *tag, int n)
{
	char	body[512];

	snprintf(p->mentee, sizeof(p->mentee), "%s_mentee", tag);
	snprintf(p->mentor, sizeof(p->mentor), "%s_mentor", tag);
	snprintf(p->email, sizeof(p->email), "%s.Mentor@Example.org", tag);
	snprintf(p->mentee_number, sizeof(p->mentee_number), "+9198765%05d",
	    n);
	snprintf(p->mentor_number, sizeof(p->mentor_number), "+2782555%05d",
	    n);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"%s\", \"contact_number\": \"%s\", \"first_name\": \"Tony\"}",
	    p->mentee, PW, p->mentee_number);
	p->mentee_id = admin_create("/mentor/mentee/", body);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"%s\", \"contact_number\": \"%s\", \"mentee\": %lld, "
	    "\"email\": \"%s\", \"first_name\": \"Adam\"}", p->mentor, PW,
	    p->mentor_number, (long long)p->mentee_id, p->email);
	p->mentor_id = admin_create("/mentor/mentor/", body);
}

/* Neither number of the pair, with or without "+", is in body. */
static void
assert_no_numbers(const struct app_pair *p, const char *body)
{
	cr_assert_null(strstr(body, p->mentee_number + 1),
	    "the mentee's number in %s", body);
	cr_assert_null(strstr(body, p->mentor_number + 1),
	    "the mentor's number in %s", body);
}

/*
 * A request as the app makes it: Basic Auth with login (the e-mail as
 * typed), JSON body with the app's Content-Type.  Checks the privacy of
 * the answer.
 */
static void
app(const struct app_pair *p, const char *login, const char *method,
    const char *path, const char *body, struct resp *out)
{
	struct req	q = { .method = method, .url = path, .user = login,
			    .pass = PW, .body = body,
			    .content_type = body != NULL ?
			    "application/json;charset=utf-8" : NULL };

	http(&q, out);
	assert_no_numbers(p, out->body);
}

/* GET as the app (with the stored e-mail); the status must be 200. */
static void
app_get(const struct app_pair *p, const char *path, struct resp *out)
{
	app(p, p->email, "GET", path, NULL, out);
	cr_assert_eq(out->status, 200, "%s: %ld %s", path, out->status,
	    out->body);
}

/* The first event of type about object, in the app's first 20. */
static const cJSON *
journey_event(const struct resp *r, const char *type, int64_t object)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, list_results(r)) {
		const cJSON	*o = cJSON_GetObjectItem(it, "object_id");

		if (strcmp(str(it, "event_type"), type) == 0 &&
		    cJSON_IsNumber(o) && (int64_t)o->valuedouble == object)
			return it;
	}
	return NULL;
}

/* A category of this test with two activities, and hidden things. */
struct content {
	int64_t	category, hidden_category;
	int64_t	a1, a2, hidden_activity, hidden_by_category;
};

static void
content_make(struct content *c, const char *tag)
{
	sql_exec("INSERT INTO categories (title, color, about, goal, ordinal,"
	    " created_at) VALUES ('%s stage', '#123456', 'About %s', 'Goal',"
	    " 50, UTC_TIMESTAMP(6))", tag, tag);
	c->category = sql_int("SELECT id FROM categories WHERE title = "
	    "'%s stage'", tag);
	sql_exec("INSERT INTO categories (title, about, goal, is_hidden,"
	    " created_at) VALUES ('%s hidden', '', '', 1, UTC_TIMESTAMP(6))",
	    tag);
	c->hidden_category = sql_int("SELECT id FROM categories WHERE title ="
	    " '%s hidden'", tag);
	for (int i = 0; i < 4; i++) {
		static const char *const names[] = { "one", "two", "secret",
		    "in secret stage" };
		int64_t	cat = i == 3 ? c->hidden_category : c->category;

		sql_exec("INSERT INTO activities (title, description,"
		    " created_at, category_id, objective, is_hidden, ordinal)"
		    " VALUES ('%s %s', '', UTC_TIMESTAMP(6), %lld,"
		    " 'Objective %d', %d, %d)", tag, names[i], (long long)cat,
		    i, i == 2, i);
	}
	c->a1 = sql_int("SELECT id FROM activities WHERE title = '%s one'",
	    tag);
	c->a2 = sql_int("SELECT id FROM activities WHERE title = '%s two'",
	    tag);
	c->hidden_activity = sql_int("SELECT id FROM activities WHERE title ="
	    " '%s secret'", tag);
	c->hidden_by_category = sql_int("SELECT id FROM activities WHERE"
	    " title = '%s in secret stage'", tag);
}

/* A time in the future as the app writes it: UTC with milliseconds. */
static const char *
app_time(int64_t seconds_from_now)
{
	static char	buf[4][40];
	static int	i;
	char		*out = buf[i++ % 4];
	char		 iso[TIME_ISO_LEN];

	time_format_iso((int64_t)time(NULL) * TIME_US + seconds_from_now *
	    TIME_US, iso);
	/* "2031-06-07T08:09:00.000000Z" -> "2031-06-07T08:09:00.000Z" */
	snprintf(out, 40, "%.23sZ", iso);
	return out;
}

/* The data of the push FCM was sent to token with type, or NULL. */
static cJSON *
pushed(struct fcm_fake *fcm, const char *token, const char *type)
{
	cJSON	*sent = fcm_fake_sent(fcm), *it, *found = NULL;

	cJSON_ArrayForEach(it, sent) {
		cJSON	*m = cJSON_Parse(str(it, "body"));
		cJSON	*msg = cJSON_GetObjectItem(m, "message");
		cJSON	*data = cJSON_GetObjectItem(msg, "data");

		if (found == NULL && strcmp(str(msg, "token"), token) == 0 &&
		    strcmp(str(data, "type"), type) == 0)
			found = cJSON_Duplicate(data, 1);
		cJSON_Delete(m);
	}
	cJSON_Delete(sent);
	return found;
}

/* The payload of push data: {"object_id": N} as JSON text; N. */
static int64_t
push_object(const cJSON *data)
{
	cJSON	*p = cJSON_Parse(str(data, "payload"));
	int64_t	 id = num(p, "object_id");

	cJSON_Delete(p);
	return id;
}

/* The provider reports that call ended well. */
static void
report_call_end(const struct app_pair *p, int64_t call)
{
	struct resp	r;
	char		path[64], body[1024];

	snprintf(path, sizeof(path), "/comms/call/%lld/", (long long)call);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	snprintf(body, sizeof(body), "{\"scheduledCallId\": \"%s\", "
	    "\"conversationId\": \"app-conv-%lld\", \"conversationSuccess\": "
	    "true, \"conversationStartTime\": \"2017-04-20 17:32:33.593300\", "
	    "\"conversationEndTime\": \"2017-04-20 17:33:42.899903\", "
	    "\"handler\": \"%s\", \"beneficiary\": \"%s\"}",
	    str(r.json, "partner_id"), (long long)call, p->mentor_number + 1,
	    p->mentee_number + 1);
	resp_free(&r);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
}

/* The eight lists of the app's sync, fetched at once: all must be 200. */
static const char *const sync_lists[] = {
	"/v2/mentor/category/", "/v2/mentor/activity/", "/v2/mentor/schedule/",
	"/v2/mentor/event/", "/v2/mentor/call/", "/v2/mentor/call_note/",
	"/v2/mentor/blog/", "/v2/mentor/message/",
};

static void
sync_in_parallel(const struct app_pair *p)
{
	pid_t	kids[8];
	int	st;

	for (int i = 0; i < 8; i++) {
		if ((kids[i] = fork()) == 0) {
			struct resp	r;

			http_get(sync_lists[i], p->email, PW, &r);
			_exit(r.status == 200 && cJSON_IsArray(
			    cJSON_GetObjectItem(r.json, "results")) ? 0 : 1);
		}
		cr_assert_gt(kids[i], 0);
	}
	for (int i = 0; i < 8; i++) {
		cr_assert_eq(waitpid(kids[i], &st, 0), kids[i]);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		    "the sync's %s failed", sync_lists[i]);
	}
}

/* POST a version 2 note as the app does; the answer's JSON (delete it). */
static cJSON *
write_note(const struct app_pair *p, int64_t call, int64_t activity,
    const char *progress)
{
	struct resp	 r;
	char		 body[1024], act[32];
	cJSON		*o;

	snprintf(act, sizeof(act), "%lld", (long long)activity);
	snprintf(body, sizeof(body), "{\"call\": %lld, \"version\": \"2\", "
	    "\"call_result\": \"COMPLETED\", \"activity_progress\": \"%s\", "
	    "\"activity\": %s, \"objective_achieved\": \"2\", \"rating\": "
	    "\"1\", \"reflection\": \"We talked about goals\", \"mood\": "
	    "\"HAPPY\", \"call_quality\": \"OK\", \"mentor\": %lld}",
	    (long long)call, progress, activity ? act : "null",
	    (long long)p->mentor_id);
	app(p, p->email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	o = cJSON_Duplicate(r.json, 1);
	resp_free(&r);
	return o;
}

/* An ad-hoc call, {} as the app sends it; its id. */
static int64_t
adhoc_call(const struct app_pair *p)
{
	struct resp	r;
	int64_t		id;

	app(p, p->email, "POST", "/v2/mentor/call/", "{}", &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

Test(app, the_apps_journey_in_its_order)
{
	struct app_pair	 p;
	struct content	 c;
	struct fcm_fake	 fcm;
	struct resp	 r;
	const cJSON	*it;
	cJSON		*note, *data;
	char		 path[128], body[1024], login[80];
	int64_t		 sc, call, note_id, in_msg, out_msg, call2;
	int64_t		 task;

	app_pair_make(&p, "AppFlow", 701);
	content_make(&c, "appflow");
	fcm_fake_start(&fcm);

	/* 1. Login: the e-mail as typed (another case, a space around). */
	snprintf(login, sizeof(login), " %s ", "appflow.mentor@EXAMPLE.org");
	snprintf(path, sizeof(path), "/v2/mentor/profile/?email=%s",
	    "appflow.mentor%40EXAMPLE.org");
	app(&p, login, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(cJSON_GetArraySize(list_results(&r)), 1);
	it = cJSON_GetArrayItem(list_results(&r), 0);
	cr_assert_eq(num(it, "id"), p.mentor_id, "results[0] is the mentor");
	cr_assert_str_eq(str(it, "first_name"), "Adam");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(it, "profile_pic")));
	cr_assert_str_eq(str(it, "job_title"), "", "onboarding is due");
	resp_free(&r);

	/* 2. The push token, sent right after the login. */
	snprintf(path, sizeof(path), "/v2/mentor/notification-settings/%lld/",
	    (long long)p.mentor_id);
	app(&p, p.email, "PATCH", path, "{\"android_registration_token\": "
	    "\"app-flow-token\"}", &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "id"), p.mentor_id);
	resp_free(&r);

	/* 3. Onboarding: the six fields and the app's junk profile_pic. */
	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/",
	    (long long)p.mentor_id);
	app(&p, p.email, "PUT", path, "{\"job_title\": \"Engineer\", "
	    "\"job_sector\": \"Energy\", \"motivation\": \"Give back\", "
	    "\"inspiration\": \"My grandmother\", \"tags\": \"curious savvy "
	    "blunt\", \"skills\": \"Listening\", \"profile_pic\": {\"url\": "
	    "\"/media/profile/7.png\", \"params\": {}}}", &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "id"), p.mentor_id);
	cr_assert_str_eq(str(r.json, "job_title"), "Engineer");
	cr_assert_str_eq(str(r.json, "tags"), "curious savvy blunt");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "profile_pic")),
	    "the picture has its own endpoint");
	resp_free(&r);

	/* 4. The sync: eight lists at once, then what they hold. */
	sync_in_parallel(&p);
	app_get(&p, "/v2/mentor/category/", &r);
	cr_assert_not_null(it = list_find(list_results(&r), c.category));
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(it, "is_hidden")));
	cr_assert_str_eq(str(it, "color"), "#123456");
	cr_assert_eq(num(it, "ordinal"), 50);
	cr_assert_null(list_find(list_results(&r), c.hidden_category));
	resp_free(&r);
	app_get(&p, "/v2/mentor/activity/", &r);
	cr_assert_not_null(it = list_find(list_results(&r), c.a1));
	cr_assert_eq(num(it, "category"), c.category);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(it, "is_complete")));
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(it, "is_hidden")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(it, "icon")));
	cr_assert_str_eq(str(it, "objective"), "Objective 0");
	cr_assert_null(list_find(list_results(&r), c.hidden_activity));
	cr_assert_null(list_find(list_results(&r), c.hidden_by_category));
	resp_free(&r);

	/* 5. Schedule a call with an activity, as the app sends it. */
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\", \"activity\": "
	    "%lld}", app_time(2 * 86400), (long long)c.a1);
	app(&p, p.email, "POST", "/v2/mentor/schedule/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	sc = num(r.json, "id");
	cr_assert_eq(num(r.json, "activity"), c.a1);
	resp_free(&r);
	app_get(&p, "/v2/mentor/event/?page_size=20", &r);
	cr_assert_not_null(journey_event(&r, "call_scheduled", sc), "%s",
	    r.body);
	resp_free(&r);
	/* Reschedule, the activity removed, then set again. */
	snprintf(path, sizeof(path), "/v2/mentor/schedule/%lld/", (long long)sc);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\", \"activity\": "
	    "null}", app_time(3 * 86400));
	app(&p, p.email, "PATCH", path, body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "activity")));
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\", \"activity\": "
	    "%lld}", app_time(3 * 86400), (long long)c.a1);
	app(&p, p.email, "PATCH", path, body, &r);
	cr_assert_eq(num(r.json, "activity"), c.a1);
	resp_free(&r);

	/* 6. The call, from the scheduled call. */
	snprintf(body, sizeof(body), "{\"scheduled_call\": %lld}",
	    (long long)sc);
	app(&p, p.email, "POST", "/v2/mentor/call/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	call = num(r.json, "id");
	cr_assert_eq(num(r.json, "scheduled_call"), sc);
	cr_assert_eq(num(r.json, "activity"), c.a1, "the scheduled call's");
	resp_free(&r);

	/* 7. It ends: the CALL_ENDED push reaches the phone's token. */
	report_call_end(&p, call);
	worker_once(fcm.env);
	cr_assert_not_null(data = pushed(&fcm, "app-flow-token", "CALL_ENDED"),
	    "no CALL_ENDED push");
	cr_assert_eq(push_object(data), call);
	cJSON_Delete(data);

	/* 8. The call note, version 2, exactly as the app writes it. */
	note = write_note(&p, call, c.a1, "COMPLETED");
	note_id = num(note, "id");
	cr_assert_str_eq(str(note, "version"), "2");
	cr_assert_eq(num(note, "call"), call);
	cr_assert_eq(num(note, "mentor"), p.mentor_id);
	cr_assert_eq(num(note, "call_activity"), c.a1);
	cr_assert_eq(num(note, "activity"), c.a1);
	cr_assert_eq(num(note, "objective_achieved"), 2);
	cr_assert_eq(num(note, "rating"), 1);
	cr_assert_str_eq(str(note, "mood"), "HAPPY");
	cr_assert_str_eq(str(note, "call_result"), "COMPLETED");
	cr_assert_not_null(cJSON_GetObjectItem(note, "call_start_time"));
	cr_assert_eq(num(cJSON_GetObjectItem(note, "call_data"), "id"), call);
	cr_assert_eq(num(cJSON_GetObjectItem(note, "activity_data"), "id"),
	    c.a1);
	cJSON_Delete(note);
	app_get(&p, "/v2/mentor/event/?page_size=20", &r);
	cr_assert_not_null(journey_event(&r, "call_notes_created", note_id),
	    "%s", r.body);
	cr_assert_null(journey_event(&r, "all_activities_completed",
	    c.category), "one activity of two is done");
	resp_free(&r);
	app_get(&p, "/v2/mentor/activity/", &r);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(list_find(list_results(&r), c.a1),
	    "is_complete")));
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(list_find(list_results(&r), c.a2),
	    "is_complete")));
	resp_free(&r);
	/* The notes are the feedback the call's task asked for. */
	task = sql_int("SELECT feedback_task_id FROM calls WHERE id = %lld",
	    (long long)call);
	cr_assert_eq(sql_int("SELECT status = 'done' FROM tasks WHERE id = "
	    "%lld", (long long)task), 1);
	app_get(&p, "/v2/mentor/call_note/", &r);
	cr_assert_not_null(it = list_find(list_results(&r), note_id));
	cr_assert_eq(num(it, "call"), call);
	resp_free(&r);
	/* The second activity completed on another call: the milestone. */
	call2 = adhoc_call(&p);
	cJSON_Delete(write_note(&p, call2, c.a2, "COMPLETED"));
	cJSON_Delete(write_note(&p, call2, c.a2, "COMPLETED"));
	app_get(&p, "/v2/mentor/event/?page_size=20", &r);
	cr_assert_not_null(journey_event(&r, "all_activities_completed",
	    c.category), "%s", r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE event_type = "
	    "'all_activities_completed' AND relevant_mentor_id = %lld",
	    (long long)p.mentor_id), 1, "a milestone is reached once");

	/* 9. Messages both ways. */
	app(&p, p.email, "POST", "/v2/mentor/message/", "{\"content\": "
	    "\"Hi from the app\"}", &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	out_msg = num(r.json, "id");
	cr_assert_str_eq(str(r.json, "direction"), "OUTBOUND");
	cr_assert_str_eq(str(r.json, "message_type"), "USER");
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "time_sent"));
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"message\": \"Hi mentor\", \"mobile\": "
	    "\"%s\"}", p.mentee_number + 1);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	in_msg = num(r.json, "id");
	resp_free(&r);
	app_get(&p, "/v2/mentor/message/?page_size=25", &r);
	it = cJSON_GetArrayItem(list_results(&r), 0);
	cr_assert_eq(num(it, "id"), in_msg, "newest first");
	cr_assert_str_eq(str(it, "direction"), "INBOUND");
	cr_assert_str_eq(str(list_find(list_results(&r), out_msg), "direction"),
	    "OUTBOUND");
	/* The scheduling texts went in the mentor's name: SYSTEM. */
	cJSON_ArrayForEach(it, list_results(&r))
		if (strcmp(str(it, "message_type"), "SYSTEM") == 0)
			break;
	cr_assert_not_null(it, "no SYSTEM message: %s", r.body);
	cr_assert_str_eq(str(it, "direction"), "OUTBOUND");
	resp_free(&r);
	worker_once(fcm.env);
	cr_assert_not_null(data = pushed(&fcm, "app-flow-token",
	    "NEW_MESSAGE"), "no NEW_MESSAGE push");
	cr_assert_eq(push_object(data), in_msg);
	cJSON_Delete(data);

	/* 10. The journey: the four types it shows, newest first. */
	app_get(&p, "/v2/mentor/event/?page_size=20", &r);
	cr_assert_not_null(journey_event(&r, "receive_message", in_msg));
	cr_assert_not_null(journey_event(&r, "call_notes_created", note_id));
	cr_assert_not_null(journey_event(&r, "call_scheduled", sc));
	cr_assert_eq(str(cJSON_GetArrayItem(list_results(&r), 0), "event_type")[0],
	    'r', "the newest is the mentee's message");
	{
		const char	*prev = NULL;

		cJSON_ArrayForEach(it, list_results(&r)) {
			const char	*t = str(it, "occured_at");

			cr_assert(prev == NULL || strcmp(prev, t) >= 0,
			    "not newest first: %s after %s", t, prev);
			prev = t;
		}
	}
	cr_assert_leq(cJSON_GetArraySize(list_results(&r)), 20);
	resp_free(&r);
	fcm_fake_stop(&fcm);
}

Test(app, wrong_credentials_are_403_on_v2_and_401_elsewhere)
{
	struct app_pair	p;
	struct resp	r;
	struct req	q = { .url = "/v2/mentor/profile/?email=x%40y.org",
			    .pass = "wrong-password" };

	app_pair_make(&p, "AppAuth", 702);
	q.user = p.email;
	http(&q, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	cr_assert_null(resp_header(&r, "WWW-Authenticate"));
	resp_free(&r);
	q.url = "/mentor/call/";
	http(&q, &r);
	cr_assert_eq(r.status, 401, "%s", r.body);
	resp_free(&r);
	/* No credentials at all: 401 everywhere. */
	http_get("/v2/mentor/category/", NULL, NULL, &r);
	cr_assert_eq(r.status, 401);
	resp_free(&r);
	/* The username works as well as the e-mail; a mentee is no mentor. */
	app(&p, p.mentor, "GET", "/v2/mentor/profile/", NULL, &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
	app(&p, p.mentee, "GET", "/v2/mentor/profile/", NULL, &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
}

Test(app, email_logins_share_one_throttle_whatever_their_case)
{
	static const char *const variants[] = {
		"appthrottle.mentor@example.org", "APPTHROTTLE.MENTOR@EXAMPLE.ORG",
		" AppThrottle.Mentor@Example.org", "appthrottle.mentor@example.org ",
		"AppThrottle.Mentor@example.ORG",
	};
	struct app_pair	p;
	struct resp	r;

	app_pair_make(&p, "AppThrottle", 703);
	/* The stack allows 5 failures a minute per login and address. */
	for (size_t i = 0; i < 5; i++) {
		struct req	q = { .url = "/v2/mentor/profile/",
				    .user = variants[i], .pass = "nope-nope" };

		http(&q, &r);
		cr_assert_eq(r.status, 403, "%s: %ld", variants[i], r.status);
		resp_free(&r);
	}
	app(&p, p.email, "GET", "/v2/mentor/profile/", NULL, &r);
	cr_assert_eq(r.status, 429, "a variant got a budget of its own: %ld",
	    r.status);
	resp_free(&r);
}

Test(app, a_mentor_reaches_only_their_own_profile)
{
	struct app_pair	p, other;
	struct resp	r;
	char		path[96];

	app_pair_make(&p, "AppOwn", 704);
	app_pair_make(&other, "AppOther", 705);
	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/",
	    (long long)other.mentor_id);
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	app(&p, p.email, "PUT", path, "{\"job_title\": \"Spy\"}", &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/notification-settings/%lld/",
	    (long long)other.mentor_id);
	app(&p, p.email, "PATCH", path, "{\"android_registration_token\": "
	    "\"stolen\"}", &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM mentors WHERE user_id = "
	    "%lld AND (job_title = 'Spy' OR android_registration_token = "
	    "'stolen')", (long long)other.mentor_id), 0);
	/* The login lists the mentor alone, whatever email says. */
	snprintf(path, sizeof(path), "/v2/mentor/profile/?email=%s",
	    "AppOther.Mentor%40Example.org");
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(cJSON_GetArraySize(list_results(&r)), 1);
	cr_assert_eq(num(cJSON_GetArrayItem(list_results(&r), 0), "id"),
	    p.mentor_id);
	resp_free(&r);
	/* DELETE of a profile is not offered. */
	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/",
	    (long long)p.mentor_id);
	app(&p, p.email, "DELETE", path, NULL, &r);
	cr_assert_eq(r.status, 405);
	resp_free(&r);
	/* A bad value is 400 and changes nothing. */
	app(&p, p.email, "PUT", path, "{\"job_title\": 12}", &r);
	cr_assert_eq(r.status, 400);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "job_title")));
	resp_free(&r);
}

Test(app, hidden_content_never_reaches_the_app)
{
	struct app_pair	p;
	struct content	c;
	struct resp	r;
	char		path[96];

	app_pair_make(&p, "AppHidden", 706);
	content_make(&c, "apphidden");
	snprintf(path, sizeof(path), "/v2/mentor/category/%lld/",
	    (long long)c.category);
	app_get(&p, path, &r);
	cr_assert_str_eq(str(r.json, "title"), "apphidden stage");
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/category/%lld/",
	    (long long)c.hidden_category);
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)c.a2);
	app_get(&p, path, &r);
	cr_assert_eq(num(r.json, "category"), c.category);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)c.hidden_activity);
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)c.hidden_by_category);
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	/* Blog posts: only the shown ones, bodies the app can draw. */
	sql_exec("INSERT INTO blog_posts (title, created_at, body_content,"
	    " is_hidden) VALUES ('apphidden post', UTC_TIMESTAMP(6), '[\"x\","
	    " {\"type\": \"list\", \"value\": [\"a\"]}]', 0), ('apphidden"
	    " secret', UTC_TIMESTAMP(6), '\"x\"', 1)");
	app_get(&p, "/v2/mentor/blog/", &r);
	{
		const cJSON	*it;
		int		 seen = 0;

		cJSON_ArrayForEach(it, list_results(&r)) {
			const cJSON	*b = cJSON_GetObjectItem(it,
					    "body_content");

			cr_assert(cJSON_IsString(b) || cJSON_IsArray(b));
			cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(it,
			    "is_hidden")));
			cr_assert_neq(strcmp(str(it, "title"),
			    "apphidden secret"), 0, "a hidden post listed");
			if (strcmp(str(it, "title"), "apphidden post") == 0) {
				seen = 1;
				cr_assert_str_eq(str(cJSON_GetArrayItem(b, 1),
				    "type"), "list");
			}
		}
		cr_assert(seen, "%s", r.body);
	}
	resp_free(&r);
}

Test(app, calls_start_only_from_the_mentors_own_scheduled_calls)
{
	struct app_pair	p, other;
	struct resp	r;
	char		body[128];
	int64_t		theirs;

	app_pair_make(&p, "AppCall", 707);
	app_pair_make(&other, "AppCallOther", 708);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}",
	    app_time(86400));
	app(&other, other.email, "POST", "/v2/mentor/schedule/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	theirs = num(r.json, "id");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"scheduled_call\": %lld}",
	    (long long)theirs);
	app(&p, p.email, "POST", "/v2/mentor/call/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "scheduled_call")));
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM calls WHERE caller_id = "
	    "%lld", (long long)p.mentor_id), 0, "no call was placed");
	app(&p, p.email, "POST", "/v2/mentor/call/", "[]", &r);
	cr_assert_eq(r.status, 400);
	resp_free(&r);
}

Test(app, call_notes_of_both_versions_and_their_rules)
{
	struct app_pair	 p, other;
	struct content	 c;
	struct resp	 r;
	char		 body[1024], path[96];
	int64_t		 call, theirs, v1, v2;

	app_pair_make(&p, "AppNote", 709);
	app_pair_make(&other, "AppNoteOther", 710);
	content_make(&c, "appnote");
	call = adhoc_call(&p);
	theirs = adhoc_call(&other);

	/* Version 1, as releases before 3.0.0 wrote it: no version. */
	snprintf(body, sizeof(body), "{\"call\": %lld, \"mentor\": %lld, "
	    "\"reflection\": \"Good talk\", \"mentee_state\": \"happy\", "
	    "\"objective_achieved\": true, \"activity_helpful\": \"3\", "
	    "\"call_quality\": \"EXCELLENT\"}", (long long)call,
	    (long long)p.mentor_id);
	app(&p, p.email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	v1 = num(r.json, "id");
	cr_assert_str_eq(str(r.json, "version"), "1");
	cr_assert_str_eq(str(r.json, "mentee_state"), "happy");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r.json,
	    "objective_achieved")));
	cr_assert_eq(num(r.json, "activity_helpful"), 3);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "call_start_time"));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "call_activity")));
	resp_free(&r);

	/* NOT_USED drops the activity and its ratings. */
	snprintf(body, sizeof(body), "{\"call\": %lld, \"version\": \"2\", "
	    "\"call_result\": \"MENTEE_NOT_AVAILABLE\", \"activity_progress\":"
	    " \"NOT_USED\", \"activity\": null, \"objective_achieved\": \"4\","
	    " \"rating\": \"2\", \"reflection\": \"Not there\", \"mood\": "
	    "\"SAD\", \"call_quality\": \"DROPPED\", \"mentor\": %lld}",
	    (long long)call, (long long)p.mentor_id);
	app(&p, p.email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	v2 = num(r.json, "id");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "activity")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json,
	    "objective_achieved")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "rating")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "activity_data")));
	resp_free(&r);

	/* PATCH and PUT of the version 2 note. */
	snprintf(path, sizeof(path), "/v2/mentor/call_note/%lld/",
	    (long long)v2);
	snprintf(body, sizeof(body), "{\"mood\": \"ENGAGED\", "
	    "\"activity_progress\": \"PARTIALLY_COMPLETED\", \"activity\": "
	    "%lld, \"rating\": 5}", (long long)c.a1);
	app(&p, p.email, "PATCH", path, body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "mood"), "ENGAGED");
	cr_assert_str_eq(str(r.json, "reflection"), "Not there", "kept");
	cr_assert_eq(num(r.json, "activity"), c.a1);
	cr_assert_eq(num(r.json, "rating"), 5);
	cr_assert_eq(num(cJSON_GetObjectItem(r.json, "activity_data"), "id"),
	    c.a1);
	resp_free(&r);
	app(&p, p.email, "PUT", path, "{\"reflection\": \"x\"}", &r);
	cr_assert_eq(r.status, 400, "PUT needs every field: %s", r.body);
	resp_free(&r);
	app(&p, p.email, "PATCH", path, "{\"version\": \"1\"}", &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	resp_free(&r);

	/* What is refused stores nothing. */
	{
		static const char *const fields[][2] = {
			{ "mood", "\"HAPPY\"" }, { "call_quality", "\"OK\"" },
			{ "rating", "\"1\"" }, { "objective_achieved", "\"1\"" },
			{ "call_result", "\"COMPLETED\"" }, { "version", "\"2\"" },
		};
		static const char *const bad[] = {
			"\"GLAD\"", "\"LOUD\"", "\"6\"", "\"zero\"",
			"\"DONE\"", "\"3\"",
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			size_t	n = (size_t)snprintf(body, sizeof(body),
				    "{\"call\": %lld, \"activity_progress\": "
				    "\"COMPLETED\", \"activity\": %lld, "
				    "\"reflection\": \"r\"", (long long)call,
				    (long long)c.a1);

			/* Every field once: the bad value in its place. */
			for (size_t f = 0; f < 6; f++)
				n += (size_t)snprintf(body + n, sizeof(body) - n,
				    ", \"%s\": %s", fields[f][0], f == i ?
				    bad[i] : fields[f][1]);
			snprintf(body + n, sizeof(body) - n, "}");
			app(&p, p.email, "POST", "/v2/mentor/call_note/", body,
			    &r);
			cr_assert_eq(r.status, 400, "%s: %s", body, r.body);
			resp_free(&r);
		}
	}
	/* Another mentor's call, another mentor named, an unknown activity. */
	snprintf(body, sizeof(body), "{\"call\": %lld, \"version\": \"2\", "
	    "\"call_result\": \"COMPLETED\", \"activity_progress\": "
	    "\"NOT_USED\", \"activity\": null, \"reflection\": \"r\", "
	    "\"mood\": \"HAPPY\", \"call_quality\": \"OK\"}", (long long)theirs);
	app(&p, p.email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "call")));
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"call\": %lld, \"version\": \"2\", "
	    "\"call_result\": \"COMPLETED\", \"activity_progress\": "
	    "\"NOT_USED\", \"activity\": null, \"reflection\": \"r\", "
	    "\"mood\": \"HAPPY\", \"call_quality\": \"OK\", \"mentor\": %lld}",
	    (long long)call, (long long)other.mentor_id);
	app(&p, p.email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"call\": %lld, \"version\": \"2\", "
	    "\"call_result\": \"COMPLETED\", \"activity_progress\": "
	    "\"COMPLETED\", \"activity\": 999999999, \"reflection\": \"r\", "
	    "\"mood\": \"HAPPY\", \"call_quality\": \"OK\"}", (long long)call);
	app(&p, p.email, "POST", "/v2/mentor/call_note/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "activity")));
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM call_notes WHERE mentor_id ="
	    " %lld", (long long)p.mentor_id), 2, "only the two good notes");

	/* Another mentor's note is not found. */
	snprintf(path, sizeof(path), "/v2/mentor/call_note/%lld/",
	    (long long)v1);
	app(&other, other.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	app(&other, other.email, "PATCH", path, "{\"mood\": \"SAD\"}", &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	app(&p, p.email, "GET", path, NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(num(r.json, "id"), v1);
	resp_free(&r);
}
