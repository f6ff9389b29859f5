/*
 * mentorship-worker against the test stack's database and a fake OnionDev:
 * outbox delivery with retries, dead entries, two workers at once, a
 * worker killed mid-batch, reminders at the right moments (driven with
 * --now, so nothing sleeps), and call time-outs.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"
#include "fakes.h"
#include "fcm.h"
#include "pair.h"
#include "sql.h"

#include "core/timeutil.h"

static struct fake	od;
static char		od_url[96];

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	fake_start(&od, TEST_FAKES_DIR, "fake_oniondev.py", "--username",
	    "od-user", "--password", "od-pass", NULL);
	snprintf(od_url, sizeof(od_url),
	    "MENTORSHIP_ONIONDEV_BASE_URL=http://127.0.0.1:%d", od.port);
}

static void
suite_fini(void)
{
	fake_stop(&od);
}

TestSuite(worker, .init = suite_init, .fini = suite_fini);

/* now + seconds, as ISO 8601 for --now. */
static const char *
at(int64_t base_us, int64_t seconds)
{
	static char	buf[8][TIME_ISO_LEN];
	static int	i;
	char		*out = buf[i++ % 8];

	time_format_iso(base_us + seconds * TIME_US, out);
	return out;
}

static int64_t
real_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * TIME_US + ts.tv_nsec / 1000;
}

/* The configuration file workers start with: NULL for MT_CONF. */
static const char	*spawn_conf;

