/*
 * Forgotten passwords through nginx, as the Android app asks (E27, E28,
 * no credentials) and as the console does (/auth/...): the code mailed
 * through a fake SMTP server (STARTTLS, AUTH) by a worker of this test,
 * single use, expiring, stored only hashed, throttled against guessing;
 * the new password in force at once and every session of the account
 * ended.  Nothing tells an unknown address from a known one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"
#include "fakes.h"
#include "pair.h"
#include "sql.h"

static struct fake	smtp;
static char		smtp_port[64], smtp_ca[300];

#define SENT_DETAIL	"If an account has this e-mail address, a reset code " \
			"is on its way to it."
#define NEW_PW		"a new pass phrase"

static void
suite_init(void)
{
	char	cert[256], key[256];

	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* the stack's certificate is for 127.0.0.1 too */
	snprintf(cert, sizeof(cert), "%s/tls/cert.pem", env("MT_VAR"));
	snprintf(key, sizeof(key), "%s/tls/key.pem", env("MT_VAR"));
	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--require-starttls", "--auth",
	    "mailer:mail-pass", (char *)NULL);
	snprintf(smtp_port, sizeof(smtp_port), "MENTORSHIP_SMTP_PORT=%d",
	    smtp.port);
	snprintf(smtp_ca, sizeof(smtp_ca), "MENTORSHIP_SMTP_CA_FILE=%s", cert);
}

static void
suite_fini(void)
{
	fake_stop(&smtp);
}

TestSuite(reset, .init = suite_init, .fini = suite_fini);

/* One pass of a worker that mails through the fake. */
static void
worker_pass(void)
{
	const char *const	 extra[] = {
		"MENTORSHIP_SMTP_HOST=127.0.0.1", smtp_port, smtp_ca,
		"MENTORSHIP_SMTP_SECURITY=starttls",
		"MENTORSHIP_SMTP_USERNAME=mailer",
		"MENTORSHIP_SMTP_PASSWORD=mail-pass",
		"MENTORSHIP_SMTP_FROM=Mentoring Tool <no-reply@mentoring.example>",
		"MENTORSHIP_WORKER_BATCH_SIZE=1000", NULL
	};

	worker_once(extra);
}

static void
post_public(const char *path, const char *body, struct resp *out)
{
	struct req	q = { .method = "POST", .url = path,
			    .content_type = "application/json;charset=utf-8",
			    .body = body };

	http(&q, out);
}

static void
ask_reset(const char *path, const char *email)
{
	char		body[256];
	struct resp	r;

	snprintf(body, sizeof(body), "{\"email\": \"%s\"}", email);
	post_public(path, body, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "detail"), SENT_DETAIL);
	resp_free(&r);
}

static long
confirm(const char *path, const char *code, const char *pw, struct resp *out)
{
	char	body[512];

	snprintf(body, sizeof(body), "{\"token\": \"%s\", \"new_password\": "
	    "\"%s\", \"check_new_password\": \"%s\"}", code, pw, pw);
	post_public(path, body, out);
	return out->status;
}

/* How many mails the fake received for to. */
static int
mails_to(const char *to)
{
	cJSON	*all = fake_requests(&smtp), *m;
	int	 n = 0;

	cJSON_ArrayForEach(m, all) {
		cJSON	*rcpt = cJSON_GetArrayItem(cJSON_GetObjectItem(m,
			    "rcpt_to"), 0);

		n += rcpt != NULL && strcmp(rcpt->valuestring, to) == 0;
	}
	cJSON_Delete(all);
	return n;
}

/*
 * The code of the last mail to `to`, after checking the mail: over
 * STARTTLS with AUTH, from the configured sender, plain UTF-8 text.
 */
static void
last_code(const char *to, char code[16])
{
	cJSON		*all = fake_requests(&smtp), *m, *last = NULL;
	const char	*data, *p;
	int		 n = 0;

	cJSON_ArrayForEach(m, all) {
		cJSON	*rcpt = cJSON_GetArrayItem(cJSON_GetObjectItem(m,
			    "rcpt_to"), 0);

		if (rcpt != NULL && strcmp(rcpt->valuestring, to) == 0)
			last = m;
	}
	cr_assert_not_null(last, "no mail to %s", to);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(last, "tls")));
	cr_assert_str_eq(str(last, "auth_user"), "mailer");
	cr_assert_str_eq(str(last, "mail_from"), "no-reply@mentoring.example");
	data = str(last, "data");
	cr_assert_not_null(strstr(data, "Subject: Your Mentoring Tool password "
	    "reset code\r\n"), "%s", data);
	cr_assert_not_null(strstr(data, "Content-Type: text/plain; "
	    "charset=utf-8"));
	cr_assert_not_null(p = strstr(data, "Your reset code is:"), "%s", data);
	p += strlen("Your reset code is:");
	while (*p != '\0' && !isdigit((unsigned char)*p))
		p++;
	for (; isdigit((unsigned char)*p) && n < 15; p++)
		code[n++] = *p;
	code[n] = '\0';
	cr_assert_eq(n, 10, "a code of %d digits", n);
	cJSON_Delete(all);
}

