/*
 * The Comms API and the OnionDev webhooks through nginx: access, the
 * call -> call end -> feedback journey with the seed's example payloads,
 * incoming SMS, duplicates, out-of-order reports and malformed bodies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "client.h"
#include "fakes.h"
#include "fcgi_client.h"
#include "pair.h"
#include "sql.h"

#include "core/timeutil.h"

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(comms, .init = suite_init);

/* Now as OnionDev writes it (Asia/Calcutta, +05:30): a survey call
 * after every call this test placed. */
static const char *
ist_now(void)
{
	static char	out[TIME_SQL_LEN];

	time_format_sql(time_now_us() + INT64_C(19800) * TIME_US, out);
	return out;
}

/* A mentor-facing body never holds either number of the pair. */
static void
assert_private(const struct pair *p, const struct resp *r)
{
	cr_assert_null(strstr(r->body, p->mentee_msisdn), "mentee number in %s",
	    r->body);
	cr_assert_null(strstr(r->body, p->mentor_msisdn), "mentor number in %s",
	    r->body);
}

/* The mentor starts a call; returns its id and the provider's id. */
static int64_t
start_call(const struct pair *p, char *partner, size_t partnersz)
{
	struct resp	r;
	int64_t		id;
	char		path[64];

	post_json("/mentor/call/", p->mentor, PW, "{}", &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	assert_private(p, &r);
	id = num(r.json, "id");
	resp_free(&r);
	snprintf(path, sizeof(path), "/comms/call/%lld/", (long long)id);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	snprintf(partner, partnersz, "%s", str(r.json, "partner_id"));
	cr_assert_str_eq(str(r.json, "status"), "inprogress");
	resp_free(&r);
	return id;
}

static char *
call_end_body(const struct pair *p, const char *partner, const char *conv,
    int success)
{
	char	*b = malloc(2048);

	/* The seed's example, with this pair's numbers and call. */
	snprintf(b, 2048, "{\"conversationId\": \"%s\", "
	    "\"conversationEndTime\": \"2017-04-20 17:33:42.899903\", "
	    "\"feedbackSubscriptionStatus\": true, \"cdrs\": [{\"id\": \"123\", "
	    "\"startTime\": \"2017-04-20 17:31:18\", \"errorCause\": "
	    "\"NO_ANSWER\"}, {\"id\": \"456\", \"startTime\": "
	    "\"2017-04-20 17:32:18\", \"errorCause\": \"NORMAL_CLEARING\"}], "
	    "\"totalTries\": 2, \"conversationSuccess\": %s, \"beneficiary\": "
	    "\"%s\", \"conversationStartTime\": \"2017-04-20 17:32:33.593300\", "
	    "\"handler\": \"%s\", \"recordingUrl\": "
	    "\"https://example.org/123/456.mp3\", \"scheduledCallId\": \"%s\"}",
	    conv, success ? "true" : "false", p->mentee_msisdn,
	    p->mentor_msisdn, partner);
	return b;
}

Test(comms, mentors_cannot_reach_the_comms_api)
{
	static const char *const paths[] = {
		"/comms/call/", "/comms/message/", "/comms/feedback/",
	};
	struct resp	r;

	for (size_t i = 0; i < 3; i++) {
		http_get(paths[i], env("MT_MENTOR_USER"), env("MT_MENTOR_PASS"),
		    &r);
		cr_assert_eq(r.status, 403, "%s: %ld", paths[i], r.status);
		resp_free(&r);
		http_get(paths[i], NULL, NULL, &r);
		cr_assert_eq(r.status, 401);
		resp_free(&r);
		http_get(paths[i], env("MT_PROVIDER_USER"),
		    env("MT_PROVIDER_PASS"), &r);
		cr_assert_eq(r.status, 200, "%s: %s", paths[i], r.body);
		cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "results")));
		resp_free(&r);
		http_get(paths[i], env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"),
		    &r);
		cr_assert_eq(r.status, 200);
		resp_free(&r);
	}
	post_json("/comms/onion_dev_message/", env("MT_MENTOR_USER"),
	    env("MT_MENTOR_PASS"), "{\"message\": \"forged\", \"mobile\": "
	    "\"27820000001\"}", &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE content = "
	    "'forged'"), 0);
}

