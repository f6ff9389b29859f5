/*
 * The web console's side of the API, through nginx: browser sessions
 * (login, cookie, CSRF, logout, expiry, throttling), the "since" queries
 * the console polls, and the admin records (a call with its CDRs and
 * feedback, the webhook log, the outbox and its retry).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <openssl/evp.h>

#include "client.h"
#include "pair.h"
#include "sql.h"

#define CSRF_DETAIL	"CSRF Failed: CSRF token missing or incorrect."

/* A console login of this test: the cookie header line and CSRF token. */
struct login {
	char	cookie[128];	/* "Cookie: mt_session=..." */
	char	token[64];	/* the session token alone */
	char	csrf[128];	/* "X-CSRF-Token: ..." */
};

static void
login_request(const char *user, const char *pass, struct resp *out)
{
	char		body[512];
	struct req	q = { .method = "POST", .url = "/auth/login/",
			    .content_type = "application/json", .body = body,
			    .headers = { "X-Requested-With: XMLHttpRequest" } };

	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"%s\"}", user, pass);
	http(&q, out);
}

/*
 * Fills l from an answer that opened a session (a login, a password
 * change): its Set-Cookie, with the attributes the console relies on, and
 * its csrf_token.
 */
static void
session_from_answer(const struct resp *r, struct login *l)
{
	char	*set = resp_header(r, "Set-Cookie");
	size_t	 n;

	cr_assert(set != NULL && strncmp(set, "mt_session=", 11) == 0,
	    "no session cookie: %s", set);
	cr_assert(strstr(set, "; HttpOnly") && strstr(set, "; Secure") &&
	    strstr(set, "; SameSite=Strict") && strstr(set, "; Path=/"),
	    "cookie attributes: %s", set);
	n = strcspn(set + 11, ";");
	cr_assert_eq(n, 43, "token of %zu characters", n);
	snprintf(l->token, sizeof(l->token), "%.*s", (int)n, set + 11);
	snprintf(l->cookie, sizeof(l->cookie), "Cookie: mt_session=%s",
	    l->token);
	cr_assert_eq(strlen(str(r->json, "csrf_token")), 43);
	snprintf(l->csrf, sizeof(l->csrf), "X-CSRF-Token: %s",
	    str(r->json, "csrf_token"));
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(r->json, "expires_at")));
	free(set);
}

/* Logs user in and checks the answer every console login relies on. */
static void
login(const char *user, const char *pass, struct login *l)
{
	struct resp	 r;

	login_request(user, pass, &r);
	cr_assert_eq(r.status, 200, "login: %ld %s", r.status, r.body);
	session_from_answer(&r, l);
	if (strchr(user, '@') == NULL)
		cr_assert_str_eq(str(r.json, "username"), user);
	cr_assert_null(cJSON_GetObjectItem(r.json, "password_hash"));
	resp_free(&r);
}

/* How many sessions (live or not) the account user_id has. */
static int64_t
sessions_of(int64_t user_id)
{
	return sql_int("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)user_id);
}

/* A request with the session cookie, and the CSRF token if csrf. */
static void
as_session(const struct login *l, bool csrf, const char *method,
    const char *path, const char *body, struct resp *out)
{
	struct req	q = { .method = method, .url = path,
			    .headers = { l->cookie,
			    "X-Requested-With: XMLHttpRequest",
			    csrf ? l->csrf : NULL } };

	if (body != NULL) {
		q.content_type = "application/json";
		q.body = body;
	}
	http(&q, out);
}

static void
sha256_hex(const char *s, char out[65])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n = 0;

	EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

Test(console, login_opens_a_session_stored_only_as_a_hash)
{
	struct pair	p;
	struct login	l;
	struct resp	r;
	char		hash[65];

	make_pair(&p, "cs_login", 601);
	login(p.mentor, PW, &l);
	sha256_hex(l.token, hash);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM sessions WHERE user_id = "
	    "%lld AND token_hash = '%s'", (long long)p.mentor_id, hash), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM sessions WHERE token_hash "
	    "= '%s'", l.token), 0, "the token is stored in clear");

	/* The cookie alone authenticates reads, with no Basic Auth. */
	as_session(&l, false, "GET", "/auth/session/", NULL, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "role"), "mentor");
	cr_assert_str_eq(str(r.json, "csrf_token"), l.csrf + 14);
	resp_free(&r);
	as_session(&l, false, "GET", "/mentor/message/", NULL, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "count"), 0);
	resp_free(&r);

	/* With Basic Auth, /auth/session has no token to give. */
	http_get("/auth/session/", p.mentor, PW, &r);
	cr_assert_eq(r.status, 200);
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "csrf_token")));
	resp_free(&r);
}