static long
v2_login(const struct pair *p, const char *pw)
{
	char		path[160];
	struct resp	r;
	long		st;

	snprintf(path, sizeof(path), "/v2/mentor/profile/?email=%s", p->email);
	http_get(path, p->email, pw, &r);
	st = r.status;
	resp_free(&r);
	return st;
}

Test(reset, the_apps_flow_end_to_end)
{
	struct pair	 p;
	struct resp	 r;
	char		 code[16], upper[80];

	make_app_pair(&p, "rst_flow", 851);
	cr_assert_eq(v2_login(&p, PW), 200);
	/* as the user typed it: case and spaces do not matter */
	snprintf(upper, sizeof(upper), "  %s ", p.email);
	for (char *c = upper; *c != '\0'; c++)
		*c = (char)toupper((unsigned char)*c);
	ask_reset("/v2/mentor/reset-password/", upper);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld AND status = 'pending'",
	    (long long)p.mentor_id), 1);
	worker_pass();
	cr_assert_eq(mails_to(p.email), 1);
	last_code(p.email, code);
	/* only the code's hash is stored, and nowhere the code itself */
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM password_resets WHERE "
	    "user_id = %lld AND code_hash = SHA2('%s', 256)",
	    (long long)p.mentor_id, code), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE payload LIKE "
	    "'%%%s%%' OR last_error LIKE '%%%s%%'", code, code), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld AND status = 'sent'",
	    (long long)p.mentor_id), 1);

	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code, NEW_PW, &r),
	    200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "detail"), "Password changed.");
	resp_free(&r);
	cr_assert_eq(v2_login(&p, PW), 403, "the old password still works");
	cr_assert_eq(v2_login(&p, NEW_PW), 200);
	/* once only */
	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code,
	    "yet another one", &r), 401, "%s", r.body);
	cr_assert_str_eq(str(r.json, "detail"), "Reset code is incorrect or "
	    "has expired.");
	resp_free(&r);
	cr_assert_eq(v2_login(&p, NEW_PW), 200);
}

Test(reset, the_console_flow_ends_every_session)
{
	struct pair	 p;
	struct resp	 r;
	char		 body[256], cookie[128], code[16], first[16];
	char		*set;
	struct req	 q = { .method = "POST", .url = "/auth/login/",
			    .content_type = "application/json", .body = body };

	make_app_pair(&p, "rst_console", 852);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"%s\"}", p.mentor, PW);
	http(&q, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	set = resp_header(&r, "Set-Cookie");
	snprintf(cookie, sizeof(cookie), "Cookie: %.*s", (int)strcspn(set, ";"),
	    set);
	free(set);
	resp_free(&r);

	/* two codes asked for: either works, and using one ends both */
	ask_reset("/auth/reset-password", p.email);
	worker_pass();
	last_code(p.email, first);
	ask_reset("/auth/reset-password", p.email);
	worker_pass();
	last_code(p.email, code);
	cr_assert_str_neq(first, code);
	cr_assert_eq(confirm("/auth/confirm-password", code, NEW_PW, &r), 200,
	    "%s", r.body);
	resp_free(&r);
	q.method = "GET";
	q.url = "/auth/session";
	q.body = NULL;
	q.content_type = NULL;
	q.headers[0] = cookie;
	q.headers[1] = "X-Requested-With: XMLHttpRequest";
	http(&q, &r);
	cr_assert_eq(r.status, 401, "the session outlived the reset: %s",
	    r.body);
	resp_free(&r);
	cr_assert_eq(confirm("/auth/confirm-password", first, "other pass "
	    "phrase", &r), 401);
	resp_free(&r);
	cr_assert_eq(v2_login(&p, NEW_PW), 200);
}