Test(comms, call_end_then_feedback_journey)
{
	struct pair	 p;
	struct resp	 r;
	char		 partner[128], path[64], fb[2048], *body, *v;
	int64_t		 call, fid;

	make_pair(&p, "journey", 1);
	call = start_call(&p, partner, sizeof(partner));
	cr_assert(strncmp(partner, "example-", 8) == 0, "partner_id %s",
	    partner);
	/* The example provider was asked to connect both numbers. */
	v = sql_text("SELECT payload FROM provider_log WHERE partner_id = '%s'",
	    partner);
	cr_assert(strstr(v, p.mentor_msisdn) && strstr(v, p.mentee_msisdn),
	    "%s", v);
	free(v);

	body = call_end_body(&p, partner, "conv-j1", 1);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "id"), call);
	resp_free(&r);

	snprintf(path, sizeof(path), "/comms/call/%lld", (long long)call);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 200);
	cr_assert_str_eq(str(r.json, "status"), "successful");
	/* Asia/Calcutta is UTC+05:30. */
	cr_assert_str_eq(str(r.json, "partner_start_time"),
	    "2017-04-20T12:02:33.593300Z");
	cr_assert_str_eq(str(r.json, "partner_end_time"),
	    "2017-04-20T12:03:42.899903Z");
	cr_assert_str_eq(str(r.json, "recording_url"),
	    "https://example.org/123/456.mp3");
	cr_assert_str_eq(str(r.json, "call_id"), "conv-j1");
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(r.json, "end_time")));
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM call_data_records WHERE "
	    "call_id = %lld", (long long)call), 2);
	v = sql_text("SELECT DATE_FORMAT(start_time, '%%Y-%%m-%%d %%H:%%i:%%s') "
	    "FROM call_data_records WHERE call_id = %lld AND partner_id = '123'",
	    (long long)call);
	cr_assert_str_eq(v, "2017-04-20 12:01:18");
	free(v);
	v = sql_text("SELECT status FROM call_data_records WHERE call_id = %lld "
	    "AND partner_id = '456'", (long long)call);
	cr_assert_str_eq(v, "NORMAL_CLEARING");
	free(v);

	/* The mentor: a feedback task, events, a push in the outbox. */
	http_get("/mentor/task/", p.mentor, PW, &r);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(num(r.json, "count"), 1, "%s", r.body);
	{
		const cJSON	*t = cJSON_GetArrayItem(cJSON_GetObjectItem(
				    r.json, "results"), 0);

		cr_assert_str_eq(str(t, "status"), "pending");
		cr_assert(strncmp(str(t, "description"),
		    "Complete feedback for call at ", 30) == 0);
		cr_assert_eq(num(t, "call"), call);
		cr_assert_eq(num(t, "mentor"), p.mentor_id);
	}
	resp_free(&r);
	http_get("/mentor/event/", p.mentor, PW, &r);
	cr_assert(strstr(r.body, "\"call_ended\"") != NULL, "%s", r.body);
	cr_assert(strstr(r.body, "\"feedback_task\"") != NULL);
	assert_private(&p, &r);
	resp_free(&r);
	/* The push the Android app waits for, about this call. */
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'push' "
	    "AND recipient_id = %lld AND JSON_VALUE(payload, '$.data.type') ="
	    " 'CALL_ENDED' AND JSON_VALUE(JSON_VALUE(payload, '$.data.payload'),"
	    " '$.object_id') = %lld", (long long)p.mentor_id, (long long)call),
	    1);

	/* The same delivery again changes nothing. */
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	free(body);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM tasks WHERE call_id = %lld",
	    (long long)call), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE object_id = "
	    "%lld AND event_type = 'call_ended'", (long long)call), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM call_data_records WHERE "
	    "call_id = %lld", (long long)call), 2);

	/* The mentee's IVR feedback, the seed's example. */
	snprintf(fb, sizeof(fb), "{\"conversationId\": \"fb-j1\", "
	    "\"surveyId\": \"484\", \"completed\": true, \"cdr\": "
	    "{\"start_time\": \"%s\", \"id\": \"23\", "
	    "\"callerid\": \"%s\"}, \"records\": {\"127124\": {\"answer\": "
	    "\"Yes\", \"questionTime\": \"2017-04-21 07:01:04\", \"order\": "
	    "\"2\"}, \"127123\": {\"answer\": \"Happy\", \"questionTime\": "
	    "\"2017-04-21 07:00:54\", \"order\": \"1\"}}}", ist_now(),
	    p.mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", fb, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	fid = num(r.json, "id");
	resp_free(&r);
	snprintf(path, sizeof(path), "/comms/feedback/%lld/", (long long)fid);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "sender_id"), p.mentee_id);
	cr_assert_eq(num(r.json, "call_id"), call);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "complete")));
	cr_assert_str_eq(str(r.json, "content"), fb);
	cr_assert_str_eq(str(r.json, "question_1"), "Happy");
	cr_assert_str_eq(str(r.json, "question_2"), "Yes");
	resp_free(&r);
	http_get("/comms/feedback/", env("MT_PROVIDER_USER"),
	    env("MT_PROVIDER_PASS"), &r);
	cr_assert(strstr(r.body, "fb-j1") != NULL, "feedback not listed");
	resp_free(&r);
}

