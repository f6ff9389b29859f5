/*
 * Integration tests of the foundation through nginx over HTTPS: health,
 * Basic Auth, the credential cache, throttling, error answers, and the
 * pool's resilience (killed workers, a database that goes away, reload).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"

static void
assert_json_detail(const struct resp *r, long status)
{
	char	*ct = resp_header(r, "Content-Type");

	cr_assert_eq(r->status, status, "status %ld, expected %ld: %s",
	    r->status, status, r->body);
	cr_assert(ct != NULL && strncmp(ct, "application/json", 16) == 0,
	    "content type %s for %ld", ct ? ct : "(none)", status);
	cr_assert(r->json != NULL, "body is not JSON: %s", r->body);
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(r->json, "detail")),
	    "no detail in %s", r->body);
	free(ct);
}

static void
assert_healthy(void)
{
	struct resp	r;

	http_get("/healthz", NULL, NULL, &r);
	cr_assert_eq(r.status, 200, "healthz: %ld %s", r.status, r.body);
	resp_free(&r);
}


static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(foundation, .init = suite_init);

Test(foundation, healthz_answers_ok_without_credentials)
{
	struct resp	 r;
	char		*rid, *nosniff;

	http_get("/healthz", NULL, NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert(r.json != NULL);
	cr_assert_str_eq(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "ok");
	cr_assert_str_eq(cJSON_GetObjectItem(r.json, "database")->valuestring,
	    "ok");
	rid = resp_header(&r, "X-Request-Id");
	cr_assert(rid != NULL && strlen(rid) == 32, "request id %s", rid);
	nosniff = resp_header(&r, "X-Content-Type-Options");
	cr_assert(nosniff != NULL && strcmp(nosniff, "nosniff") == 0);
	free(rid);
	free(nosniff);
	resp_free(&r);
}

Test(foundation, head_is_answered_like_get_without_a_body)
{
	struct req	q = { .method = "HEAD", .url = "/healthz" };
	struct resp	r;

	http(&q, &r);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(r.len, 0);
	resp_free(&r);
}

Test(foundation, plain_http_redirects_to_https)
{
	char		 url[512], want[512];
	struct req	 q = { .url = url };
	struct resp	 r;
	char		*loc;

	snprintf(url, sizeof(url), "%s/healthz", env("MT_HTTP_URL"));
	snprintf(want, sizeof(want), "%s/healthz", env("MT_BASE_URL"));
	http(&q, &r);
	cr_assert_eq(r.status, 301);
	loc = resp_header(&r, "Location");
	cr_assert(loc != NULL && strcmp(loc, want) == 0, "Location %s", loc);
	free(loc);
	resp_free(&r);
}

/* No redirect names the Host a client sent (an open redirect, and a way
 * to poison caches). */
Test(foundation, redirects_never_reflect_the_host_header)
{
	char		 url[512], want[512];
	struct req	 q = { .url = url, .headers = { "Host: evil.example" } };
	struct resp	 r;
	char		*loc;

	snprintf(url, sizeof(url), "%s/healthz", env("MT_HTTP_URL"));
	snprintf(want, sizeof(want), "%s/healthz", env("MT_BASE_URL"));
	http(&q, &r);
	cr_assert_eq(r.status, 301);
	loc = resp_header(&r, "Location");
	cr_assert(loc != NULL && strcmp(loc, want) == 0, "Location %s", loc);
	free(loc);
	resp_free(&r);
	q.url = "/docs";
	http(&q, &r);
	cr_assert_eq(r.status, 301);
	loc = resp_header(&r, "Location");
	cr_assert(loc != NULL && strcmp(loc, "/docs/") == 0, "Location %s",
	    loc);
	free(loc);
	resp_free(&r);
	q.url = "/";
	http(&q, &r);
	cr_assert_eq(r.status, 302);
	loc = resp_header(&r, "Location");
	cr_assert(loc != NULL && strcmp(loc, "/console/") == 0, "Location %s",
	    loc);
	free(loc);
	resp_free(&r);
}

