/*
 * The providers' inbound formats: OnionDev's three webhooks parsed into
 * provider-neutral reports by the kinds its provider_ops lists, with the
 * seed's own examples and the malformed bodies a provider might send.
 * Pure functions: no database, no server.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "providers/provider.h"
#include "providers/webhook.h"
#include "services/webhooks.h"

static struct arena	a;

static void
setup(void)
{
	arena_init(&a, 0);
}

static void
teardown(void)
{
	arena_release(&a);
}

TestSuite(webhook, .init = setup, .fini = teardown);

/* The seed's call-end example (JSON's true for its Python True). */
static const char SEED_CALL_END[] =
    "{ \"conversationId\": \"23\", \"conversationEndTime\": "
    "\"2017-04-20 17:33:42.899903\", \"feedbackSubscriptionStatus\": true, "
    "\"cdrs\": [{ \"id\": \"123\", \"startTime\": \"2017-04-20 17:31:18\", "
    "\"errorCause\": \"NO_ANSWER\" }, { \"id\": \"456\", \"startTime\": "
    "\"2017-04-20 17:32:18\", \"errorCause\": \"NORMAL_CLEARING\" }], "
    "\"totalTries\": 2, \"conversationSuccess\": true, \"beneficiary\": "
    "\"911234567890\", \"conversationStartTime\": "
    "\"2017-04-20 17:32:33.593300\", \"handler\": \"919876543321\", "
    "\"recordingUrl\": \"https://example.org/123/456.mp3\", "
    "\"scheduledCallId\": \"123\" }";

static const char SEED_FEEDBACK[] =
    "{ \"conversationId\": \"123\", \"surveyId\": \"484\", \"completed\": "
    "true, \"cdr\": { \"start_time\": \"2017-04-21 07:00:06.432989\", "
    "\"id\": \"23\", \"callerid\": \"919876543321\" }, \"records\": { "
    "\"127123\": { \"answer\": \"Happy\", \"questionTime\": "
    "\"2017-04-21 07:00:54\", \"order\": \"1\" } } }";

static const char SEED_SMS[] =
    "{\"message\": \"Hi Mentor\", \"mobile\": \"911234567890\"}";

static int64_t
utc(const char *sql_time)
{
	int64_t	us;

	cr_assert_eq(time_parse_sql(sql_time, &us), 0, "%s", sql_time);
	return us;
}

/* Parses body as the kind of endpoint; 0 or -1 (*why set). */
static int
parse(const char *endpoint, const char *body, struct webhook_report *out,
    const char **why)
{
	const struct webhook_kind	*k = webhook_kind_find(endpoint);

	cr_assert_not_null(k, "no webhook kind %s", endpoint);
	*why = NULL;
	return k->parse(&a, body, strlen(body), out, why);
}

Test(webhook, oniondev_lists_its_three_kinds)
{
	static const char *const names[] = {
		"onion_dev_call_end", "onion_dev_feedback", "onion_dev_message"
	};
	static const enum webhook_event events[] = {
		WEBHOOK_CALL_END, WEBHOOK_FEEDBACK, WEBHOOK_SMS
	};

	for (size_t i = 0; i < 3; i++) {
		const struct webhook_kind	*k = webhook_kind_find(names[i]);

		cr_assert_not_null(k, "%s", names[i]);
		cr_assert_eq(k->event, events[i]);
		cr_assert_gt(k->max_body, 0);
		cr_assert_not_null(k->parse);
	}
	/* Only an SMS, which has no id, is a redelivery for a while only. */
	cr_assert_eq(webhook_kind_find("onion_dev_call_end")->
	    redelivery_window_us, 0);
	cr_assert_gt(webhook_kind_find("onion_dev_message")->
	    redelivery_window_us, 0);
	cr_assert_null(webhook_kind_find("onion_dev"));
	cr_assert_null(webhook_kind_find(""));
}