/* The call of feedback id, as /comms/feedback/{id} shows it (0: none). */
static int64_t
feedback_call(int64_t id)
{
	struct resp	 r;
	char		 path[64];
	int64_t		 call = 0;
	const cJSON	*it;

	snprintf(path, sizeof(path), "/comms/feedback/%lld/", (long long)id);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	it = cJSON_GetObjectItem(r.json, "call_id");
	if (cJSON_IsNumber(it))
		call = (int64_t)it->valuedouble;
	else
		cr_assert(cJSON_IsNull(it), "call_id: %s", r.body);
	resp_free(&r);
	return call;
}

/* Posts IVR feedback; returns the Feedback's id. */
static int64_t
post_feedback(const struct pair *p, const char *conversation,
    const char *cdr_id, const char *start, int completed)
{
	struct resp	r;
	char		body[1024];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"conversationId\": \"%s\", "
	    "\"surveyId\": \"484\", \"completed\": %s, \"cdr\": "
	    "{\"start_time\": \"%s\", \"id\": \"%s\", \"callerid\": \"%s\"}, "
	    "\"records\": {\"127123\": {\"answer\": \"Happy\", "
	    "\"questionTime\": \"2017-04-21 07:00:54\", \"order\": \"1\"}}}",
	    conversation, completed ? "true" : "false", start, cdr_id,
	    p->mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

/*
 * The seed's examples tie feedback to its call by ids: the feedback's
 * conversationId ("123") is the call end's scheduledCallId, its cdr.id
 * ("23") the call end's conversationId.  Those win over the time rule,
 * even when the survey's start_time is before the call's and the mentee
 * had a later call; the time rule is the fallback.
 */
Test(comms, feedback_finds_its_call_by_the_seeds_ids)
{
	struct pair	 p;
	struct resp	 r;
	char		 partner[128], later_partner[128], conv[64];
	char		*body;
	int64_t		 first, later, fid;

	make_pair(&p, "fbids", 8);
	first = start_call(&p, partner, sizeof(partner));
	/* The provider knows the first call as the seed's "123". */
	sql_exec("UPDATE calls SET partner_id = NULL WHERE partner_id = '123'");
	sql_exec("UPDATE calls SET partner_id = '123' WHERE id = %lld",
	    (long long)first);
	body = call_end_body(&p, "123", "23", 1);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "id"), first);
	resp_free(&r);
	free(body);
	/* A later call of the same mentee, ended too. */
	later = start_call(&p, later_partner, sizeof(later_partner));
	snprintf(conv, sizeof(conv), "conv-later-%lld", (long long)later);
	body = call_end_body(&p, later_partner, conv, 1);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	free(body);

	/* The seed's feedback example: cdr.start_time years before either
	 * call started, so the time rule alone would find none. */
	fid = post_feedback(&p, "123", "23", "2017-04-21 07:00:06.432989", 0);
	cr_assert_eq(feedback_call(fid), first, "linked by the seed's ids");
	/* The complete report of the same conversation updates it. */
	cr_assert_eq(post_feedback(&p, "123", "23",
	    "2017-04-21 07:00:06.432989", 1), fid);
	cr_assert_eq(feedback_call(fid), first);
	cr_assert_eq(sql_int("SELECT completed FROM feedback WHERE id = %lld",
	    (long long)fid), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM feedback WHERE sender_id = "
	    "%lld AND conversation_id = '123'", (long long)p.mentee_id), 1);

	/* Either id alone is enough: the later call's conversation id. */
	cr_assert_eq(feedback_call(post_feedback(&p, "unknown-survey", conv,
	    "2017-04-21 07:00:06.432989", 1)), later);
	/* No id matches: the mentee's last call before the survey. */
	cr_assert_eq(feedback_call(post_feedback(&p, "no-such-call",
	    "no-such-conversation", ist_now(), 1)), later);
	cr_assert_eq(feedback_call(post_feedback(&p, "still-no-call",
	    "nothing", "2017-04-21 07:00:06.432989", 1)), 0,
	    "no call before the survey, and no id: none");
}