/* Starts a worker (SMS through the fake OnionDev) with extra env. */
static pid_t
worker_spawn(const char *now, int once, const char *const *extra)
{
	const char	*conf = spawn_conf ? spawn_conf : env("MT_CONF");

	pid_t	pid = fork();

	cr_assert(pid >= 0);
	if (pid == 0) {
		char	log[300];
		FILE	*f;

		snprintf(log, sizeof(log), "%s/log/worker-test.log",
		    env("MT_VAR"));
		if ((f = freopen(log, "a", stderr)) == NULL)
			_exit(126);
		putenv("MENTORSHIP_PROVIDERS_SMS=oniondev");
		putenv(od_url);
		putenv("MENTORSHIP_ONIONDEV_USERNAME=od-user");
		putenv("MENTORSHIP_ONIONDEV_PASSWORD=od-pass");
		putenv("MENTORSHIP_ONIONDEV_ALLOW_INSECURE_HTTP=1");
		putenv("MENTORSHIP_ONIONDEV_TIMEOUT_MS=1000");
		putenv("MENTORSHIP_WORKER_POLL_INTERVAL_MS=100");
		putenv("MENTORSHIP_WORKER_BATCH_SIZE=1000");
		for (const char *const *e = extra; e != NULL && *e != NULL; e++)
			putenv((char *)*e);
		if (now != NULL)
			execl(env("MT_WORKER_BIN"), "mentorship-worker", "-c",
			    conf, "--now", now, once ? "--once" : NULL,
			    (char *)NULL);
		else
			execl(env("MT_WORKER_BIN"), "mentorship-worker", "-c",
			    conf, once ? "--once" : NULL, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* One pass at `now`; the worker must exit 0. */
static void
worker_pass(const char *now, const char *const *extra)
{
	int	st;
	pid_t	pid = worker_spawn(now, 1, extra);

	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "mentorship-worker failed: see %s/log/worker-test.log",
	    env("MT_VAR"));
}

/* How many SMS the fake received for an MSISDN (with text, if given). */
static int
sms_to(const char *msisdn, const char *text)
{
	cJSON	*all = fake_requests_to(&od, "/sms"), *r;
	int	 n = 0;

	cJSON_ArrayForEach(r, all) {
		cJSON	*b = cJSON_Parse(cJSON_GetObjectItem(r,
			    "body")->valuestring);

		if (b != NULL && strcmp(str(b, "mobile"), msisdn) == 0 &&
		    (text == NULL || strcmp(str(b, "text"), text) == 0))
			n++;
		cJSON_Delete(b);
	}
	cJSON_Delete(all);
	return n;
}

/*
 * Whether every SMS the fake received for an MSISDN carried an
 * Idempotency-Key, the same key for the same text and another for
 * another text: a repeat is recognisable by the provider.
 */
static bool
sms_keys_name_their_messages(const char *msisdn)
{
	cJSON	*all = fake_requests_to(&od, "/sms"), *r, *q;
	bool	 ok = true;

	cJSON_ArrayForEach(r, all) {
		cJSON_ArrayForEach(q, all) {
			cJSON		*br = cJSON_Parse(str(r, "body"));
			cJSON		*bq = cJSON_Parse(str(q, "body"));
			const char	*kr = cJSON_GetStringValue(
			    cJSON_GetObjectItem(cJSON_GetObjectItem(r,
			    "headers"), "Idempotency-Key"));
			const char	*kq = cJSON_GetStringValue(
			    cJSON_GetObjectItem(cJSON_GetObjectItem(q,
			    "headers"), "Idempotency-Key"));

			if (br != NULL && bq != NULL &&
			    strcmp(str(br, "mobile"), msisdn) == 0 &&
			    strcmp(str(bq, "mobile"), msisdn) == 0 &&
			    (kr == NULL || kq == NULL ||
			    (strcmp(str(br, "text"), str(bq, "text")) == 0) !=
			    (strcmp(kr, kq) == 0)))
				ok = false;
			cJSON_Delete(br);
			cJSON_Delete(bq);
		}
	}
	cJSON_Delete(all);
	return ok;
}

static int64_t
send_message(const struct pair *p, const char *text)
{
	struct resp	r;
	char		body[256];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"content\": \"%s\"}", text);
	post_json("/mentor/message/", p->mentor, PW, body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	cr_assert_str_eq(str(r.json, "delivery_status"), "queued");
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

static const char *
delivery_of(const struct pair *p, int64_t id)
{
	static char	out[32];
	struct resp	r;
	char		path[64];

	snprintf(path, sizeof(path), "/mentor/message/%lld/", (long long)id);
	http_get(path, p->mentor, PW, &r);
	snprintf(out, sizeof(out), "%s", str(r.json, "delivery_status"));
	resp_free(&r);
	return out;
}

Test(worker, sms_is_retried_until_the_provider_recovers_and_sent_once)
{
	struct pair	p;
	int64_t		t, id;

	make_pair(&p, "w_retry", 11);
	id = send_message(&p, "retry me");
	/* The clock starts once the entry exists (it is due from then). */
	t = real_now();
	fake_control(&od, "{\"mode\": \"500\"}");
	worker_pass(at(t, 1), NULL);
	cr_assert_eq(sms_to(p.mentee_msisdn, "retry me"), 1);
	cr_assert_str_eq(delivery_of(&p, id), "queued");
	cr_assert_eq(sql_int("SELECT attempts FROM outbox WHERE message_id = "
	    "%lld", (long long)id), 1);
	/* Not due yet: the back-off holds it. */
	fake_control(&od, "{\"mode\": \"ok\"}");
	worker_pass(at(t, 2), NULL);
	cr_assert_eq(sms_to(p.mentee_msisdn, "retry me"), 1);
	/* Due again: sent, once. */
	worker_pass(at(t, 120), NULL);
	cr_assert_eq(sms_to(p.mentee_msisdn, "retry me"), 2);
	cr_assert_str_eq(delivery_of(&p, id), "sent");
	worker_pass(at(t, 600), NULL);
	cr_assert_eq(sms_to(p.mentee_msisdn, "retry me"), 2);
}

Test(worker, a_hanging_provider_times_out_and_the_sms_follows_later)
{
	struct pair	p;
	int64_t		t, id, t0;

	make_pair(&p, "w_hang", 12);
	/* Deliver what other tests left due, so that only ours hangs. */
	fake_control(&od, "{\"mode\": \"ok\"}");
	worker_pass(at(real_now(), 1), NULL);
	id = send_message(&p, "after the hang");
	t = real_now();
	fake_control(&od, "{\"mode\": \"hang\"}");
	t0 = real_now();
	worker_pass(at(t, 1), NULL);
	cr_assert_lt(real_now() - t0, 10 * TIME_US, "the worker hung");
	fake_control(&od, "{\"mode\": \"ok\"}");
	worker_pass(at(t, 300), NULL);
	cr_assert_str_eq(delivery_of(&p, id), "sent");
	cr_assert_eq(sql_int("SELECT status = 'sent' FROM outbox WHERE "
	    "message_id = %lld", (long long)id), 1);
}

Test(worker, after_the_last_attempt_an_entry_is_dead_and_can_be_retried)
{
	static const char *const two[] = {
		"MENTORSHIP_WORKER_MAX_ATTEMPTS=2", NULL
	};
	struct pair	p;
	int64_t		t, id, oid;
	char		out[8192];
	FILE		*f;
	size_t		n;

	make_pair(&p, "w_dead", 13);
	id = send_message(&p, "doomed");
	t = real_now();
	oid = sql_int("SELECT id FROM outbox WHERE message_id = %lld",
	    (long long)id);
	fake_control(&od, "{\"mode\": \"500\"}");
	worker_pass(at(t, 1), two);
	worker_pass(at(t, 7200), two);
	cr_assert_eq(sql_int("SELECT status = 'dead' FROM outbox WHERE id = "
	    "%lld", (long long)oid), 1);
	cr_assert_str_eq(delivery_of(&p, id), "failed");
	/* mentorshipctl shows it with the last error... */
	snprintf(out, sizeof(out), "%s -c %s outbox", env("MT_CTL"),
	    env("MT_CONF"));
	f = popen(out, "r");
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	pclose(f);
	cr_assert(strstr(out, "dead") != NULL && strstr(out, "500") != NULL,
	    "%s", out);
	/* ...and puts it back. */
	cr_assert_eq(run("%s -c %s outbox retry %lld >/dev/null", env("MT_CTL"),
	    env("MT_CONF"), (long long)oid), 0);
	fake_control(&od, "{\"mode\": \"ok\"}");
	worker_pass(at(t, 7201), two);
	cr_assert_str_eq(delivery_of(&p, id), "sent");
	cr_assert_eq(sms_to(p.mentee_msisdn, "doomed"), 3);
}

Test(worker, two_workers_at_once_deliver_each_entry_once)
{
	enum { N = 24 };
	struct pair	p;
	int64_t		t;
	pid_t		a, b;
	int		st;
	char		text[32];

	make_pair(&p, "w_two", 14);
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "two-%02d", i);
		send_message(&p, text);
	}
	t = real_now();
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 30}");
	a = worker_spawn(at(t, 1), 1, NULL);
	b = worker_spawn(at(t, 1), 1, NULL);
	waitpid(a, &st, 0);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	waitpid(b, &st, 0);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 0}");
	cr_assert_eq(sms_to(p.mentee_msisdn, NULL), N);
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "two-%02d", i);
		cr_assert_eq(sms_to(p.mentee_msisdn, text), 1, "%s", text);
	}
}