Test(webhook, call_end_of_the_seed_in_utc)
{
	struct webhook_report	 rep;
	struct call_end_report	*c = &rep.u.call_end;
	const char		*why;

	cr_assert_eq(parse("onion_dev_call_end", SEED_CALL_END, &rep, &why), 0,
	    "%s", why);
	cr_assert_eq(rep.event, WEBHOOK_CALL_END);
	cr_assert_str_eq(c->partner_id, "123");
	cr_assert_str_eq(c->conversation_id, "23");
	cr_assert_str_eq(c->handler, "919876543321");
	cr_assert_str_eq(c->beneficiary, "911234567890");
	cr_assert_str_eq(c->recording_url, "https://example.org/123/456.mp3");
	cr_assert(c->success);
	/* Asia/Calcutta is UTC+05:30. */
	cr_assert_eq(c->start_time, utc("2017-04-20 12:02:33.593300"));
	cr_assert_eq(c->end_time, utc("2017-04-20 12:03:42.899903"));
	cr_assert_eq(c->nattempts, 2);
	cr_assert_str_eq(c->attempts[0].id, "123");
	cr_assert_str_eq(c->attempts[0].error_cause, "NO_ANSWER");
	cr_assert_eq(c->attempts[1].start_time, utc("2017-04-20 12:02:18.000000"));
	cr_assert_str_eq(c->attempts[1].error_cause, "NORMAL_CLEARING");
}

Test(webhook, feedback_of_the_seed_keeps_both_ids_and_the_raw_body)
{
	struct webhook_report	 rep;
	struct feedback_report	*f = &rep.u.feedback;
	const char		*why;

	cr_assert_eq(parse("onion_dev_feedback", SEED_FEEDBACK, &rep, &why), 0,
	    "%s", why);
	cr_assert_eq(rep.event, WEBHOOK_FEEDBACK);
	/* The ids that tie it to the seed's call end. */
	cr_assert_str_eq(f->conversation_id, "123");
	cr_assert_str_eq(f->call_ref, "23");
	cr_assert_str_eq(f->caller, "+919876543321");
	cr_assert_eq(f->start_time, utc("2017-04-21 01:30:06.432989"));
	cr_assert(f->completed);
	cr_assert_str_eq(f->answers[0], "Happy");
	cr_assert_null(f->answers[1]);
	cr_assert_str_eq(f->raw, SEED_FEEDBACK);
}

Test(webhook, feedback_ids_may_be_numbers_or_absent)
{
	struct webhook_report	 rep;
	struct feedback_report	*f = &rep.u.feedback;
	const char		*why;

	cr_assert_eq(parse("onion_dev_feedback", "{\"conversationId\": 123, "
	    "\"complete\": false, \"cdr\": {\"id\": 23, \"callerid\": "
	    "919876543321}}", &rep, &why), 0, "%s", why);
	cr_assert_str_eq(f->conversation_id, "123");
	cr_assert_str_eq(f->call_ref, "23");
	cr_assert_not(f->completed);
	cr_assert_eq(f->start_time, 0);
	cr_assert_eq(parse("onion_dev_feedback", "{\"cdr\": {\"callerid\": "
	    "\"919876543321\"}}", &rep, &why), 0, "%s", why);
	cr_assert_null(f->conversation_id);
	cr_assert_null(f->call_ref);
}

Test(webhook, sms_of_the_seed_and_of_its_parameter_list)
{
	struct webhook_report	rep;
	const char		*why;

	cr_assert_eq(parse("onion_dev_message", SEED_SMS, &rep, &why), 0, "%s",
	    why);
	cr_assert_eq(rep.event, WEBHOOK_SMS);
	cr_assert_str_eq(rep.u.sms.from, "+911234567890");
	cr_assert_str_eq(rep.u.sms.text, "Hi Mentor");
	cr_assert_eq(parse("onion_dev_message", "{\"text\": \"Hi\", "
	    "\"mobile\": 911234567890}", &rep, &why), 0, "%s", why);
	cr_assert_str_eq(rep.u.sms.text, "Hi");
}