Test(comms, feedback_reports_update_one_row_and_never_downgrade)
{
	struct pair	p;
	struct resp	r;
	char		body[1024];
	int64_t		first, again;

	make_pair(&p, "fbo", 2);
	/* Complete first, partial second (out of order). */
	snprintf(body, sizeof(body), "{\"conversationId\": \"fbo-1\", "
	    "\"completed\": true, \"cdr\": {\"callerid\": \"%s\"}, \"records\": "
	    "{\"1\": {\"answer\": \"Happy\", \"order\": \"1\"}, \"2\": "
	    "{\"answer\": \"Yes\", \"order\": 2}}}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	first = num(r.json, "id");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"conversationId\": \"fbo-1\", "
	    "\"completed\": false, \"cdr\": {\"callerid\": \"%s\"}, "
	    "\"records\": {\"1\": {\"answer\": \"Sad\", \"order\": \"1\"}}}",
	    p.mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	again = num(r.json, "id");
	resp_free(&r);
	cr_assert_eq(first, again);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM feedback WHERE sender_id = "
	    "%lld", (long long)p.mentee_id), 1);
	cr_assert_eq(sql_int("SELECT completed FROM feedback WHERE id = %lld",
	    (long long)first), 1);
	cr_assert_eq(sql_int("SELECT question_1 = 'Happy' FROM feedback WHERE "
	    "id = %lld", (long long)first), 1);

	/* Partial, then complete: the complete one replaces it. */
	snprintf(body, sizeof(body), "{\"conversationId\": \"fbo-2\", "
	    "\"completed\": false, \"cdr\": {\"callerid\": \"%s\"}, "
	    "\"records\": {\"1\": {\"answer\": \"Bored\", \"order\": \"1\"}}}",
	    p.mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", body, &r);
	first = num(r.json, "id");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"conversationId\": \"fbo-2\", "
	    "\"completed\": true, \"cdr\": {\"callerid\": \"%s\"}, \"records\": "
	    "{\"1\": {\"answer\": \"Bored\", \"order\": \"1\"}, \"2\": "
	    "{\"answer\": \"No\", \"order\": \"2\"}}}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_feedback/", body, &r);
	cr_assert_eq(num(r.json, "id"), first);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT completed + (question_2 = 'No') FROM "
	    "feedback WHERE id = %lld", (long long)first), 2);
}

Test(comms, incoming_sms_reaches_the_mentor_once)
{
	struct pair	 p;
	struct resp	 r;
	char		 body[512];
	int64_t		 mid;
	const cJSON	*m;

	make_pair(&p, "sms", 3);
	snprintf(body, sizeof(body), "{\"message\": \"Hi Mentor\", \"mobile\": "
	    "\"%s\"}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	mid = num(r.json, "id");
	resp_free(&r);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE sender_id = "
	    "%lld", (long long)p.mentee_id), 1, "a duplicate was stored");

	http_get("/mentor/message/", p.mentor, PW, &r);
	cr_assert_eq(r.status, 200);
	assert_private(&p, &r);
	m = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_eq(num(m, "id"), mid);
	cr_assert_str_eq(str(m, "content"), "Hi Mentor");
	cr_assert_str_eq(str(m, "direction"), "inbound");
	cr_assert_eq(num(m, "sender"), p.mentee_id);
	cr_assert_eq(num(m, "recipient"), p.mentor_id);
	resp_free(&r);
	http_get("/mentor/event/?page_size=1", p.mentor, PW, &r);
	m = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_str_eq(str(m, "event_type"), "receive_message");
	cr_assert_eq(num(m, "object_id"), mid);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'push' "
	    "AND recipient_id = %lld AND message_id = %lld",
	    (long long)p.mentor_id, (long long)mid), 1);
}