Test(worker, killed_mid_batch_it_loses_nothing_and_repeats_at_most_one)
{
	enum { N = 20 };
	struct pair	p;
	pid_t		w;
	int		st, total;
	char		text[32];

	make_pair(&p, "w_kill", 15);
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "kill-%02d", i);
		send_message(&p, text);
	}
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 150}");
	w = worker_spawn(NULL, 0, NULL);
	for (int i = 0; i < 100 && sms_to(p.mentee_msisdn, NULL) < 4; i++)
		msleep(50);
	kill(w, SIGKILL);
	waitpid(w, &st, 0);
	cr_assert_lt(sms_to(p.mentee_msisdn, NULL), N, "too late to kill");
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 0}");
	worker_pass(NULL, NULL);
	total = sms_to(p.mentee_msisdn, NULL);
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "kill-%02d", i);
		cr_assert_geq(sms_to(p.mentee_msisdn, text), 1, "%s lost", text);
	}
	/* At least once: only the entry in hand may go out twice, and
	 * then with the key of its first sending. */
	cr_assert_leq(total, N + 1, "%d SMS for %d messages", total, N);
	cr_assert(sms_keys_name_their_messages(p.mentee_msisdn));
}

Test(worker, sigterm_finishes_the_entry_in_hand)
{
	struct pair	p;
	pid_t		w;
	int		st;

	make_pair(&p, "w_term", 16);
	send_message(&p, "term-1");
	send_message(&p, "term-2");
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 400}");
	w = worker_spawn(NULL, 0, NULL);
	for (int i = 0; i < 100 && sms_to(p.mentee_msisdn, NULL) < 1; i++)
		msleep(20);
	kill(w, SIGTERM);
	cr_assert_eq(waitpid(w, &st, 0), w);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 0}");
	/* Whatever it had sent is marked sent: nothing goes twice. */
	worker_pass(NULL, NULL);
	cr_assert_eq(sms_to(p.mentee_msisdn, "term-1"), 1);
	cr_assert_eq(sms_to(p.mentee_msisdn, "term-2"), 1);
}