Test(webhook, malformed_bodies_say_what_is_wrong)
{
	static const struct {
		const char	*endpoint;
		const char	*body;
		const char	*why;	/* the start of the sentence */
	} bad[] = {
		{ "onion_dev_call_end", "", "" },
		{ "onion_dev_call_end", "[]", "The body must be a JSON object." },
		{ "onion_dev_call_end", "{}", "scheduledCallId or conversationId" },
		{ "onion_dev_call_end", "{\"scheduledCallId\": [1]}",
		    "scheduledCallId and conversationId must be strings" },
		{ "onion_dev_call_end", "{\"conversationId\": \"1\", "
		    "\"conversationStartTime\": \"yesterday\"}",
		    "conversationStartTime and conversationEndTime" },
		{ "onion_dev_call_end", "{\"conversationId\": \"1\", "
		    "\"conversationSuccess\": \"maybe\"}",
		    "conversationSuccess must be a boolean" },
		{ "onion_dev_call_end", "{\"conversationId\": \"1\", "
		    "\"cdrs\": [{\"startTime\": \"2017-04-20 17:31:18\"}]}",
		    "cdrs must be a list" },
		{ "onion_dev_feedback", "{\"completed\": true}",
		    "cdr is required" },
		{ "onion_dev_feedback", "{\"cdr\": {\"callerid\": \"12\"}}",
		    "cdr.callerid is required and must be an MSISDN" },
		{ "onion_dev_feedback", "{\"cdr\": {\"callerid\": "
		    "\"919876543321\", \"id\": {}}}",
		    "conversationId and cdr.id must be strings" },
		{ "onion_dev_feedback", "{\"cdr\": {\"callerid\": "
		    "\"919876543321\"}, \"records\": {\"1\": {\"answer\": \"x\"}}}",
		    "each record needs" },
		{ "onion_dev_message", "{\"mobile\": \"911234567890\"}",
		    "message (or text) is required" },
		{ "onion_dev_message", "{\"message\": \"hi\"}",
		    "mobile is required" },
	};
	struct webhook_report	rep;
	const char		*why;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(parse(bad[i].endpoint, bad[i].body, &rep, &why), -1,
		    "%s accepted %s", bad[i].endpoint, bad[i].body);
		cr_assert_not_null(why, "%s", bad[i].body);
		cr_assert(strncmp(why, bad[i].why, strlen(bad[i].why)) == 0,
		    "%s: %s", bad[i].body, why);
	}
}

/* A call-end report with these two times (NULL: absent). */
static int
call_end_at(const char *start, const char *end, const char **why)
{
	struct webhook_report	rep;
	char			body[512];

	snprintf(body, sizeof(body), "{\"conversationId\": \"1\"%s%s%s%s%s%s}",
	    start ? ", \"conversationStartTime\": \"" : "", start ? start : "",
	    start ? "\"" : "", end ? ", \"conversationEndTime\": \"" : "",
	    end ? end : "", end ? "\"" : "");
	return parse("onion_dev_call_end", body, &rep, why);
}

/* Asia/Calcutta as OnionDev writes it, seconds from now. */
static const char *
ist_from_now(int64_t seconds)
{
	static char	out[4][TIME_SQL_LEN];
	static int	n;
	char		*s = out[n++ % 4];

	time_format_sql(time_now_us() + (seconds + 19800) * TIME_US, s);
	return s;
}