Test(console, login_by_email_address)
{
	struct pair	p;
	struct login	l;

	make_pair(&p, "cs_email", 602);
	sql_exec("UPDATE users SET email = 'cs_email@example.org' WHERE id = "
	    "%lld", (long long)p.mentor_id);
	login("cs_email@example.org", PW, &l);
	cr_assert_eq(sessions_of(p.mentor_id), 1);
}

Test(console, changing_request_needs_the_csrf_token)
{
	struct pair	p;
	struct login	l, other;
	struct resp	r;
	struct req	q;

	make_pair(&p, "cs_csrf", 603);
	login(p.mentor, PW, &l);
	as_session(&l, false, "POST", "/mentor/message/",
	    "{\"content\": \"no token\"}", &r);
	cr_assert_eq(r.status, 403, "%ld %s", r.status, r.body);
	cr_assert_str_eq(str(r.json, "detail"), CSRF_DETAIL);
	resp_free(&r);

	/* Another session's token is no better than none. */
	login(p.mentor, PW, &other);
	q = (struct req){ .method = "POST", .url = "/mentor/message/",
	    .content_type = "application/json",
	    .body = "{\"content\": \"wrong token\"}",
	    .headers = { l.cookie, other.csrf } };
	http(&q, &r);
	cr_assert_eq(r.status, 403, "%ld %s", r.status, r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE sender_id = "
	    "%lld", (long long)p.mentor_id), 0, "a refused request stored");

	as_session(&l, true, "POST", "/mentor/message/",
	    "{\"content\": \"with token\"}", &r);
	cr_assert_eq(r.status, 201, "%ld %s", r.status, r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE sender_id = "
	    "%lld", (long long)p.mentor_id), 1);
}

Test(console, logout_ends_the_session)
{
	struct pair	 p;
	struct login	 l;
	struct resp	 r;
	char		*set;

	make_pair(&p, "cs_logout", 604);
	login(p.mentor, PW, &l);
	as_session(&l, false, "POST", "/auth/logout/", NULL, &r);
	cr_assert_eq(r.status, 403, "logout without the CSRF token");
	resp_free(&r);
	as_session(&l, true, "POST", "/auth/logout/", NULL, &r);
	cr_assert_eq(r.status, 204, "%ld %s", r.status, r.body);
	set = resp_header(&r, "Set-Cookie");
	cr_assert(set != NULL && strncmp(set, "mt_session=;", 12) == 0 &&
	    strstr(set, "Max-Age=0") != NULL, "cookie not cleared: %s", set);
	free(set);
	resp_free(&r);
	cr_assert_eq(sessions_of(p.mentor_id), 0);

	as_session(&l, false, "GET", "/auth/session/", NULL, &r);
	cr_assert_eq(r.status, 401);
	resp_free(&r);
	/* Twice is no error. */
	as_session(&l, true, "POST", "/auth/logout/", NULL, &r);
	cr_assert_eq(r.status, 204);
	resp_free(&r);
}

Test(console, expired_session_and_changed_password_end_the_session)
{
	struct pair	 p;
	struct login	 l;
	struct resp	 r;
	char		*www;

	make_pair(&p, "cs_expiry", 605);
	login(p.mentor, PW, &l);
	sql_exec("UPDATE sessions SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE user_id = %lld", (long long)p.mentor_id);
	as_session(&l, false, "GET", "/mentor/task/", NULL, &r);
	cr_assert_eq(r.status, 401);
	/* Asked by the console (XHR): no Basic challenge, so no pop-up. */
	www = resp_header(&r, "WWW-Authenticate");
	cr_assert(www != NULL && strncmp(www, "Cookie ", 7) == 0, "%s", www);
	free(www);
	resp_free(&r);

	login(p.mentor, PW, &l);
	cr_assert_eq(run("printf '%%s\\n' 'a-new-password-2' | %s -c %s "
	    "set-password --username %s >/dev/null", env("MT_CTL"),
	    env("MT_CONF"), p.mentor), 0);
	as_session(&l, false, "GET", "/mentor/task/", NULL, &r);
	cr_assert_eq(r.status, 401, "a session outlived a password change");
	resp_free(&r);
}