/* Lines of the worker test log that contain text. */
static int
worker_log_count(const char *text)
{
	return run("test $(grep -c '%s' %s/log/worker-test.log) -gt 0", text,
	    env("MT_VAR")) == 0 ? 1 : 0;
}

Test(worker, sighup_reloads_the_configuration_and_keeps_it_when_broken)
{
	struct pair	p;
	char		conf[256];
	pid_t		w;
	int		st;

	make_pair(&p, "w_hup", 22);
	fake_control(&od, "{\"mode\": \"ok\", \"delay_ms\": 0}");
	snprintf(conf, sizeof(conf), "%s/worker-hup.conf", env("MT_VAR"));
	cr_assert_eq(run("cp %s %s", env("MT_CONF"), conf), 0);
	spawn_conf = conf;
	w = worker_spawn(NULL, 0, NULL);
	spawn_conf = NULL;
	send_message(&p, "hup-1");
	for (int i = 0; i < 250 && sms_to(p.mentee_msisdn, "hup-1") < 1; i++)
		msleep(20);
	cr_assert_eq(sms_to(p.mentee_msisdn, "hup-1"), 1);

	kill(w, SIGHUP);
	for (int i = 0; i < 250 && !worker_log_count("configuration reloaded");
	    i++)
		msleep(20);
	cr_assert(worker_log_count("configuration reloaded"));

	/* A broken file: logged, and the worker goes on as it was. */
	cr_assert_eq(run("printf '[worker]\\npoll_interval_ms = soon\\n' >> "
	    "%s", conf), 0);
	kill(w, SIGHUP);
	for (int i = 0; i < 250 &&
	    !worker_log_count("keeping the running configuration"); i++)
		msleep(20);
	cr_assert(worker_log_count("keeping the running configuration"));
	send_message(&p, "hup-2");
	for (int i = 0; i < 250 && sms_to(p.mentee_msisdn, "hup-2") < 1; i++)
		msleep(20);
	cr_assert_eq(sms_to(p.mentee_msisdn, "hup-2"), 1);
	cr_assert_eq(waitpid(w, &st, WNOHANG), 0, "the worker died");
	kill(w, SIGTERM);
	cr_assert_eq(waitpid(w, &st, 0), w);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Schedules a call at call_time (ISO, any offset); its id. */
static int64_t
schedule(const struct pair *p, const char *call_time)
{
	struct resp	r;
	char		body[128];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}", call_time);
	post_json("/mentor/schedule/", p->mentor, PW, body, &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

static int64_t
reminders(int64_t sc, const char *type, const char *outcome)
{
	return sql_int("SELECT COUNT(*) FROM call_reminders WHERE "
	    "scheduled_call_id = %lld AND reminder_type = '%s' AND outcome = "
	    "'%s'", (long long)sc, type, outcome);
}

static int64_t
reminder_pushes(const struct pair *p)
{
	return sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'push' AND "
	    "recipient_id = %lld AND JSON_VALUE(payload, '$.data.type') LIKE "
	    "'CALL\\_STARTING\\_%%'", (long long)p->mentor_id);
}

/* The reminder pushes of type (CALL_STARTING_...) about scheduled call sc. */
static int64_t
reminder_pushes_of(const struct pair *p, const char *type, int64_t sc)
{
	return sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'push' AND "
	    "recipient_id = %lld AND JSON_VALUE(payload, '$.data.type') = '%s'"
	    " AND JSON_VALUE(JSON_VALUE(payload, '$.data.payload'),"
	    " '$.object_id') = %lld", (long long)p->mentor_id, type,
	    (long long)sc);
}