Test(webhook, call_times_must_be_real_call_times)
{
	const char	*why;

	/* year 1 and the epoch: refused, not stored or read as "unknown" */
	cr_assert_eq(call_end_at("0001-01-01 00:00:00", NULL, &why), -1);
	cr_assert_eq(call_end_at("1970-01-01 05:30:00", NULL, &why), -1);
	cr_assert_eq(call_end_at("2009-12-31 23:59:59", NULL, &why), -1);
	cr_assert_eq(call_end_at(NULL, "9999-12-31 23:59:59", &why), -1);
	cr_assert(strncmp(why, "conversationStartTime and "
	    "conversationEndTime", 41) == 0, "%s", why);
	/* an end before its start */
	cr_assert_eq(call_end_at("2017-04-20 17:32:33", "2017-04-20 17:31:00",
	    &why), -1);
	cr_assert_str_eq(why, "conversationEndTime is before "
	    "conversationStartTime.");
	/* the provider's clock may run up to five minutes ahead */
	cr_assert_eq(call_end_at(ist_from_now(-60), ist_from_now(120), &why),
	    0, "%s", why);
	cr_assert_eq(call_end_at(ist_from_now(-60), ist_from_now(600), &why),
	    -1);
	/* the feedback's cdr and the attempts follow the same rule */
	{
		struct webhook_report	rep;

		cr_assert_eq(parse("onion_dev_feedback", "{\"cdr\": {\"callerid\":"
		    " \"919876543321\", \"start_time\": \"0001-01-01 00:00:00\"}}",
		    &rep, &why), -1);
		cr_assert_eq(parse("onion_dev_call_end", "{\"conversationId\": "
		    "\"1\", \"cdrs\": [{\"id\": \"1\", \"startTime\": "
		    "\"9999-01-01 00:00:00\"}]}", &rep, &why), -1);
	}
}

/* hex HMAC-SHA256 of "ts." + body under key (the provider's side). */
static const char *
signature_of(const char *key, long long ts, const char *body)
{
	static char	 out[80];
	unsigned char	 md[32];
	unsigned int	 n = 0;
	char		 msg[512];

	snprintf(msg, sizeof(msg), "%lld.%s", ts, body);
	HMAC(EVP_sha256(), key, (int)strlen(key), (unsigned char *)msg,
	    strlen(msg), md, &n);
	strcpy(out, "sha256=");
	for (unsigned i = 0; i < n; i++)
		sprintf(out + 7 + 2 * i, "%02x", md[i]);
	return out;
}

Test(webhook, signatures_hold_for_two_secrets_and_a_window)
{
	static const char	 body[] = "{\"message\": \"hi\", \"mobile\": "
				    "\"911234567890\"}";
	struct webhook_signing	 s = { "current", "previous", 300 };
	struct webhook_signing	 none = { "", "", 300 };
	int64_t			 now = INT64_C(1800000000) * TIME_US;
	struct webhook_auth	 au = { "1800000000", NULL, now };
	char			 sig[80];

	/* no secret: nothing asked */
	cr_assert_null(webhook_signature_problem(&none, &au, body,
	    strlen(body)));
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body)), "unsigned");
	strcpy(sig, signature_of("current", 1800000000, body));
	au.signature = sig;
	cr_assert_null(webhook_signature_problem(&s, &au, body, strlen(body)));
	/* upper-case hex is the same signature */
	for (char *p = sig + 7; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	cr_assert_null(webhook_signature_problem(&s, &au, body, strlen(body)));
	strcpy(sig, signature_of("previous", 1800000000, body));
	cr_assert_null(webhook_signature_problem(&s, &au, body, strlen(body)));
	strcpy(sig, signature_of("retired", 1800000000, body));
	cr_assert_str_eq(webhook_signature_problem(&s, &au, body, strlen(body)),
	    "X-Mentorship-Signature does not match the body.");
	/* the body and the time are signed: change either and it fails */
	strcpy(sig, signature_of("current", 1800000000, body));
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body) - 1));
	au.timestamp = "1800000001";
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body)));
	/* the window, both ways */
	au.timestamp = "1799999699";
	strcpy(sig, signature_of("current", 1799999699, body));
	cr_assert_str_eq(webhook_signature_problem(&s, &au, body, strlen(body)),
	    "X-Mentorship-Timestamp is too old (or in the future).");
	au.timestamp = "1800000301";
	strcpy(sig, signature_of("current", 1800000301, body));
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body)));
	au.timestamp = "18e8";
	cr_assert_str_eq(webhook_signature_problem(&s, &au, body, strlen(body)),
	    "X-Mentorship-Timestamp is not a Unix time in seconds.");
	au.timestamp = "1800000000";
	au.signature = "md5=abc";
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body)));
	au.signature = "sha256=zz";
	cr_assert_not_null(webhook_signature_problem(&s, &au, body,
	    strlen(body)));
}
