/*
 * mentorshipctl against the test stack: the administrator's commands and
 * what they change, checked over HTTPS where it matters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"
#include "sql.h"

/* Runs "mentorshipctl -c MT_CONF args" with input on stdin; returns the
 * exit status and the output (stdout and stderr) in out. */
static int
ctl(const char *input, const char *args, char *out, size_t outsz)
{
	char	 cmd[2048];
	FILE	*p;
	size_t	 n;
	int	 st;

	snprintf(cmd, sizeof(cmd), "printf '%%s' '%s' | %s -c %s %s 2>&1",
	    input, env("MT_CTL"), env("MT_CONF"), args);
	p = popen(cmd, "r");
	cr_assert(p != NULL);
	n = fread(out, 1, outsz - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(ctl, .init = suite_init);

Test(ctl, check_reports_a_healthy_installation)
{
	char	out[4096];

	cr_assert_eq(ctl("", "check", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "database: ok") != NULL, "%s", out);
	cr_assert(strstr(out, "migrations: current") != NULL, "%s", out);
}

Test(ctl, check_says_what_is_wrong)
{
	char	out[4096], cmd[2048];
	FILE	*p;
	size_t	n;
	int	st;

	snprintf(cmd, sizeof(cmd), "MENTORSHIP_DATABASE_PASSWORD=wrong %s -c "
	    "%s check 2>&1", env("MT_CTL"), env("MT_CONF"));
	p = popen(cmd, "r");
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	st = pclose(p);
	cr_assert_eq(WEXITSTATUS(st), 1, "%s", out);
	cr_assert(strstr(out, "database: unreachable") != NULL, "%s", out);

	snprintf(cmd, sizeof(cmd), "MENTORSHIP_FCGI_WORKERS=-1 %s -c %s check "
	    "2>&1", env("MT_CTL"), env("MT_CONF"));
	p = popen(cmd, "r");
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	st = pclose(p);
	cr_assert_eq(WEXITSTATUS(st), 1, "%s", out);
	cr_assert(strstr(out, "MENTORSHIP_FCGI_WORKERS") != NULL, "%s", out);
}

Test(ctl, migrate_is_idempotent)
{
	char	out[4096];

	cr_assert_eq(ctl("", "migrate", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "0 migrations applied") != NULL, "%s", out);
}

Test(ctl, createsuperuser_generate_prints_a_working_password)
{
	char		 out[4096], *pw;
	struct resp	 r;

	cr_assert_eq(ctl("", "createsuperuser --username gen_admin --generate",
	    out, sizeof(out)), 0, "%s", out);
	pw = strstr(out, "password: ");
	cr_assert(pw != NULL, "%s", out);
	pw += 10;
	pw[strcspn(pw, "\n")] = '\0';
	cr_assert_geq(strlen(pw), 16);
	http_get("/auth/me", "gen_admin", pw, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "is_superuser")));
	resp_free(&r);
	/* The same name again is refused and changes nothing. */
	cr_assert_eq(ctl("another-password\n",
	    "createsuperuser --username GEN_ADMIN", out, sizeof(out)), 1,
	    "%s", out);
	cr_assert(strstr(out, "username: A user with that username already "
	    "exists.") != NULL, "%s", out);
}