Test(comms, bad_webhooks_are_refused_and_kept_in_the_log)
{
	static const struct {
		const char	*path;
		const char	*body;
		long		 status;
	} cases[] = {
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": ", 400 },
		{ "/comms/onion_dev_call_end/", "[1, 2]", 400 },
		{ "/comms/onion_dev_call_end/", "{\"totalTries\": 2}", 400 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"nope-1\","
		    " \"conversationEndTime\": \"yesterday\"}", 400 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": "
		    "\"no-such-call\"}", 404 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"x\", "
		    "\"cdrs\": [{\"startTime\": \"2017-04-20 17:31:18\"}]}", 400 },
		{ "/comms/onion_dev_feedback/", "{\"completed\": true}", 400 },
		{ "/comms/onion_dev_feedback/", "{\"cdr\": {\"callerid\": "
		    "\"10000000001\"}, \"completed\": true}", 404 },
		{ "/comms/onion_dev_message/", "{\"mobile\": \"abc\", "
		    "\"message\": \"x\"}", 400 },
		{ "/comms/onion_dev_message/", "{\"mobile\": \"10000000002\", "
		    "\"message\": \"who is this\"}", 404 },
		{ "/comms/onion_dev_message/", "not json at all \xff", 400 },
		/* times no call can have: 400 (never a 500 that a provider
		 * retrying on 5xx would post again and again) */
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"t1\", "
		    "\"conversationStartTime\": \"0001-01-01 00:00:00\"}", 400 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"t2\", "
		    "\"conversationEndTime\": \"9999-12-31 23:59:59\"}", 400 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"t3\", "
		    "\"conversationStartTime\": \"1970-01-01 05:30:00\"}", 400 },
		{ "/comms/onion_dev_call_end/", "{\"scheduledCallId\": \"t4\", "
		    "\"conversationStartTime\": \"2017-04-20 17:32:33\", "
		    "\"conversationEndTime\": \"2017-04-20 17:30:00\"}", 400 },
		{ "/comms/onion_dev_feedback/", "{\"cdr\": {\"callerid\": "
		    "\"10000000001\", \"start_time\": \"0001-01-01 00:00:00\"}}",
		    400 },
	};
	int64_t	before = sql_int("SELECT COUNT(*) FROM webhook_log");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resp	r;

		provider_post(cases[i].path, cases[i].body, &r);
		cr_assert_eq(r.status, cases[i].status, "%s %s: %ld %s",
		    cases[i].path, cases[i].body, r.status, r.body);
		cr_assert(r.json != NULL && cJSON_IsString(cJSON_GetObjectItem(
		    r.json, "detail")), "not a JSON detail: %s", r.body);
		resp_free(&r);
	}
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM webhook_log"), before +
	    (int64_t)(sizeof(cases) / sizeof(cases[0])));
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM webhook_log WHERE body = "
	    "'{\\\"totalTries\\\": 2}' AND outcome = 'rejected'"), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE content = "
	    "'who is this'"), 0);
}

Test(comms, comms_message_registers_sms_between_known_contacts)
{
	struct pair	 p;
	struct resp	 r;
	char		 body[512];
	int64_t		 before;

	make_pair(&p, "cmsg", 4);
	snprintf(body, sizeof(body), "{\"sender_contact\": \"+%s\", "
	    "\"recipient_contact\": \"%s\", \"content\": \"relayed hello\"}",
	    p.mentee_msisdn, p.mentor_msisdn);
	provider_post("/comms/message/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	cr_assert_eq(num(r.json, "sender"), p.mentee_id);
	cr_assert(strstr(str(r.json, "sender_contact"), p.mentee_msisdn));
	cr_assert_str_eq(str(r.json, "direction"), "inbound");
	resp_free(&r);
	http_get("/mentor/message/", p.mentor, PW, &r);
	cr_assert(strstr(r.body, "relayed hello") != NULL, "%s", r.body);
	assert_private(&p, &r);
	resp_free(&r);
	http_get("/mentor/event/?page_size=1", p.mentor, PW, &r);
	cr_assert(strstr(r.body, "receive_message") != NULL, "%s", r.body);
	resp_free(&r);

	before = sql_int("SELECT COUNT(*) FROM messages");
	snprintf(body, sizeof(body), "{\"sender_contact\": \"+10000000003\", "
	    "\"recipient_contact\": \"%s\", \"content\": \"x\"}",
	    p.mentor_msisdn);
	provider_post("/comms/message/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "sender_contact")));
	resp_free(&r);
	/* Two known numbers that are not mentor and mentee. */
	snprintf(body, sizeof(body), "{\"sender_contact\": \"%s\", "
	    "\"recipient_contact\": \"+27820000001\", \"content\": \"x\"}",
	    p.mentor_msisdn);
	provider_post("/comms/message/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages"), before);
}

Test(comms, comms_feedback_post_needs_json_content)
{
	struct pair	p;
	struct resp	r;
	char		partner[128], body[512];
	int64_t		call;

	make_pair(&p, "cfb", 5);
	call = start_call(&p, partner, sizeof(partner));
	snprintf(body, sizeof(body), "{\"sender_id\": %lld, \"call_id\": %lld, "
	    "\"complete\": true, \"content\": \"{not json\"}",
	    (long long)p.mentee_id, (long long)call);
	provider_post("/comms/feedback/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "content")));
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM feedback WHERE call_id = "
	    "%lld", (long long)call), 0);
	snprintf(body, sizeof(body), "{\"sender_id\": %lld, \"call_id\": %lld, "
	    "\"complete\": false, \"content\": \"[{\\\"question 1\\\": 1}]\"}",
	    (long long)p.mentee_id, (long long)call);
	provider_post("/comms/feedback/", body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	cr_assert_eq(num(r.json, "call_id"), call);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "complete")));
	cr_assert_str_eq(str(r.json, "content"), "[{\"question 1\": 1}]");
	resp_free(&r);
}