Test(worker, reminders_fire_once_at_their_moments_in_any_time_zone)
{
	struct pair	p;
	int64_t		x, sc;
	char		local[40];
	pid_t		a, b;
	int		st;

	make_pair(&p, "w_rem", 17);
	/* Two days ahead, on a whole minute, written in India's time. */
	x = (real_now() / (60 * TIME_US) + 2 * 24 * 60) * 60 * TIME_US;
	time_format_iso(x + (5 * 3600 + 1800) * TIME_US, local);
	snprintf(local + 19, sizeof(local) - 19, "+05:30");
	sc = schedule(&p, local);
	cr_assert_eq(sql_int("SELECT CAST(UNIX_TIMESTAMP(call_time) AS SIGNED) FROM "
	    "scheduled_calls WHERE id = %lld", (long long)sc), x / TIME_US);

	worker_pass(at(x, -25 * 3600), NULL);
	cr_assert_eq(reminder_pushes(&p), 0);
	worker_pass(at(x, -24 * 3600 + 60), NULL);
	cr_assert_eq(reminders(sc, "mentor_86400", "sent"), 1);
	cr_assert_eq(reminder_pushes(&p), 1);
	worker_pass(at(x, -24 * 3600 + 120), NULL);
	cr_assert_eq(reminder_pushes(&p), 1, "reminded twice");
	/* An hour before: the mentor's push and the mentee's SMS. */
	worker_pass(at(x, -3600 + 30), NULL);
	cr_assert_eq(reminders(sc, "mentor_3600", "sent"), 1);
	cr_assert_eq(reminders(sc, "mentee_3600", "sent"), 1);
	cr_assert_eq(reminder_pushes_of(&p, "CALL_STARTING_HOUR", sc), 2,
	    "the day's and the hour's");
	/* Two workers at the 10-minute mark: one reminder. */
	a = worker_spawn(at(x, -600 + 30), 1, NULL);
	b = worker_spawn(at(x, -600 + 30), 1, NULL);
	waitpid(a, &st, 0);
	waitpid(b, &st, 0);
	cr_assert_eq(reminders(sc, "mentor_600", "sent"), 1);
	cr_assert_eq(reminder_pushes_of(&p, "CALL_STARTING_10_MIN", sc), 1);
	/* A minute before: the push that opens the app's start-call screen. */
	worker_pass(at(x, -60 + 10), NULL);
	cr_assert_eq(reminders(sc, "mentor_60", "sent"), 1);
	cr_assert_eq(reminder_pushes_of(&p, "CALL_STARTING_1_MIN", sc), 1);
	cr_assert_eq(reminder_pushes(&p), 4);
}

Test(worker, late_reminders_are_skipped_not_sent)
{
	struct pair	p;
	int64_t		x, sc;

	make_pair(&p, "w_late", 18);
	x = (real_now() / TIME_US + 3 * 86400) * TIME_US;
	sc = schedule(&p, at(x, 0));
	/* The worker was down until an hour and a half before the call. */
	worker_pass(at(x, -5400), NULL);
	cr_assert_eq(reminders(sc, "mentor_86400", "skipped"), 1);
	cr_assert_eq(reminders(sc, "mentee_3600", "skipped"), 0);
	cr_assert_eq(reminder_pushes(&p), 0);
	worker_pass(at(x, -3590), NULL);
	cr_assert_eq(reminders(sc, "mentee_3600", "sent"), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE "
	    "recipient_id = %lld AND message_type = 'system' AND content LIKE "
	    "'Reminder:%%'", (long long)p.mentee_id), 1);
}

Test(worker, cancelled_calls_get_no_reminders_rescheduled_ones_new_ones)
{
	struct pair	p;
	struct req	q = { .method = "DELETE", .user = NULL, .pass = PW };
	struct resp	r;
	char		path[64], body[96];
	int64_t		x, sc, sc2;

	make_pair(&p, "w_can", 19);
	x = (real_now() / TIME_US + 4 * 86400) * TIME_US;
	sc = schedule(&p, at(x, 0));
	snprintf(path, sizeof(path), "/mentor/schedule/%lld/", (long long)sc);
	q.url = path;
	q.user = p.mentor;
	http(&q, &r);
	cr_assert_eq(r.status, 204);
	resp_free(&r);
	worker_pass(at(x, -86400 + 30), NULL);
	cr_assert_eq(reminder_pushes(&p), 0);

	sc2 = schedule(&p, at(x, 600));
	worker_pass(at(x, 600 - 86400 + 30), NULL);
	cr_assert_eq(reminders(sc2, "mentor_86400", "sent"), 1);
	/* Moved two days later: the reminders start again. */
	snprintf(path, sizeof(path), "/mentor/schedule/%lld/", (long long)sc2);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}",
	    at(x, 600 + 2 * 86400));
	{
		struct req	u = { .method = "PATCH", .url = path,
				    .user = p.mentor, .pass = PW,
				    .content_type = "application/json",
				    .body = body };

		http(&u, &r);
	}
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	worker_pass(at(x, 600 + 2 * 86400 - 86400 + 30), NULL);
	cr_assert_eq(reminders(sc2, "mentor_86400", "sent"), 2);
	cr_assert_eq(reminder_pushes(&p), 2);
}