/* What nginx answers by itself on the API's locations is JSON too. */
Test(foundation, nginx_errors_are_json)
{
	static char	 long_path[10000], big_header[20000];
	struct {
		struct req	 q;
		long		 status;
	} cases[] = {
		{ { .url = "/mentor/%00", .http1 = 1 }, 400 },
		{ { .method = "TRACE", .url = "/mentor/call/", .http1 = 1 }, 405 },
		{ { .url = long_path, .http1 = 1 }, 414 },
		{ { .url = "/healthz", .headers = { big_header }, .http1 = 1 },
		    400 },
		{ { .url = "/static/no-such-file.txt" }, 404 },
		{ { .url = "/console/no-such-page.js" }, 404 },
	};

	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	snprintf(big_header, sizeof(big_header), "X-Big: ");
	memset(big_header + 7, 'b', sizeof(big_header) - 8);
	big_header[sizeof(big_header) - 1] = '\0';
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resp	 r;
		char		*rid;

		http(&cases[i].q, &r);
		cr_assert_eq(r.status, cases[i].status, "%zu: %ld %.200s", i,
		    r.status, r.body);
		assert_content_type(&r, "application/json; charset=utf-8");
		cr_assert(r.json != NULL && cJSON_IsString(cJSON_GetObjectItem(
		    r.json, "detail")), "%zu: not JSON: %.200s", i, r.body);
		rid = resp_header(&r, "X-Request-Id");
		cr_assert_not_null(rid, "%zu: no request id", i);
		free(rid);
		resp_free(&r);
	}
}

Test(foundation, tls_below_1_2_is_refused)
{
	struct req	q = { .url = "/healthz" };
	struct resp	r;

	cr_assert_neq(http_try(&q, &r, CURL_SSLVERSION_TLSv1_1 |
	    CURL_SSLVERSION_MAX_TLSv1_1), CURLE_OK);
	resp_free(&r);
	cr_assert_eq(http_try(&q, &r, CURL_SSLVERSION_TLSv1_3), CURLE_OK);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
	cr_assert_eq(http_try(&q, &r, CURL_SSLVERSION_TLSv1_2 |
	    CURL_SSLVERSION_MAX_TLSv1_2), CURLE_OK);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
}

Test(foundation, auth_me_without_credentials_is_401_with_challenge)
{
	struct resp	 r;
	char		*www;

	http_get("/auth/me", NULL, NULL, &r);
	assert_json_detail(&r, 401);
	www = resp_header(&r, "WWW-Authenticate");
	cr_assert(www != NULL && strncmp(www, "Basic realm=\"", 13) == 0,
	    "WWW-Authenticate: %s", www);
	free(www);
	resp_free(&r);
}

Test(foundation, auth_me_with_a_wrong_password_is_401)
{
	struct resp	 r;
	char		*www;

	http_get("/auth/me", env("MT_ADMIN_USER"), "not-the-password", &r);
	assert_json_detail(&r, 401);
	www = resp_header(&r, "WWW-Authenticate");
	cr_assert(www != NULL);
	free(www);
	resp_free(&r);
	http_get("/auth/me", "nobody-has-this-name", "whatever1", &r);
	assert_json_detail(&r, 401);
	resp_free(&r);
}

Test(foundation, auth_me_returns_the_account)
{
	struct resp	 r;
	const cJSON	*j;

	http_get("/auth/me", env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	j = r.json;
	cr_assert(cJSON_IsNumber(cJSON_GetObjectItem(j, "id")));
	cr_assert_str_eq(cJSON_GetObjectItem(j, "username")->valuestring,
	    env("MT_ADMIN_USER"));
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(j, "email")));
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(j, "first_name")));
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(j, "last_name")));
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "is_superuser")));
	cr_assert_str_eq(cJSON_GetObjectItem(j, "role")->valuestring, "admin");
	cr_assert_null(cJSON_GetObjectItem(j, "password"));
	cr_assert_null(cJSON_GetObjectItem(j, "password_hash"));
	cr_assert_null(strstr(r.body, "argon2"));
	resp_free(&r);
	/* The same route with a trailing slash. */
	http_get("/auth/me/", env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
}