Test(reset, unknown_addresses_get_the_same_answer_and_no_mail)
{
	struct resp	r;
	int64_t		before = sql_int("SELECT COUNT(*) FROM outbox");
	int		mails = mails_to("nobody@example.org");

	ask_reset("/v2/mentor/reset-password/", "nobody@example.org");
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox"), before);
	worker_pass();
	cr_assert_eq(mails_to("nobody@example.org"), mails);

	post_public("/v2/mentor/reset-password/", "{\"email\": \"not an "
	    "address\"}", &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(r.json,
	    "email"), 0)->valuestring, "Enter a valid email address.");
	resp_free(&r);
	post_public("/v2/mentor/reset-password/", "{}", &r);
	cr_assert_eq(r.status, 400);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "email"));
	resp_free(&r);
	post_public("/v2/mentor/reset-password/", "{\"email\": ", &r);
	cr_assert_eq(r.status, 400);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox"), before);
}

Test(reset, codes_expire_and_bad_passwords_keep_them)
{
	struct pair	 p;
	struct resp	 r;
	char		 code[16], body[256];

	make_app_pair(&p, "rst_expire", 853);
	ask_reset("/v2/mentor/reset-password/", p.email);
	worker_pass();
	last_code(p.email, code);
	/* a password that is not acceptable: 400, the code still good */
	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code, "short", &r),
	    400, "%s", r.body);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "new_password"));
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"token\": \"%s\", \"new_password\": "
	    "\"%s\", \"check_new_password\": \"something else\"}", code,
	    NEW_PW);
	post_public("/v2/mentor/confirm-password/", body, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "check_new_password"));
	resp_free(&r);
	cr_assert_eq(v2_login(&p, PW), 200, "a refused reset changed it");
	/* expired: 401 and the password stays */
	sql_exec("UPDATE password_resets SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE user_id = %lld", (long long)p.mentor_id);
	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code, NEW_PW, &r),
	    401, "%s", r.body);
	resp_free(&r);
	cr_assert_eq(v2_login(&p, PW), 200);
	/* and its mail, if still queued, is never sent */
	ask_reset("/v2/mentor/reset-password/", p.email);
	sql_exec("UPDATE password_resets SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE user_id = %lld", (long long)p.mentor_id);
	worker_pass();
	cr_assert_eq(mails_to(p.email), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld AND status = 'dead'",
	    (long long)p.mentor_id), 1);
}

Test(reset, an_account_gets_three_codes_an_hour)
{
	struct pair	p;

	make_app_pair(&p, "rst_many", 854);
	for (int i = 0; i < 5; i++)
		ask_reset("/v2/mentor/reset-password/", p.email);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld", (long long)p.mentor_id), 3);
	worker_pass();
	cr_assert_eq(mails_to(p.email), 3);
}

Test(reset, wrong_codes_are_throttled)
{
	struct pair	 p;
	struct resp	 r;
	char		 code[16], *retry;

	make_app_pair(&p, "rst_guess", 855);
	ask_reset("/v2/mentor/reset-password/", p.email);
	worker_pass();
	last_code(p.email, code);
	/* the test stack allows 5 failures a minute; other tests' wrong
	 * codes must not count here */
	sql_exec("DELETE FROM login_failures");
	for (int i = 0; i < 5; i++) {
		cr_assert_eq(confirm("/v2/mentor/confirm-password/",
		    i % 2 ? "0000000000" : "12345-67890", NEW_PW, &r), 401,
		    "attempt %d: %s", i, r.body);
		resp_free(&r);
	}
	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code, NEW_PW, &r),
	    429, "%s", r.body);
	retry = resp_header(&r, "Retry-After");
	cr_assert_not_null(retry);
	free(retry);
	resp_free(&r);
	cr_assert_eq(v2_login(&p, PW), 200, "a throttled reset changed it");
	/* the window passes (its rows go): the right code works */
	sql_exec("DELETE FROM login_failures");
	cr_assert_eq(confirm("/v2/mentor/confirm-password/", code, NEW_PW, &r),
	    200, "%s", r.body);
	resp_free(&r);
	cr_assert_eq(v2_login(&p, NEW_PW), 200);
}

Test(reset, a_mail_server_that_fails_is_tried_again)
{
	struct pair	 p;
	char		 code[16];

	make_app_pair(&p, "rst_retry", 856);
	fake_stop(&smtp);
	ask_reset("/v2/mentor/reset-password/", p.email);
	worker_pass();
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld AND status = 'pending' AND attempts = 1"
	    " AND last_error <> ''", (long long)p.mentor_id), 1);
	suite_init();
	sql_exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) WHERE "
	    "recipient_id = %lld", (long long)p.mentor_id);
	worker_pass();
	last_code(p.email, code);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND recipient_id = %lld AND status = 'sent'",
	    (long long)p.mentor_id), 1);
}