Test(worker, calls_without_an_end_report_time_out)
{
	static const char *const quick[] = {
		"MENTORSHIP_WORKER_CALL_TIMEOUT_SECONDS=60", NULL
	};
	struct pair	p;
	struct resp	r;
	int64_t		call;
	char		path[64];

	make_pair(&p, "w_to", 20);
	post_json("/mentor/call/", p.mentor, PW, "{}", &r);
	cr_assert_eq(r.status, 201);
	call = num(r.json, "id");
	resp_free(&r);
	worker_pass(at(real_now(), 30), quick);
	snprintf(path, sizeof(path), "/mentor/call/%lld/", (long long)call);
	http_get(path, p.mentor, PW, &r);
	cr_assert_str_eq(str(r.json, "status"), "inprogress");
	resp_free(&r);
	worker_pass(at(real_now(), 120), quick);
	http_get(path, p.mentor, PW, &r);
	cr_assert_str_eq(str(r.json, "status"), "inactive");
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE object_id = "
	    "%lld AND event_type = 'call_timed_out'", (long long)call), 1);
}

Test(worker, pushes_reach_the_mentors_device_through_fcm)
{
	struct fcm_fake	 fcm;
	struct pair	 p;
	struct resp	 r;
	char		 path[64], body[512], want[64];
	cJSON		*sent, *msg, *data;
	int64_t		 mid;

	make_pair(&p, "w_fcm", 21);
	fcm_fake_start(&fcm);

	/* The mentor's phone registered its FCM token. */
	snprintf(path, sizeof(path), "/mentor/mentor/%lld/",
	    (long long)p.mentor_id);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", "
	    "\"contact_number\": \"+%s\", \"mentee\": %lld, "
	    "\"android_registration_token\": \"device-token-w1\"}", p.mentor,
	    p.mentor_msisdn, (long long)p.mentee_id);
	{
		struct req	q = { .method = "PUT", .url = path,
				    .user = env("MT_ADMIN_USER"),
				    .pass = env("MT_ADMIN_PASS"),
				    .content_type = "application/json",
				    .body = body };

		http(&q, &r);
	}
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_null(strstr(r.body, "device-token-w1"), "the token leaked");
	resp_free(&r);

	/* The mentee texts; the worker pushes it to the mentor's phone. */
	snprintf(body, sizeof(body), "{\"message\": \"push me\", \"mobile\": "
	    "\"%s\"}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	mid = num(r.json, "id");
	resp_free(&r);
	worker_pass(at(real_now(), 1), fcm.env);

	sent = fcm_fake_sent(&fcm);
	cr_assert_eq(cJSON_GetArraySize(sent), 1, "FCM got %d pushes",
	    cJSON_GetArraySize(sent));
	msg = cJSON_Parse(cJSON_GetObjectItem(cJSON_GetArrayItem(sent, 0),
	    "body")->valuestring);
	cr_assert_str_eq(str(cJSON_GetObjectItem(msg, "message"), "token"),
	    "device-token-w1");
	cr_assert_str_eq(str(cJSON_GetObjectItem(cJSON_GetObjectItem(msg,
	    "message"), "notification"), "title"),
	    "New message from your mentee");
	/* What the Android app reads: a type and a JSON-encoded payload. */
	data = cJSON_GetObjectItem(cJSON_GetObjectItem(msg, "message"), "data");
	cr_assert_str_eq(str(data, "type"), "NEW_MESSAGE");
	snprintf(want, sizeof(want), "{\"object_id\": %lld}", (long long)mid);
	cr_assert_str_eq(str(data, "payload"), want);
	cJSON_Delete(msg);
	cJSON_Delete(sent);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE message_id = "
	    "%lld AND kind = 'push' AND status = 'sent'", (long long)mid), 1);
	fcm_fake_stop(&fcm);
}