Test(foundation, unknown_paths_are_404_and_wrong_methods_405)
{
	struct req	 q = { .method = "DELETE", .url = "/auth/me" };
	struct resp	 r;
	char		*allow;

	http_get("/no/such/thing", NULL, NULL, &r);
	assert_json_detail(&r, 404);
	cr_assert_str_eq(cJSON_GetObjectItem(r.json, "detail")->valuestring,
	    "Not found.");
	resp_free(&r);
	http(&q, &r);
	assert_json_detail(&r, 405);
	allow = resp_header(&r, "Allow");
	cr_assert(allow != NULL && strcmp(allow, "GET, HEAD") == 0,
	    "Allow: %s", allow);
	free(allow);
	resp_free(&r);
}

Test(foundation, malformed_authorization_headers_get_401_json)
{
	static const char *const bad[] = {
		"Basic", "Basic ", "Basic !!!!", "Basic dXNlcg==",
		"Basic a b", "Basic AAAA", "Bearer abc", "basic",
		"Basic dXNlcjpwYXNz====", "Basic AHVzZXI6cGFzcw==",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct req	q = { .url = "/auth/me", .authorization = bad[i] };
		struct resp	r;

		http(&q, &r);
		assert_json_detail(&r, 401);
		resp_free(&r);
	}
	assert_healthy();
}

Test(foundation, request_bodies_are_checked_before_any_handler)
{
	const char	*u = env("MT_ADMIN_USER"), *p = env("MT_ADMIN_PASS");
	struct req	 q = { .method = "POST", .url = "/auth/password",
			    .user = u, .pass = p };
	struct resp	 r;
	char		*big;
	size_t		 n;

	q.content_type = "text/plain";
	q.body = "hello";
	http(&q, &r);
	assert_json_detail(&r, 415);
	resp_free(&r);

	q.content_type = "application/json";
	q.body = "{\"current_password\": ";
	http(&q, &r);
	assert_json_detail(&r, 400);
	resp_free(&r);

	q.body = "{\"current_password\": \"x\"} trailing";
	http(&q, &r);
	assert_json_detail(&r, 400);
	resp_free(&r);

	/* Wrong types: DRF-style field errors. */
	q.body = "{\"current_password\": 5}";
	http(&q, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json,
	    "current_password")), "%s", r.body);
	cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(r.json,
	    "new_password"), 0)->valuestring, "This field is required.");
	resp_free(&r);

	/* Over the app's limit (1 MiB) but under nginx's (2 MiB). */
	n = 1536 * 1024;
	big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	q.body = big;
	http(&q, &r);
	assert_json_detail(&r, 413);
	resp_free(&r);
	free(big);

	/* Over nginx's limit. */
	n = 3 * 1024 * 1024;
	big = malloc(n + 1);
	memset(big, 'x', n);
	big[n] = '\0';
	q.body = big;
	http(&q, &r);
	assert_json_detail(&r, 413);
	resp_free(&r);
	free(big);
	assert_healthy();
}

/*
 * The credential cache, proven with the access log's auth= field: each
 * worker runs argon2 at most once for a user, every other request is
 * answered from its cache.
 */
Test(foundation, credential_cache_avoids_argon2_on_repeat_requests)
{
	enum { N = 30 };
	int	argon2 = 0, cache = 0;
	int	workers = atoi(env("MT_FCGI_WORKERS"));

	make_user("cache_user", "cache-password-1");
	for (int i = 0; i < N; i++) {
		struct resp	 r;
		char		*rid, how[32] = "";

		http_get("/auth/me", "cache_user", "cache-password-1", &r);
		cr_assert_eq(r.status, 200);
		rid = resp_header(&r, "X-Request-Id");
		cr_assert(rid != NULL);
		/* The worker writes the line before the response ends. */
		cr_assert_eq(log_auth_of(rid, how, sizeof(how)), 1,
		    "no access line for %s", rid);
		if (strcmp(how, "argon2") == 0)
			argon2++;
		else if (strcmp(how, "cache") == 0)
			cache++;
		free(rid);
		resp_free(&r);
	}
	cr_assert(argon2 >= 1 && argon2 <= workers,
	    "argon2 ran %d times for %d requests on %d workers", argon2, N,
	    workers);
	cr_assert_eq(argon2 + cache, N);
}