Test(ctl, set_password_replaces_the_old_one)
{
	char		out[4096];
	struct resp	r;

	make_user("ctl_user", "first-password-1");
	http_get("/auth/me", "ctl_user", "first-password-1", &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
	cr_assert_eq(ctl("second-password-2\n",
	    "set-password --username ctl_user", out, sizeof(out)), 0, "%s",
	    out);
	http_get("/auth/me", "ctl_user", "second-password-2", &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);
	http_get("/auth/me", "ctl_user", "first-password-1", &r);
	cr_assert_eq(r.status, 401);
	resp_free(&r);
	/* Short passwords and unknown accounts are refused. */
	cr_assert_eq(ctl("short\n", "set-password --username ctl_user", out,
	    sizeof(out)), 1, "%s", out);
	cr_assert_eq(ctl("long-enough-1\n", "set-password --username "
	    "no_such_user", out, sizeof(out)), 1, "%s", out);
	cr_assert(strstr(out, "no such user") != NULL, "%s", out);
}

Test(ctl, usage_errors_exit_2)
{
	char	out[4096];

	cr_assert_eq(ctl("", "frobnicate", out, sizeof(out)), 2, "%s", out);
	cr_assert_eq(ctl("", "createsuperuser", out, sizeof(out)), 2, "%s", out);
}

Test(ctl, mentees_and_mentors_are_created_and_listed_without_sql)
{
	char	out[8192];

	cr_assert_eq(ctl("mentee-pass-1\n", "create-mentee --username "
	    "ctl_mentee --first-name Tony --contact-number '+27 82 444 0001'",
	    out, sizeof(out)), 0, "%s", out);
	cr_assert_eq(ctl("mentor-pass-1\n", "create-mentor --username "
	    "ctl_mentor --first-name Adam --contact-number 0027824440002 "
	    "--mentee ctl_mentee", out, sizeof(out)), 0, "%s", out);
	/* A taken number, a bad number, an unknown mentee: refused. */
	cr_assert_eq(ctl("mentee-pass-1\n", "create-mentee --username "
	    "ctl_other --contact-number +27824440001", out, sizeof(out)), 1,
	    "%s", out);
	cr_assert(strstr(out, "contact_number: A user with that contact number "
	    "already exists.") != NULL, "%s", out);
	cr_assert_eq(ctl("mentee-pass-1\n", "create-mentee --username "
	    "ctl_other --contact-number 0824440003", out, sizeof(out)), 1,
	    "%s", out);
	cr_assert_eq(ctl("mentor-pass-1\n", "create-mentor --username "
	    "ctl_other --contact-number +27824440004 --mentee nobody_here",
	    out, sizeof(out)), 1, "%s", out);
	cr_assert(strstr(out, "no such mentee") != NULL, "%s", out);
	/* The API's own rules: what POST /mentor/mentee refuses, so does
	 * mentorshipctl, in the same words. */
	cr_assert_eq(ctl("mentee-pass-1\n", "create-mentee --username "
	    "'ctl other' --contact-number +27824440005", out, sizeof(out)), 1,
	    "%s", out);
	cr_assert(strstr(out, "Enter a valid username.") != NULL, "%s", out);
	cr_assert_eq(ctl("mentee-pass-1\n", "create-mentee --username "
	    "ctl_other --email not-an-address --contact-number +27824440005",
	    out, sizeof(out)), 1, "%s", out);
	cr_assert(strstr(out, "Enter a valid email address.") != NULL, "%s",
	    out);
	cr_assert_eq(ctl("seven77\n", "create-mentee --username ctl_other "
	    "--contact-number +27824440005", out, sizeof(out)), 1, "%s", out);
	cr_assert(strstr(out, "Ensure this field has at least 8 characters.") !=
	    NULL, "%s", out);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM users WHERE contact_number"
	    " = '+27824440005'"), 0);

	cr_assert_eq(ctl("", "list-mentees", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "ctl_mentee") != NULL, "%s", out);
	/* Numbers are masked in listings. */
	cr_assert(strstr(out, "+27******001") != NULL, "%s", out);
	cr_assert_null(strstr(out, "+27824440001"));
	cr_assert_eq(ctl("", "list-mentors", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "ctl_mentor") != NULL, "%s", out);
	cr_assert_null(strstr(out, "ctl_other"));
}

Test(ctl, provider_accounts_post_webhooks_and_see_the_provider_log)
{
	char		out[8192];
	struct resp	r;

	cr_assert_eq(ctl("provider-pass-1\n", "create-provider-account "
	    "--username ctl_provider", out, sizeof(out)), 0, "%s", out);
	http_get("/comms/call/", "ctl_provider", "provider-pass-1", &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	http_get("/auth/me", "ctl_provider", "provider-pass-1", &r);
	cr_assert_str_eq(cJSON_GetObjectItem(r.json, "role")->valuestring,
	    "comms");
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "is_superuser")));
	resp_free(&r);
	cr_assert_eq(ctl("", "provider-log --limit 5", out, sizeof(out)), 0,
	    "%s", out);
	cr_assert_eq(ctl("", "provider-log --limit 0", out, sizeof(out)), 2,
	    "%s", out);
}