/*
 * Two deliveries of one call's end at once, that the webhook log cannot
 * tell apart as the same body (they differ in white space): the call's
 * row is locked by the first, so the second finds the end reported and
 * changes nothing.  One task, one call_ended event, one push.
 */
Test(comms, simultaneous_reports_of_one_call_end_act_once)
{
	struct pair	 p;
	char		 partner[128], conv[64];
	char		*body, *spaced;
	int64_t		 call;

	make_pair(&p, "race", 9);
	for (int round = 0; round < 5; round++) {
		pid_t	kids[2];
		int	status;

		call = start_call(&p, partner, sizeof(partner));
		snprintf(conv, sizeof(conv), "conv-race-%lld", (long long)call);
		body = call_end_body(&p, partner, conv, 1);
		cr_assert_not_null(spaced = malloc(strlen(body) + 2));
		snprintf(spaced, strlen(body) + 2, " %s", body);
		for (int k = 0; k < 2; k++) {
			if ((kids[k] = fork()) == 0) {
				struct resp	r;

				provider_post("/comms/onion_dev_call_end/",
				    k == 0 ? body : spaced, &r);
				_exit(r.status == 200 ? 0 : 1);
			}
			cr_assert_gt(kids[k], 0);
		}
		for (int k = 0; k < 2; k++) {
			cr_assert_eq(waitpid(kids[k], &status, 0), kids[k]);
			cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			    "a delivery was not answered 200");
		}
		free(body);
		free(spaced);
		cr_assert_eq(sql_int("SELECT COUNT(*) FROM tasks WHERE call_id ="
		    " %lld", (long long)call), 1, "round %d", round);
		cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE "
		    "object_id = %lld AND event_type = 'call_ended'",
		    (long long)call), 1, "round %d", round);
		cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = "
		    "'push' AND recipient_id = %lld AND JSON_VALUE(JSON_VALUE("
		    "payload, '$.data.payload'), '$.object_id') = %lld",
		    (long long)p.mentor_id, (long long)call), 1, "round %d",
		    round);
	}
}

Test(comms, unsuccessful_call_end_makes_the_call_inactive)
{
	struct pair	 p;
	struct resp	 r;
	char		 partner[128], path[64], *body;
	int64_t		 call;

	make_pair(&p, "fail", 6);
	call = start_call(&p, partner, sizeof(partner));
	body = call_end_body(&p, partner, "conv-f1", 0);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	free(body);
	snprintf(path, sizeof(path), "/mentor/call/%lld/", (long long)call);
	http_get(path, p.mentor, PW, &r);
	cr_assert_str_eq(str(r.json, "status"), "inactive");
	assert_private(&p, &r);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM tasks WHERE call_id = %lld",
	    (long long)call), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE object_id = "
	    "%lld AND event_type = 'call_failed'", (long long)call), 1);
	/* PUT /comms/call/{id} sets end_time when empty, as documented. */
	snprintf(path, sizeof(path), "/comms/call/%lld/", (long long)call);
	{
		struct req	q = { .method = "PUT", .url = path,
				    .user = env("MT_PROVIDER_USER"),
				    .pass = env("MT_PROVIDER_PASS"),
				    .content_type = "application/json",
				    .body = "{}" };

		http(&q, &r);
	}
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(r.json, "end_time")));
	resp_free(&r);
}

/* ---- the oniondev provider, end to end ---- */

/*
 * A second pool on its own socket, configured for OnionDev at the fake
 * (the stack behind nginx uses the example provider), against the same
 * database: calls start there, webhooks come through nginx.
 */
static pid_t
start_oniondev_pool(const struct fake *od)
{
	static char	 url[96];
	static const char *extra[] = {
		"MENTORSHIP_PROVIDERS_VOICE=oniondev",
		"MENTORSHIP_PROVIDERS_SMS=oniondev",
		url,
		"MENTORSHIP_ONIONDEV_USERNAME=od-user",
		"MENTORSHIP_ONIONDEV_PASSWORD=od-pass",
		"MENTORSHIP_ONIONDEV_ALLOW_INSECURE_HTTP=1",
		"MENTORSHIP_ONIONDEV_TIMEOUT_MS=1500",
		NULL
	};

	snprintf(url, sizeof(url),
	    "MENTORSHIP_ONIONDEV_BASE_URL=http://127.0.0.1:%d", od->port);
	return fcgi_start_master("oniondev", extra, -1);
}