Test(console, changing_the_password_keeps_only_that_browser_logged_in)
{
	static const char	*change = "{\"current_password\": \"" PW "\","
				    " \"new_password\": \"a-new-password-3\"}";
	struct pair		 p;
	struct login		 here, elsewhere, renewed;
	struct resp		 r;
	struct req		 q = { 0 };
	char			*set;

	make_pair(&p, "cs_passwd", 611);
	login(p.mentor, PW, &here);
	login(p.mentor, PW, &elsewhere);

	as_session(&here, false, "POST", "/auth/password/", change, &r);
	cr_assert_eq(r.status, 403, "no CSRF token: %ld %s", r.status, r.body);
	resp_free(&r);
	as_session(&here, true, "POST", "/auth/password/",
	    "{\"current_password\": \"wrong-one-1\", \"new_password\":"
	    " \"a-new-password-3\"}", &r);
	cr_assert_eq(r.status, 400, "%ld %s", r.status, r.body);
	resp_free(&r);
	cr_assert_eq(sessions_of(p.mentor_id), 2, "a refused change ended a "
	    "session");

	as_session(&here, true, "POST", "/auth/password/", change, &r);
	cr_assert_eq(r.status, 200, "%ld %s", r.status, r.body);
	cr_assert_str_eq(str(r.json, "detail"), "Password changed.");
	session_from_answer(&r, &renewed);
	cr_assert_str_neq(renewed.token, here.token);
	cr_assert_str_neq(renewed.csrf, here.csrf);
	resp_free(&r);
	cr_assert_eq(sessions_of(p.mentor_id), 1);

	/* The old sessions, this browser's and the other one, are over. */
	as_session(&here, false, "GET", "/mentor/task/", NULL, &r);
	cr_assert_eq(r.status, 401);
	resp_free(&r);
	as_session(&elsewhere, false, "GET", "/mentor/task/", NULL, &r);
	cr_assert_eq(r.status, 401, "another device stayed logged in");
	resp_free(&r);
	/* The new one works, with its own CSRF token only. */
	as_session(&renewed, false, "GET", "/mentor/task/", NULL, &r);
	cr_assert_eq(r.status, 200, "%ld %s", r.status, r.body);
	resp_free(&r);
	snprintf(renewed.csrf, sizeof(renewed.csrf), "%s", here.csrf);
	as_session(&renewed, true, "POST", "/auth/logout/", NULL, &r);
	cr_assert_eq(r.status, 403, "the old CSRF token was accepted");
	resp_free(&r);

	/* With Basic Auth the answer is the Android app's: no session. */
	q.method = "POST";
	q.url = "/auth/password/";
	q.user = p.mentor;
	q.pass = "a-new-password-3";
	q.content_type = "application/json";
	q.body = "{\"current_password\": \"a-new-password-3\","
	    " \"new_password\": \"" PW "\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 200, "%ld %s", r.status, r.body);
	cr_assert_eq(cJSON_GetArraySize(r.json), 1, "%s", r.body);
	cr_assert_str_eq(str(r.json, "detail"), "Password changed.");
	set = resp_header(&r, "Set-Cookie");
	cr_assert_null(set, "Basic Auth got a cookie: %s", set);
	resp_free(&r);
	cr_assert_eq(sessions_of(p.mentor_id), 0, "a session outlived the "
	    "change by Basic Auth");
}

Test(console, bad_logins_are_refused_and_throttled)
{
	struct pair	 p;
	struct resp	 r;
	struct req	 q = { .method = "POST", .url = "/auth/login/",
			    .content_type = "application/json" };
	char		*h;
	int		 i;

	make_pair(&p, "cs_throttle", 606);
	q.body = "{\"username\": \"cs_throttle_mentor\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 400);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "password"));
	resp_free(&r);
	q.body = "{\"username\": 12, \"password\": \"x\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 400);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "username"));
	resp_free(&r);
	q.body = "{\"username\": ";
	http(&q, &r);
	cr_assert_eq(r.status, 400);
	resp_free(&r);

	/* The test stack allows 5 failures per login and address. */
	for (i = 0; i < 5; i++) {
		login_request(p.mentor, "wrong-password", &r);
		cr_assert_eq(r.status, 401, "attempt %d: %ld", i, r.status);
		h = resp_header(&r, "Set-Cookie");
		cr_assert_null(h, "a failed login set a cookie");
		resp_free(&r);
	}
	login_request(p.mentor, PW, &r);
	cr_assert_eq(r.status, 429, "%ld %s", r.status, r.body);
	h = resp_header(&r, "Retry-After");
	cr_assert_not_null(h);
	free(h);
	resp_free(&r);
	cr_assert_eq(sessions_of(p.mentor_id), 0);
}