Test(foundation, password_change_drops_cached_credentials)
{
	struct req	q = { .method = "POST", .url = "/auth/password",
			    .user = "pw_user", .pass = "old-password-1",
			    .content_type = "application/json" };
	struct resp	r;

	make_user("pw_user", "old-password-1");
	for (int i = 0; i < 6; i++) {	/* warm every worker's cache */
		http_get("/auth/me", "pw_user", "old-password-1", &r);
		cr_assert_eq(r.status, 200);
		resp_free(&r);
	}
	q.body = "{\"current_password\": \"wrong\", \"new_password\": "
	    "\"new-password-2\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json,
	    "current_password")));
	resp_free(&r);
	q.body = "{\"current_password\": \"old-password-1\", \"new_password\": "
	    "\"new-password-2\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	for (int i = 0; i < 6; i++) {
		http_get("/auth/me", "pw_user", "new-password-2", &r);
		cr_assert_eq(r.status, 200);
		resp_free(&r);
	}
	/* Fewer than the throttling limit, and on every worker. */
	for (int i = 0; i < 4; i++) {
		http_get("/auth/me", "pw_user", "old-password-1", &r);
		cr_assert_eq(r.status, 401, "old password still works: %s",
		    r.body);
		resp_free(&r);
	}
}

Test(foundation, repeated_failures_are_throttled_with_retry_after)
{
	struct resp	 r;
	char		*retry;
	long		 secs;

	make_user("throttle_user", "right-password-1");
	/* The stack runs with throttle_max_failures = 5. */
	for (int i = 0; i < 5; i++) {
		http_get("/auth/me", "throttle_user", "wrong-password", &r);
		assert_json_detail(&r, 401);
		resp_free(&r);
	}
	/* Even the right password waits now: it would run argon2. */
	http_get("/auth/me", "throttle_user", "right-password-1", &r);
	assert_json_detail(&r, 429);
	retry = resp_header(&r, "Retry-After");
	cr_assert(retry != NULL, "no Retry-After");
	secs = strtol(retry, NULL, 10);
	cr_assert(secs >= 1 && secs <= 60, "Retry-After: %s", retry);
	free(retry);
	resp_free(&r);
	/* Other accounts are not affected. */
	http_get("/auth/me", env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
}

/*
 * The database finds one account for every spelling of its name (case,
 * accents, full-width letters, trailing spaces): they share its budget.
 */
Test(foundation, every_spelling_of_a_login_shares_its_throttle)
{
	static const char *const variants[] = {
		"spellthrottle ", "SpellThrottle", "spéllthrottle",
		"\xef\xbd\x93pellthrottle",		/* a full-width s */
		"spellthrottle   ",
	};
	struct resp	r;

	make_user("spellthrottle", "right-password-1");
	for (size_t i = 0; i < 5; i++) {
		http_get("/auth/me", variants[i], "wrong-password", &r);
		assert_json_detail(&r, 401);
		resp_free(&r);
	}
	for (size_t i = 0; i < 5; i++) {
		http_get("/auth/me", variants[i], "right-password-1", &r);
		cr_assert_eq(r.status, 429, "%s got a budget of its own: %ld",
		    variants[i], r.status);
		resp_free(&r);
	}
	http_get("/auth/me", "spellthrottle", "right-password-1", &r);
	assert_json_detail(&r, 429);
	resp_free(&r);
}

/* A stolen session (or Basic credentials cached) cannot guess the
 * current password of a password change: it is throttled like logins. */
Test(foundation, wrong_current_passwords_are_throttled)
{
	struct resp	 r;
	char		 body[128], *retry;
	struct req	 q = { .method = "POST", .url = "/auth/password",
			    .user = "pwguess_user", .pass = "right-password-1",
			    .content_type = "application/json", .body = body };

	make_user("pwguess_user", "right-password-1");
	for (int i = 0; i < 5; i++) {
		snprintf(body, sizeof(body), "{\"current_password\": \"guess-%d"
		    "-pass\", \"new_password\": \"another-password-2\"}", i);
		http(&q, &r);
		cr_assert_eq(r.status, 400, "%ld %s", r.status, r.body);
		cr_assert_not_null(cJSON_GetObjectItem(r.json,
		    "current_password"));
		resp_free(&r);
	}
	snprintf(body, sizeof(body), "{\"current_password\": "
	    "\"right-password-1\", \"new_password\": \"another-password-2\"}");
	http(&q, &r);
	assert_json_detail(&r, 429);
	retry = resp_header(&r, "Retry-After");
	cr_assert_not_null(retry);
	free(retry);
	resp_free(&r);
	/* nothing changed: the new password was never set */
	http_get("/auth/me", "pwguess_user", "another-password-2", &r);
	cr_assert(r.status == 401 || r.status == 429, "%ld", r.status);
	resp_free(&r);
}

/* Waits until the master runs `want` workers, none of them in `old`. */
static int
wait_for_workers(int want, const pid_t *old, int nold, pid_t *now)
{
	for (int tries = 0; tries < 200; tries++) {
		int	n = worker_pids(now, 64), fresh = 1;

		for (int i = 0; i < n && fresh; i++)
			for (int j = 0; j < nold; j++)
				if (now[i] == old[j])
					fresh = 0;
		if (n == want && fresh)
			return n;
		msleep(50);
	}
	return -1;
}

static void
assert_requests_succeed(int n)
{
	for (int i = 0; i < n; i++) {
		struct resp	r;

		http_get("/auth/me", env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"),
		    &r);
		cr_assert_eq(r.status, 200, "request %d: %ld %s", i, r.status,
		    r.body);
		resp_free(&r);
	}
}

Test(foundation, a_worker_killed_with_sigkill_is_replaced)
{
	pid_t	before[64], after[64];
	int	workers = atoi(env("MT_FCGI_WORKERS")), n;

	assert_requests_succeed(2);
	n = worker_pids(before, 64);
	cr_assert_eq(n, workers);
	cr_assert_eq(kill(before[0], SIGKILL), 0);
	cr_assert_eq(wait_for_workers(workers, before, 1, after), workers,
	    "the killed worker was not replaced");
	assert_requests_succeed(20);
}

Test(foundation, sighup_reloads_and_replaces_every_worker)
{
	pid_t	before[64], after[64];
	int	workers = atoi(env("MT_FCGI_WORKERS")), n;

	n = worker_pids(before, 64);
	cr_assert_eq(n, workers);
	cr_assert_eq(kill(master_pid(), SIGHUP), 0);
	/* Requests keep being answered while the workers are replaced. */
	assert_requests_succeed(5);
	cr_assert_eq(wait_for_workers(workers, before, n, after), workers,
	    "the workers were not replaced after SIGHUP");
	assert_requests_succeed(10);
}

Test(foundation, database_outage_answers_503_and_recovers)
{
	pid_t		 before[64], after[64];
	pid_t		 master = master_pid();
	struct resp	 r;
	int		 n, up = 0;

	assert_requests_succeed(4);
	n = worker_pids(before, 64);
	cr_assert_eq(run("%s db stop", env("MT_STACK")), 0);
	for (int i = 0; i < 4; i++) {
		http_get("/healthz", NULL, NULL, &r);
		cr_assert_eq(r.status, 503, "healthz with the database down: "
		    "%ld %s", r.status, r.body);
		cr_assert(r.json != NULL);
		cr_assert_str_eq(cJSON_GetObjectItem(r.json,
		    "database")->valuestring, "down");
		resp_free(&r);
		http_get("/auth/me", env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"),
		    &r);
		assert_json_detail(&r, 503);
		cr_assert(cJSON_IsString(cJSON_GetObjectItem(r.json,
		    "request_id")));
		resp_free(&r);
	}
	cr_assert_eq(run("%s db start", env("MT_STACK")), 0);
	for (int i = 0; i < 300 && !up; i++) {
		http_get("/healthz", NULL, NULL, &r);
		up = r.status == 200;
		resp_free(&r);
		if (!up)
			msleep(100);
	}
	cr_assert(up, "healthz did not recover");
	assert_requests_succeed(6);
	/* The same pool: nothing crashed or was restarted. */
	cr_assert_eq(master_pid(), master);
	cr_assert_eq(worker_pids(after, 64), n);
	for (int i = 0; i < n; i++) {
		int	same = 0;

		for (int j = 0; j < n; j++)
			same |= after[i] == before[j];
		cr_assert(same, "worker %d was replaced", (int)after[i]);
	}
}