/* POST /mentor/call/ as the mentor, straight to that pool. */
static char *
pool_start_call(const struct pair *p)
{
	char		 cred[128], b64[256], auth[300];
	const char	*extra[] = { auth, NULL };

	snprintf(cred, sizeof(cred), "%s:%s", p->mentor, PW);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)cred,
	    (int)strlen(cred));
	snprintf(auth, sizeof(auth), "HTTP_AUTHORIZATION=Basic %s", b64);
	return fcgi_request("POST", "/mentor/call/", "{}", extra);
}

static int64_t
monotonic_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

Test(comms, a_call_through_oniondev_from_start_to_feedback_task)
{
	struct fake	 od;
	struct pair	 p;
	struct resp	 r;
	pid_t		 pool;
	char		*resp, *body, path[64], partner[128];
	cJSON		*sent, *req, *json;
	int64_t		 call, t0;

	make_pair(&p, "od", 7);
	fake_start(&od, TEST_FAKES_DIR, "fake_oniondev.py", "--username",
	    "od-user", "--password", "od-pass", NULL);
	pool = start_oniondev_pool(&od);

	/* The mentor starts a call: OnionDev is asked to connect them. */
	resp = pool_start_call(&p);
	cr_assert_eq(fcgi_status(resp), 201, "%s", resp);
	json = cJSON_Parse(fcgi_body(resp));
	call = (int64_t)cJSON_GetObjectItem(json, "id")->valuedouble;
	cJSON_Delete(json);
	free(resp);
	sent = fake_requests_to(&od, "/calls");
	cr_assert_eq(cJSON_GetArraySize(sent), 1);
	req = cJSON_GetArrayItem(sent, 0);
	json = cJSON_Parse(cJSON_GetObjectItem(req, "body")->valuestring);
	cr_assert_str_eq(str(json, "handler"), p.mentor_msisdn);
	cr_assert_str_eq(str(json, "beneficiary"), p.mentee_msisdn);
	cJSON_Delete(json);
	cJSON_Delete(sent);

	/* The id OnionDev answered is the call's partner_id... */
	snprintf(path, sizeof(path), "/comms/call/%lld/", (long long)call);
	http_get(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), &r);
	snprintf(partner, sizeof(partner), "%s", str(r.json, "partner_id"));
	cr_assert(strncmp(partner, "example-", 8) != 0 && *partner != '\0');
	resp_free(&r);
	/* ...and comes back as scheduledCallId when the call ends. */
	body = call_end_body(&p, partner, "conv-od1", 1);
	provider_post("/comms/onion_dev_call_end/", body, &r);
	free(body);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	http_get("/mentor/task/", p.mentor, PW, &r);
	cr_assert_eq(num(r.json, "count"), 1, "no feedback task: %s", r.body);
	resp_free(&r);

	/* OnionDev failing: 503 to the mentor, the call inactive. */
	fake_control(&od, "{\"mode\": \"500\"}");
	resp = pool_start_call(&p);
	cr_assert_eq(fcgi_status(resp), 503, "%s", resp);
	json = cJSON_Parse(fcgi_body(resp));
	cr_assert(json != NULL && strstr(str(json, "detail"), "500") != NULL,
	    "%s", resp);
	cr_assert_str_eq(str(cJSON_GetObjectItem(json, "call"), "status"),
	    "inactive");
	call = (int64_t)cJSON_GetObjectItem(cJSON_GetObjectItem(json, "call"),
	    "id")->valuedouble;
	cJSON_Delete(json);
	free(resp);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE object_id = "
	    "%lld AND event_type = 'call_failed'", (long long)call), 1);

	/* OnionDev hanging: the request still ends within the time-out. */
	fake_control(&od, "{\"mode\": \"hang\"}");
	t0 = monotonic_ms();
	resp = pool_start_call(&p);
	cr_assert_eq(fcgi_status(resp), 503, "%s", resp);
	cr_assert_lt(monotonic_ms() - t0, 5000);
	free(resp);
	fake_control(&od, "{\"mode\": \"ok\"}");
	resp = fcgi_request("GET", "/healthz", NULL, NULL);
	cr_assert_eq(fcgi_status(resp), 200, "the pool did not survive: %s",
	    resp);
	free(resp);

	kill(pool, SIGTERM);
	cr_assert_eq(fcgi_wait_exit(pool, 15), 0);
	fake_stop(&od);
}