/* The newest event id of mentor (0 when none). */
static int64_t
newest_event(const struct pair *p)
{
	return sql_int("SELECT COALESCE(MAX(id), 0) FROM events WHERE "
	    "relevant_mentor_id = %lld", (long long)p->mentor_id);
}

Test(console, events_and_messages_since_an_id)
{
	struct pair	 p;
	struct resp	 r;
	char		 path[128], body[256];
	int64_t		 since, mid;
	const cJSON	*first;

	make_pair(&p, "cs_since", 607);
	post_json("/mentor/message/", p.mentor, PW, "{\"content\": \"one\"}",
	    &r);
	cr_assert_eq(r.status, 201);
	resp_free(&r);
	since = newest_event(&p);
	cr_assert_gt(since, 0);
	mid = sql_int("SELECT MAX(id) FROM messages WHERE sender_id = %lld",
	    (long long)p.mentor_id);

	snprintf(path, sizeof(path), "/mentor/event/?since_id=%lld",
	    (long long)since);
	http_get(path, p.mentor, PW, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "count"), 0);
	resp_free(&r);

	/* An incoming SMS: what the console's poll must pick up. */
	snprintf(body, sizeof(body), "{\"message\": \"two\", \"mobile\": "
	    "\"%s\"}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	http_get(path, p.mentor, PW, &r);
	cr_assert_eq(num(r.json, "count"), 1, "%s", r.body);
	first = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_gt(num(first, "id"), since);
	cr_assert_str_eq(str(first, "event_type"), "receive_message");
	resp_free(&r);

	snprintf(path, sizeof(path), "/mentor/message/?since_id=%lld",
	    (long long)mid);
	http_get(path, p.mentor, PW, &r);
	cr_assert_eq(num(r.json, "count"), 1, "%s", r.body);
	first = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_str_eq(str(first, "content"), "two");
	resp_free(&r);

	for (const char *const *bad = (const char *const[]){ "0", "-1", "x",
	    "1x", "", NULL }; *bad != NULL; bad++) {
		snprintf(path, sizeof(path), "/mentor/event/?since_id=%s", *bad);
		http_get(path, p.mentor, PW, &r);
		cr_assert_eq(r.status, 400, "since_id=%s: %ld", *bad, r.status);
		cr_assert_not_null(cJSON_GetObjectItem(r.json, "since_id"));
		resp_free(&r);
	}
}

Test(console, admin_sees_a_call_with_its_cdrs_and_feedback)
{
	struct pair	 p;
	struct resp	 r;
	char		 path[64];
	int64_t		 call;
	const cJSON	*cdrs, *fb;

	make_pair(&p, "cs_call", 608);
	post_json("/mentor/call/", p.mentor, PW, "{}", &r);
	cr_assert_eq(r.status, 201, "%s", r.body);
	call = num(r.json, "id");
	resp_free(&r);
	sql_exec("INSERT INTO call_data_records (call_id, partner_id, "
	    "start_time, status) VALUES (%lld, 'leg-1', UTC_TIMESTAMP(6), "
	    "'NORMAL_CLEARING')", (long long)call);
	sql_exec("INSERT INTO feedback (received_at, sender_id, call_id, "
	    "question_1, question_2, question_3, question_4, completed, "
	    "content) VALUES (UTC_TIMESTAMP(6), %lld, %lld, 'Happy', '', '', "
	    "'', 0, '{}')", (long long)p.mentee_id, (long long)call);

	snprintf(path, sizeof(path), "/admin/call/%lld/", (long long)call);
	http_get(path, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_eq(num(r.json, "id"), call);
	cdrs = cJSON_GetObjectItem(r.json, "cdrs");
	cr_assert_eq(cJSON_GetArraySize(cdrs), 1);
	cr_assert_str_eq(str(cJSON_GetArrayItem(cdrs, 0), "status"),
	    "NORMAL_CLEARING");
	fb = cJSON_GetObjectItem(r.json, "feedback");
	cr_assert_eq(cJSON_GetArraySize(fb), 1);
	cr_assert_str_eq(str(cJSON_GetArrayItem(fb, 0), "question_1"), "Happy");
	/* In progress, nothing reported yet: no duration, no lag. */
	cr_assert_str_eq(str(r.json, "status_display"), "In progress");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "duration")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "lag")));
	resp_free(&r);
	/* The provider's times give the seed's get_duration and get_lag. */
	sql_exec("UPDATE calls SET status = 'successful', partner_start_time ="
	    " start_time + INTERVAL 5 SECOND, partner_end_time = start_time +"
	    " INTERVAL 605 SECOND + INTERVAL 500000 MICROSECOND WHERE id = %lld",
	    (long long)call);
	http_get(path, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "status_display"), "Successful");
	cr_assert_float_eq(cJSON_GetObjectItem(r.json, "duration")->valuedouble,
	    600.5, 1e-9, "%s", r.body);
	cr_assert_float_eq(cJSON_GetObjectItem(r.json, "lag")->valuedouble,
	    5.0, 1e-9, "%s", r.body);
	resp_free(&r);

	http_get(path, p.mentor, PW, &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
	http_get("/admin/call/999999999/", env("MT_ADMIN_USER"),
	    env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
}

Test(console, admin_reads_the_webhook_log)
{
	struct pair	 p;
	struct resp	 r;
	char		 body[256];
	const cJSON	*e;

	make_pair(&p, "cs_hook", 609);
	snprintf(body, sizeof(body), "{\"message\": \"logged\", \"mobile\": "
	    "\"%s\"}", p.mentee_msisdn);
	provider_post("/comms/onion_dev_message/", body, &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
	http_get("/admin/webhook/?page_size=1", env("MT_ADMIN_USER"),
	    env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	e = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_str_eq(str(e, "body"), body);
	cr_assert_str_eq(str(e, "outcome"), "processed");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(e, "body_is_utf8")));
	resp_free(&r);
	http_get("/admin/webhook/", env("MT_PROVIDER_USER"),
	    env("MT_PROVIDER_PASS"), &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
}

Test(console, admin_retries_a_dead_outbox_entry)
{
	struct pair	 p;
	struct resp	 r;
	struct login	 admin;
	char		 path[64];
	int64_t		 id;
	const cJSON	*e;

	make_pair(&p, "cs_outbox", 610);
	post_json("/mentor/message/", p.mentor, PW, "{\"content\": \"dead\"}",
	    &r);
	cr_assert_eq(r.status, 201);
	resp_free(&r);
	id = sql_int("SELECT o.id FROM outbox o JOIN messages m ON m.id = "
	    "o.message_id WHERE m.sender_id = %lld", (long long)p.mentor_id);
	sql_exec("UPDATE outbox SET status = 'dead', attempts = 8, "
	    "last_error = 'provider down' WHERE id = %lld", (long long)id);

	http_get("/admin/outbox/?status=dead", env("MT_ADMIN_USER"),
	    env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_geq(num(r.json, "count"), 1);
	e = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "results"), 0);
	cr_assert_eq(num(e, "id"), id);
	cr_assert_str_eq(str(e, "last_error"), "provider down");
	resp_free(&r);
	http_get("/admin/outbox/?status=lost", env("MT_ADMIN_USER"),
	    env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 400);
	resp_free(&r);

	/* As the console does it: session cookie and CSRF token. */
	login(env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &admin);
	snprintf(path, sizeof(path), "/admin/outbox/%lld/retry/",
	    (long long)id);
	as_session(&admin, false, "POST", path, NULL, &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT status = 'dead' FROM outbox WHERE id = "
	    "%lld", (long long)id), 1);
	as_session(&admin, true, "POST", path, NULL, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_neq(str(r.json, "status"), "dead");
	resp_free(&r);
	/* Pending now (or already delivered by the worker): not dead. */
	cr_assert_eq(sql_int("SELECT status <> 'dead' FROM outbox WHERE id = "
	    "%lld", (long long)id), 1);
	as_session(&admin, true, "POST", path, NULL, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(strstr(str(r.json, "detail"), "Only a dead entry can be "
	    "retried; this one is ") != NULL, "%s", r.body);
	resp_free(&r);
	as_session(&admin, true, "POST", "/admin/outbox/999999999/retry/",
	    NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	post_json(path, p.mentor, PW, NULL, &r);
	cr_assert_eq(r.status, 403);
	resp_free(&r);
}