/* hex HMAC-SHA256 of "ts.body" under key, as a provider signs. */
static void
sign(const char *key, long long ts, const char *body, char out[80])
{
	unsigned char	 md[32];
	unsigned int	 n = 0;
	size_t		 len = strlen(body) + 32;
	char		*msg = malloc(len);

	cr_assert_not_null(msg);
	snprintf(msg, len, "%lld.%s", ts, body);
	HMAC(EVP_sha256(), key, (int)strlen(key), (unsigned char *)msg,
	    strlen(msg), md, &n);
	free(msg);
	strcpy(out, "sha256=");
	for (unsigned i = 0; i < n; i++)
		sprintf(out + 7 + 2 * i, "%02x", md[i]);
}

/* POSTs an SMS webhook straight to the pool as the provider. */
static int
post_signed(const char *body, const char *ts, const char *sig)
{
	char		 cred[128], b64[256], auth[300], th[96], sh[128];
	const char	*extra[4] = { auth, NULL, NULL, NULL };
	char		*resp;
	int		 status;
	size_t		 n = 1;

	snprintf(cred, sizeof(cred), "%s:%s", env("MT_PROVIDER_USER"),
	    env("MT_PROVIDER_PASS"));
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)cred,
	    (int)strlen(cred));
	snprintf(auth, sizeof(auth), "HTTP_AUTHORIZATION=Basic %s", b64);
	if (ts != NULL) {
		snprintf(th, sizeof(th), "HTTP_X_MENTORSHIP_TIMESTAMP=%s", ts);
		extra[n++] = th;
	}
	if (sig != NULL) {
		snprintf(sh, sizeof(sh), "HTTP_X_MENTORSHIP_SIGNATURE=%s", sig);
		extra[n++] = sh;
	}
	resp = fcgi_request("POST", "/comms/onion_dev_message/", body, extra);
	status = fcgi_status(resp);
	if (status == 401)
		cr_assert_not_null(strstr(resp, "WWW-Authenticate"), "%s", resp);
	free(resp);
	return status;
}

/*
 * With a webhook secret configured, a webhook must carry a fresh
 * signature of its body under the current or the previous secret
 * (rotation); others are 401, logged as rejected, and change nothing.
 */
Test(comms, signed_webhooks_are_required_once_a_secret_is_set)
{
	static const char *const extra[] = {
		"MENTORSHIP_ONIONDEV_WEBHOOK_SECRET=new-secret",
		"MENTORSHIP_ONIONDEV_WEBHOOK_SECRET_PREVIOUS=old-secret",
		"MENTORSHIP_ONIONDEV_WEBHOOK_MAX_AGE_SECONDS=300", NULL
	};
	struct pair	 p;
	char		 body[256], sig[80], ts[32], old_ts[32];
	long long	 now = (long long)time(NULL);
	pid_t		 master;
	int64_t		 rejected;

	make_pair(&p, "signed", 10);
	master = fcgi_start_master("signed", extra, -1);
	snprintf(ts, sizeof(ts), "%lld", now);
	snprintf(old_ts, sizeof(old_ts), "%lld", now - 301);
	rejected = sql_int("SELECT COUNT(*) FROM webhook_log WHERE outcome = "
	    "'rejected' AND (detail LIKE 'X-Mentorship-%%' OR detail LIKE "
	    "'The webhook is not signed%%')");

	snprintf(body, sizeof(body), "{\"message\": \"signed one\", "
	    "\"mobile\": \"%s\"}", p.mentee_msisdn);
	cr_assert_eq(post_signed(body, NULL, NULL), 401, "unsigned");
	sign("another-secret", now, body, sig);
	cr_assert_eq(post_signed(body, ts, sig), 401, "a wrong secret");
	sign("new-secret", now - 301, body, sig);
	cr_assert_eq(post_signed(body, old_ts, sig), 401, "too old");
	sign("new-secret", now, "{\"message\": \"other\"}", sig);
	cr_assert_eq(post_signed(body, ts, sig), 401, "another body");
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE content = "
	    "'signed one'"), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM webhook_log WHERE outcome = "
	    "'rejected' AND (detail LIKE 'X-Mentorship-%%' OR detail LIKE "
	    "'The webhook is not signed%%')"), rejected + 4);

	sign("new-secret", now, body, sig);
	cr_assert_eq(post_signed(body, ts, sig), 200, "the current secret");
	snprintf(body, sizeof(body), "{\"message\": \"signed two\", "
	    "\"mobile\": \"%s\"}", p.mentee_msisdn);
	sign("old-secret", now, body, sig);
	cr_assert_eq(post_signed(body, ts, sig), 200, "the previous secret");
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE content IN "
	    "('signed one', 'signed two')"), 2);
	cr_assert_eq(kill(master, SIGTERM), 0);
	cr_assert_eq(fcgi_wait_exit(master, 10), 0);
}
