/*
 * /mentor/mentee and /mentor/mentor through nginx: accounts, for
 * superusers only.  password is write-only (api() checks that no answer
 * ever has one), contact_number is E.164, a mentor's mentee must exist,
 * and refused input stores nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "fixture.h"

static const char *const mentee_keys[] = { "id", "username", "first_name",
    "last_name", "email", "contact_number", "external_id", NULL };
static const char *const mentor_keys[] = { "id", "username", "first_name",
    "last_name", "email", "contact_number", "external_id", "mentee",
    "profile_pic", "job_title", "job_sector", "motivation", "inspiration",
    "tags", "skills", NULL };

TestSuite(admin_api, .init = fixture_init, .timeout = 120);

/* ---- helpers ---- */

static void
check_mentee(const cJSON *o)
{
	expect_keys(o, mentee_keys);
	cr_assert_gt(jint(o, "id"), 0);
	cr_assert_neq(*jstr(o, "username"), '\0');
	(void)jstr(o, "first_name");
	(void)jstr(o, "last_name");
	(void)jstr(o, "email");
	cr_assert_eq(*jstr(o, "contact_number"), '+');
	(void)jstr(o, "external_id");
}

static void
check_mentor(const cJSON *o)
{
	static const char *const profile[] = { "profile_pic", "job_title",
	    "job_sector", "motivation", "inspiration", "tags", "skills" };

	expect_keys(o, mentor_keys);
	cr_assert_gt(jint(o, "id"), 0);
	cr_assert_neq(*jstr(o, "username"), '\0');
	(void)jstr(o, "first_name");
	(void)jstr(o, "last_name");
	(void)jstr(o, "email");
	cr_assert_eq(*jstr(o, "contact_number"), '+');
	(void)jstr(o, "external_id");
	cr_assert_gt(jint(o, "mentee"), 0);
	for (size_t i = 0; i < sizeof(profile) / sizeof(profile[0]); i++)
		(void)jstr(o, profile[i]);
}

/* An account's login works (200 on /auth/me) or not (401). */
static void
expect_login(const char *user, const char *pass, long status)
{
	struct resp	r;

	api("GET", "/auth/me", user, pass, NULL, &r);
	expect_status(&r, status);
	resp_free(&r);
}

static int64_t
make_mentee(char name[64], char number[20], const char *pass)
{
	char		body[512];
	struct resp	r;
	int64_t		id;

	fresh_name("admin_mentee", name);
	fresh_number(number);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"%s\", \"contact_number\": \"%s\"}", name, pass, number);
	admin("POST", "/mentor/mentee", body, &r);
	expect_status(&r, 201);
	check_mentee(r.json);
	id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

/*
 * A number written the way people do, and its E.164 form: "+27 (79)
 * 123-45.67" for "+277912345 67".
 */
static void
spaced_number(char spaced[40], char e164[20])
{
	fresh_number(e164);
	/* +2779dddddddd */
	snprintf(spaced, 40, "+%.2s (%.2s) %.3s-%.2s.%.3s", e164 + 1, e164 + 3,
	    e164 + 5, e164 + 8, e164 + 10);
}

/* ---- creating ---- */

Test(admin_api, mentee_create_answers_201_with_the_seed_fields)
{
	struct resp	 r, g;
	char		 name[64], body[1024], spaced[40], e164[20], url[64];
	char		*hash, *role;
	int64_t		 id, n;
	cJSON		*all;
	bool		 listed = false;

	fresh_name("Tony", name);
	spaced_number(spaced, e164);
	snprintf(body, sizeof(body), "{\"id\": 999999999, \"username\": \"%s\","
	    " \"first_name\": \"Tony\", \"last_name\": \"Stark-\xc3\xa9\", "
	    "\"email\": \"tony@example.org\", \"password\": \"s3cret-pass\", "
	    "\"contact_number\": \"%s\", \"external_id\": \"ext-1\", "
	    "\"is_superuser\": true, \"role\": \"admin\", \"unknown\": 1}",
	    name, spaced);
	admin("POST", "/mentor/mentee", body, &r);
	expect_status(&r, 201);
	check_mentee(r.json);
	id = jint(r.json, "id");
	cr_assert_neq(id, 999999999);
	cr_assert_str_eq(jstr(r.json, "username"), name);
	cr_assert_str_eq(jstr(r.json, "first_name"), "Tony");
	cr_assert_str_eq(jstr(r.json, "last_name"), "Stark-\xc3\xa9");
	cr_assert_str_eq(jstr(r.json, "email"), "tony@example.org");
	cr_assert_str_eq(jstr(r.json, "contact_number"), e164);
	cr_assert_str_eq(jstr(r.json, "external_id"), "ext-1");

	/* Stored as a mentee, not as what the body claimed; the password
	 * as a hash. */
	role = sql_text("SELECT CONCAT(role, '/', is_superuser) FROM users"
	    " WHERE id = %lld", (long long)id);
	cr_assert_str_eq(role, "mentee/0");
	hash = sql_text("SELECT password_hash FROM users WHERE id = %lld",
	    (long long)id);
	cr_assert(strncmp(hash, "$argon2id$", 10) == 0, "hash %.12s...", hash);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM mentees WHERE user_id ="
	    " %lld", (long long)id), 1);
	expect_login(name, "s3cret-pass", 200);

	snprintf(url, sizeof(url), "/mentor/mentee/%lld", (long long)id);
	admin("GET", url, NULL, &g);
	expect_status(&g, 200);
	cr_assert(cJSON_Compare(g.json, r.json, 1), "GET %s POST %s", g.body,
	    r.body);
	resp_free(&g);
	all = list_all_as(env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"),
	    "/mentor/mentee", 0, &n);
	cr_assert_eq(n, sql_int("SELECT COUNT(*) FROM mentees"));
	for (const cJSON *m = all->child; m != NULL; m = m->next) {
		check_mentee(m);
		if (jint(m, "id") == id) {
			cr_assert(cJSON_Compare(m, r.json, 1));
			listed = true;
		}
	}
	cr_assert(listed, "the new mentee is not listed");
	cJSON_Delete(all);
	resp_free(&r);

	/* "00" for "+", and the least a mentee needs. */
	fresh_name("min", name);
	fresh_number(e164);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"12345678\", \"contact_number\": \"00%s\"}", name, e164 + 1);
	admin("POST", "/mentor/mentee/", body, &r);
	expect_status(&r, 201);
	check_mentee(r.json);
	cr_assert_str_eq(jstr(r.json, "contact_number"), e164);
	cr_assert_str_eq(jstr(r.json, "first_name"), "");
	cr_assert_str_eq(jstr(r.json, "email"), "");
	resp_free(&r);
	free(hash);
	free(role);
}

Test(admin_api, mentor_create_links_an_existing_mentee)
{
	struct resp	 r, g;
	char		 mentee[64], mnum[20], name[64], body[2048], url[64];
	char		 spaced[40], e164[20];
	int64_t		 mentee_id, id, n;
	cJSON		*all;
	bool		 listed = false;

	mentee_id = make_mentee(mentee, mnum, "mentee-pass-1");
	fresh_name("Adam", name);
	spaced_number(spaced, e164);
	snprintf(body, sizeof(body), "{\"id\": 5, \"username\": \"%s\", "
	    "\"first_name\": \"Adam\", \"last_name\": \"\", \"email\": "
	    "\"adam@example.org\", \"password\": \"mentor-pass-1\", "
	    "\"contact_number\": \"%s\", \"mentee\": %lld, \"job_title\": "
	    "\"Engineer\", \"motivation\": \"To help\", \"profile_pic\": null}",
	    name, spaced, (long long)mentee_id);
	admin("POST", "/mentor/mentor", body, &r);
	expect_status(&r, 201);
	check_mentor(r.json);
	id = jint(r.json, "id");
	cr_assert_neq(id, 5);
	cr_assert_eq(jint(r.json, "mentee"), mentee_id);
	cr_assert_str_eq(jstr(r.json, "contact_number"), e164);
	cr_assert_str_eq(jstr(r.json, "job_title"), "Engineer");
	cr_assert_str_eq(jstr(r.json, "motivation"), "To help");
	cr_assert_str_eq(jstr(r.json, "profile_pic"), "");
	cr_assert_eq(sql_int("SELECT mentee_id FROM mentors WHERE user_id ="
	    " %lld", (long long)id), mentee_id);
	{
		char	*role = sql_text("SELECT role FROM users WHERE id = %lld",
			    (long long)id);

		cr_assert_str_eq(role, "mentor");
		free(role);
	}
	/* The new mentor can work at once. */
	api("GET", "/mentor/call/", name, "mentor-pass-1", NULL, &g);
	expect_status(&g, 200);
	resp_free(&g);

	snprintf(url, sizeof(url), "/mentor/mentor/%lld/", (long long)id);
	admin("GET", url, NULL, &g);
	expect_status(&g, 200);
	cr_assert(cJSON_Compare(g.json, r.json, 1), "GET %s POST %s", g.body,
	    r.body);
	resp_free(&g);
	all = list_all_as(env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"),
	    "/mentor/mentor/", 0, &n);
	cr_assert_eq(n, sql_int("SELECT COUNT(*) FROM mentors"));
	for (const cJSON *m = all->child; m != NULL; m = m->next) {
		check_mentor(m);
		if (jint(m, "id") == id)
			listed = cJSON_Compare(m, r.json, 1);
	}
	cr_assert(listed, "the new mentor is not listed as created");
	cJSON_Delete(all);
	resp_free(&r);

	/* A mentee may have several mentors; the id may come as a string. */
	fresh_name("second", name);
	fresh_number(e164);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"mentor-pass-2\", \"contact_number\": \"%s\", \"mentee\": "
	    "\"%lld\"}", name, e164, (long long)mentee_id);
	admin("POST", "/mentor/mentor", body, &r);
	expect_status(&r, 201);
	check_mentor(r.json);
	cr_assert_eq(jint(r.json, "mentee"), mentee_id);
	resp_free(&r);
}

/* ---- editing ---- */

Test(admin_api, mentee_put_edits_and_keeps_or_replaces_the_password)
{
	struct resp	 r, g;
	char		 name[64], num[20], body[1024], url[64], newnum[20];
	char		 newname[64];
	char		*hash_before, *hash_after;
	int64_t		 id;

	id = make_mentee(name, num, "first-pass-1");
	snprintf(url, sizeof(url), "/mentor/mentee/%lld", (long long)id);
	hash_before = sql_text("SELECT password_hash FROM users WHERE id = %lld",
	    (long long)id);
	fresh_number(newnum);
	fresh_name("renamed", newname);
	/* Without a password: the old one stays. */
	snprintf(body, sizeof(body), "{\"id\": 1, \"username\": \"%s\", "
	    "\"first_name\": \"New\", \"last_name\": \"Name\", \"email\": "
	    "\"new@example.org\", \"contact_number\": \"%s\", \"external_id\": "
	    "\"x-2\"}", newname, newnum);
	admin("PUT", url, body, &r);
	expect_status(&r, 200);
	check_mentee(r.json);
	cr_assert_eq(jint(r.json, "id"), id);
	cr_assert_str_eq(jstr(r.json, "username"), newname);
	cr_assert_str_eq(jstr(r.json, "first_name"), "New");
	cr_assert_str_eq(jstr(r.json, "last_name"), "Name");
	cr_assert_str_eq(jstr(r.json, "email"), "new@example.org");
	cr_assert_str_eq(jstr(r.json, "contact_number"), newnum);
	cr_assert_str_eq(jstr(r.json, "external_id"), "x-2");
	admin("GET", url, NULL, &g);
	cr_assert(cJSON_Compare(g.json, r.json, 1));
	resp_free(&g);
	resp_free(&r);
	hash_after = sql_text("SELECT password_hash FROM users WHERE id = %lld",
	    (long long)id);
	cr_assert_str_eq(hash_after, hash_before);
	free(hash_after);
	expect_login(newname, "first-pass-1", 200);
	/* With one: it replaces the old. */
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"password\": "
	    "\"second-pass-2\", \"contact_number\": \"%s\"}", newname, newnum);
	admin("PUT", url, body, &r);
	expect_status(&r, 200);
	/* Optional fields left out keep their values, as DRF's PUT does
	 * (docs/api-decisions.md). */
	cr_assert_str_eq(jstr(r.json, "first_name"), "New");
	cr_assert_str_eq(jstr(r.json, "last_name"), "Name");
	cr_assert_str_eq(jstr(r.json, "email"), "new@example.org");
	cr_assert_str_eq(jstr(r.json, "external_id"), "x-2");
	resp_free(&r);
	expect_login(newname, "second-pass-2", 200);
	expect_login(newname, "first-pass-1", 401);
	free(hash_before);
}

Test(admin_api, mentor_put_moves_the_mentor_to_another_mentee)
{
	struct pair	 p;
	struct resp	 r;
	char		 other[64], onum[20], body[1024], url[64];
	int64_t		 other_id;
	char		*payload;
	cJSON		*pl;

	pair_create(&p);
	other_id = make_mentee(other, onum, "other-pass-1");
	snprintf(url, sizeof(url), "/mentor/mentor/%lld/", (long long)p.mentor_id);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"first_name\": "
	    "\"Tor\", \"contact_number\": \"%s\", \"mentee\": %lld, "
	    "\"skills\": \"listening\", \"tags\": \"a,b\"}", p.mentor,
	    p.mentor_number, (long long)other_id);
	admin("PUT", url, body, &r);
	expect_status(&r, 200);
	check_mentor(r.json);
	cr_assert_eq(jint(r.json, "id"), p.mentor_id);
	cr_assert_eq(jint(r.json, "mentee"), other_id);
	cr_assert_str_eq(jstr(r.json, "skills"), "listening");
	cr_assert_str_eq(jstr(r.json, "tags"), "a,b");
	resp_free(&r);
	/* The password was kept, and calls now go to the other mentee. */
	as_mentor(&p, "POST", "/mentor/call/", NULL, &r);
	expect_status(&r, 201);
	cr_assert_eq(jint(r.json, "receiver"), other_id);
	payload = sql_text("SELECT l.payload FROM provider_log l JOIN calls c"
	    " ON c.partner_id = l.partner_id WHERE c.id = %lld",
	    (long long)jint(r.json, "id"));
	pl = cJSON_Parse(payload);
	cr_assert_str_eq(jstr(pl, "to"), onum);
	cr_assert_str_eq(jstr(pl, "from"), p.mentor_number);
	cJSON_Delete(pl);
	free(payload);
	resp_free(&r);
}

/* ---- refusing ---- */

struct bad {
	const char	*field;	/* the field the error must name */
	char		 json[512];
};

/* Posts (or puts) each body; 400 naming the field; nothing stored. */
static void
expect_refused(const char *method, const char *url, const struct bad *b,
    size_t n)
{
	struct footprint	before;

	footprint_take(&before);
	for (size_t i = 0; i < n; i++) {
		struct resp	r;

		admin(method, url, b[i].json, &r);
		cr_assert_eq(r.status, 400, "%s %s %s: %ld %s", method, url,
		    b[i].json, r.status, r.body);
		expect_field_error(&r, b[i].field);
		resp_free(&r);
	}
	footprint_expect_same(&before);
	footprint_release(&before);
}

static const char *const bad_numbers[] = {
	"\"0821234567\"", "\"27821234567\"", "\"+27\"", "\"+1234567\"",
	"\"+1234567890123456\"", "\"+0821234567\"", "\"abc\"",
	"\"+27 82 abc 4567\"", "\"\"", "\"+\"", "\"++27821234567\"",
	"\"+27821234567x\"", "\"+27821234567\\n\"", "\"tel:+27821234567\"",
	"\"+27#821234567\"", "\"+2782123456712345678901234567890\"",
	"\"+\xd9\xa2\xd9\xa7\xd9\xa8\xd9\xa2\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\"",
	"27821234567", "null", "true", "[\"+27821234567\"]", "{}",
};
#define NBAD_NUMBERS	(sizeof(bad_numbers) / sizeof(bad_numbers[0]))

Test(admin_api, contact_numbers_must_be_international_and_unique)
{
	struct bad	 b[NBAD_NUMBERS + 4];
	struct pair	 p;
	char		 name[64], url[64], taken[20];
	size_t		 n;

	pair_create(&p);
	fresh_name("num", name);
	/* Missing. */
	b[0].field = "contact_number";
	snprintf(b[0].json, sizeof(b[0].json), "{\"username\": \"%s\", "
	    "\"password\": \"long-enough\"}", name);
	for (n = 1; n <= NBAD_NUMBERS; n++) {
		b[n].field = "contact_number";
		snprintf(b[n].json, sizeof(b[n].json), "{\"username\": \"%s\", "
		    "\"password\": \"long-enough\", \"contact_number\": %s}",
		    name, bad_numbers[n - 1]);
	}
	/* Taken, in any spelling: the demo mentee's and the pair's. */
	b[n].field = "contact_number";
	snprintf(b[n++].json, sizeof(b[0].json), "{\"username\": \"%s\", "
	    "\"password\": \"long-enough\", \"contact_number\": \"%s\"}", name,
	    DEMO_MENTEE_NUMBER);
	snprintf(taken, sizeof(taken), "%s", p.mentor_number);
	b[n].field = "contact_number";
	snprintf(b[n++].json, sizeof(b[0].json), "{\"username\": \"%s\", "
	    "\"password\": \"long-enough\", \"contact_number\": \"00%s\"}",
	    name, taken + 1);
	expect_refused("POST", "/mentor/mentee", b, n);
	expect_login(p.mentor, p.pass, 200);

	/* The same for mentors (with a mentee that exists). */
	for (size_t i = 0; i < n; i++) {
		size_t	len = strlen(b[i].json);

		snprintf(b[i].json + len - 1, sizeof(b[i].json) - len + 1,
		    ", \"mentee\": %lld}", (long long)p.mentee_id);
	}
	expect_refused("POST", "/mentor/mentor", b, n);

	/* And for PUT, on the pair's own accounts. */
	{
		struct bad	pb[NBAD_NUMBERS + 1];
		size_t		k;

		for (k = 0; k < NBAD_NUMBERS; k++) {
			pb[k].field = "contact_number";
			snprintf(pb[k].json, sizeof(pb[k].json), "{\"username\": "
			    "\"%s\", \"contact_number\": %s, \"mentee\": %lld}",
			    p.mentor, bad_numbers[k], (long long)p.mentee_id);
		}
		pb[k].field = "contact_number";
		snprintf(pb[k++].json, sizeof(pb[0].json), "{\"username\": "
		    "\"%s\", \"contact_number\": \"%s\", \"mentee\": %lld}",
		    p.mentor, p.mentee_number, (long long)p.mentee_id);
		snprintf(url, sizeof(url), "/mentor/mentor/%lld",
		    (long long)p.mentor_id);
		expect_refused("PUT", url, pb, k);
		for (k = 0; k < NBAD_NUMBERS; k++)
			snprintf(pb[k].json, sizeof(pb[k].json), "{\"username\": "
			    "\"%s\", \"contact_number\": %s}", p.mentee,
			    bad_numbers[k]);
		snprintf(pb[k++].json, sizeof(pb[0].json), "{\"username\": "
		    "\"%s\", \"contact_number\": \"%s\"}", p.mentee,
		    DEMO_MENTOR_NUMBER);
		snprintf(url, sizeof(url), "/mentor/mentee/%lld",
		    (long long)p.mentee_id);
		expect_refused("PUT", url, pb, k);
	}
}

Test(admin_api, a_mentors_mentee_must_exist)
{
	struct bad	 b[16];
	struct pair	 p;
	char		 name[64], num[20];
	size_t		 n = 0;
	int64_t		 admin_id;
	const char	*values[16];
	char		 ids[3][24];
	size_t		 nv = 0;

	pair_create(&p);
	admin_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    env("MT_ADMIN_USER"));
	snprintf(ids[0], sizeof(ids[0]), "%lld", (long long)p.mentor_id);
	snprintf(ids[1], sizeof(ids[1]), "%lld", (long long)admin_id);
	snprintf(ids[2], sizeof(ids[2]), "\"%lld\"", (long long)p.mentor_id);
	values[nv++] = ids[0];		/* a mentor is no mentee */
	values[nv++] = ids[1];		/* nor is an admin */
	values[nv++] = ids[2];
	values[nv++] = "999999999";
	values[nv++] = "0";
	values[nv++] = "-1";
	values[nv++] = "1.5";
	values[nv++] = "\"abc\"";
	values[nv++] = "\"\"";
	values[nv++] = "true";
	values[nv++] = "null";
	values[nv++] = "[1]";
	values[nv++] = "{}";
	fresh_name("orphan", name);
	fresh_number(num);
	b[n].field = "mentee";
	snprintf(b[n++].json, sizeof(b[0].json), "{\"username\": \"%s\", "
	    "\"password\": \"long-enough\", \"contact_number\": \"%s\"}", name,
	    num);
	for (size_t i = 0; i < nv; i++) {
		b[n].field = "mentee";
		snprintf(b[n++].json, sizeof(b[0].json), "{\"username\": \"%s\", "
		    "\"password\": \"long-enough\", \"contact_number\": \"%s\", "
		    "\"mentee\": %s}", name, num, values[i]);
	}
	expect_refused("POST", "/mentor/mentor", b, n);
	/* PUT too. */
	for (size_t i = 0; i < n; i++) {
		b[i].field = "mentee";
		snprintf(b[i].json, sizeof(b[0].json), "{\"username\": \"%s\", "
		    "\"contact_number\": \"%s\"%s%s}", p.mentor,
		    p.mentor_number, i == 0 ? "" : ", \"mentee\": ",
		    i == 0 ? "" : values[i - 1]);
	}
	{
		char	url[64];

		snprintf(url, sizeof(url), "/mentor/mentor/%lld",
		    (long long)p.mentor_id);
		expect_refused("PUT", url, b, n);
	}
	expect_login(p.mentor, p.pass, 200);
}

Test(admin_api, account_fields_are_validated_and_nothing_is_stored)
{
	struct bad	 b[64];
	struct pair	 p;
	char		 name[64], num[20], upper[64], longname[200];
	size_t		 n = 0;

	pair_create(&p);
	fresh_name("val", name);
	fresh_number(num);
	snprintf(upper, sizeof(upper), "%s", env("MT_MENTEE_USER"));
	for (char *c = upper; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	memset(longname, 'u', 151);
	longname[151] = '\0';
#define BAD(f, ...)	do { b[n].field = (f); snprintf(b[n].json, \
			    sizeof(b[n].json), __VA_ARGS__); n++; } while (0)
	BAD("username", "{\"password\": \"long-enough\", \"contact_number\": "
	    "\"%s\"}", num);
	BAD("username", "{\"username\": \"\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": null, \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": 42, \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": [\"%s\"], \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\"}", name, num);
	BAD("username", "{\"username\": \"has space\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": \"semi;colon\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": \"quote'd\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\"}", num);
	BAD("username", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", longname, num);
	/* Taken, whatever the case. */
	BAD("username", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", env("MT_MENTEE_USER"), num);
	BAD("username", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", upper, num);
	BAD("username", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\"}", p.mentor, num);
	BAD("password", "{\"username\": \"%s\", \"contact_number\": \"%s\"}",
	    name, num);
	BAD("password", "{\"username\": \"%s\", \"password\": \"short\", "
	    "\"contact_number\": \"%s\"}", name, num);
	BAD("password", "{\"username\": \"%s\", \"password\": \"\", "
	    "\"contact_number\": \"%s\"}", name, num);
	BAD("password", "{\"username\": \"%s\", \"password\": null, "
	    "\"contact_number\": \"%s\"}", name, num);
	BAD("password", "{\"username\": \"%s\", \"password\": 12345678, "
	    "\"contact_number\": \"%s\"}", name, num);
	BAD("email", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\", \"email\": \"not-an-email\"}", name,
	    num);
	BAD("email", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\", \"email\": \"a@b\"}", name, num);
	BAD("email", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\", \"email\": \"a b@example.org\"}", name,
	    num);
	BAD("email", "{\"username\": \"%s\", \"password\": \"long-enough\", "
	    "\"contact_number\": \"%s\", \"email\": 5}", name, num);
	BAD("first_name", "{\"username\": \"%s\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\", \"first_name\": 5}",
	    name, num);
	BAD("first_name", "{\"username\": \"%s\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\", \"first_name\": "
	    "[]}", name, num);
	BAD("first_name", "{\"username\": \"%s\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\", \"first_name\": "
	    "\"%s\"}", name, num, longname);
	BAD("last_name", "{\"username\": \"%s\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\", \"last_name\": {}}",
	    name, num);
	BAD("external_id", "{\"username\": \"%s\", \"password\": "
	    "\"long-enough\", \"contact_number\": \"%s\", \"external_id\": "
	    "false}", name, num);
	BAD("non_field_errors", "[{\"username\": \"%s\"}]", name);
	BAD("non_field_errors", "\"%s\"", name);
	BAD("non_field_errors", "%s", "42");
#undef BAD
	expect_refused("POST", "/mentor/mentee", b, n);
	/* Mentors: the same fields, with a mentee, and their profile. */
	for (size_t i = 0; i < n; i++) {
		size_t	len = strlen(b[i].json);

		if (b[i].json[0] == '{')
			snprintf(b[i].json + len - 1, sizeof(b[i].json) - len + 1,
			    ", \"mentee\": %lld}", (long long)p.mentee_id);
	}
	b[n].field = "job_title";
	snprintf(b[n++].json, sizeof(b[0].json), "{\"username\": \"%s\", "
	    "\"password\": \"long-enough\", \"contact_number\": \"%s\", "
	    "\"mentee\": %lld, \"job_title\": 7}", name, num,
	    (long long)p.mentee_id);
	expect_refused("POST", "/mentor/mentor", b, n);
	/* Bodies that are no JSON at all, or too big. */
	{
		static const char *const malformed[] = { "{", "{\"username\": ",
		    "{\"username\": \"x\"} {}", "{'username': 'x'}",
		    "{\"username\": \"a\\u0000b\"}",
		    "{\"username\": \"\xff\xfe\", \"password\": \"long-enough\","
		    " \"contact_number\": \"+27791111111\"}",
		    "{\"username\": \"x\", \"first_name\": \"\xc3\x28\", "
		    "\"password\": \"long-enough\", \"contact_number\": "
		    "\"+27791111112\"}" };
		struct footprint	before;
		static const char *const urls[] = { "/mentor/mentee",
		    "/mentor/mentor" };

		footprint_take(&before);
		for (size_t u = 0; u < 2; u++) {
			for (size_t i = 0; i < sizeof(malformed) /
			    sizeof(malformed[0]); i++) {
				struct resp	r;

				admin("POST", urls[u], malformed[i], &r);
				cr_assert_eq(r.status, 400, "%s: %ld %s",
				    malformed[i], r.status, r.body);
				resp_free(&r);
			}
			{
				size_t		 len = 1536 * 1024;
				char		*big = malloc(len + 64);
				struct resp	 r;

				cr_assert_not_null(big);
				memcpy(big, "{\"username\": \"", 14);
				memset(big + 14, 'x', len);
				memcpy(big + 14 + len, "\"}", 3);
				admin("POST", urls[u], big, &r);
				expect_detail(&r, 413);
				resp_free(&r);
				/* Large, but under the limit: field errors. */
				memcpy(big + 14 + 600 * 1024, "\"}", 3);
				admin("POST", urls[u], big, &r);
				expect_field_error(&r, "username");
				resp_free(&r);
				free(big);
			}
		}
		footprint_expect_same(&before);
	}
}

/* ---- who may ---- */

Test(admin_api, only_superusers_may_use_the_account_endpoints)
{
	struct footprint	 before;
	struct pair		 p;
	char			 body[512], num[20], name[64];
	static const char *const methods[] = { "GET", "POST", "GET", "PUT" };
	const char		*users[3][2];

	pair_create(&p);
	users[0][0] = p.mentor;
	users[0][1] = p.pass;
	users[1][0] = p.mentee;
	users[1][1] = p.pass;
	users[2][0] = env("MT_MENTOR_USER");
	users[2][1] = env("MT_MENTOR_PASS");
	fresh_name("nobody", name);
	fresh_number(num);
	footprint_take(&before);
	for (int kind = 0; kind < 2; kind++) {
		for (int m = 0; m < 4; m++) {
			char		url[64];
			struct resp	r;

			if (m < 2)
				snprintf(url, sizeof(url), "/mentor/%s",
				    kind ? "mentor" : "mentee");
			else
				snprintf(url, sizeof(url), "/mentor/%s/%lld",
				    kind ? "mentor" : "mentee", (long long)(kind ?
				    p.mentor_id : p.mentee_id));
			snprintf(body, sizeof(body), "{\"username\": \"%s\", "
			    "\"password\": \"long-enough\", \"contact_number\": "
			    "\"%s\", \"mentee\": %lld}", m == 3 ? (kind ?
			    p.mentor : p.mentee) : name, num,
			    (long long)p.mentee_id);
			for (int u = 0; u < 3; u++) {
				api(methods[m], url, users[u][0], users[u][1],
				    m % 2 ? body : NULL, &r);
				expect_detail(&r, 403);
				resp_free(&r);
			}
			api(methods[m], url, NULL, NULL, m % 2 ? body : NULL,
			    &r);
			expect_detail(&r, 401);
			resp_free(&r);
		}
	}
	footprint_expect_same(&before);
}

Test(admin_api, unknown_accounts_answer_404)
{
	struct footprint	 before;
	struct pair		 p;
	char			 url[64], body[512];
	int64_t			 admin_id;
	struct resp		 r;
	struct {
		const char	*kind;
		int64_t		 id;
	} cases[5];

	pair_create(&p);
	admin_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    env("MT_ADMIN_USER"));
	cases[0].kind = "mentee";
	cases[0].id = 999999999;
	cases[1].kind = "mentee";
	cases[1].id = p.mentor_id;	/* a mentor is no mentee */
	cases[2].kind = "mentor";
	cases[2].id = p.mentee_id;
	cases[3].kind = "mentor";
	cases[3].id = admin_id;
	cases[4].kind = "mentee";
	cases[4].id = admin_id;
	footprint_take(&before);
	for (size_t i = 0; i < 5; i++) {
		snprintf(url, sizeof(url), "/mentor/%s/%lld", cases[i].kind,
		    (long long)cases[i].id);
		admin("GET", url, NULL, &r);
		expect_detail(&r, 404);
		resp_free(&r);
		snprintf(body, sizeof(body), "{\"username\": \"%s\", "
		    "\"contact_number\": \"%s\", \"mentee\": %lld}", p.mentor,
		    p.mentor_number, (long long)p.mentee_id);
		admin("PUT", url, body, &r);
		expect_detail(&r, 404);
		resp_free(&r);
	}
	admin("GET", "/mentor/mentee/abc", NULL, &r);
	expect_detail(&r, 404);
	resp_free(&r);
	admin("GET", "/mentor/mentor/0", NULL, &r);
	expect_detail(&r, 404);
	resp_free(&r);
	admin("DELETE", "/mentor/mentee/1", NULL, &r);
	expect_detail(&r, 405);
	resp_free(&r);
	footprint_expect_same(&before);
}

Test(admin_api, account_lists_paginate_with_links_that_work)
{
	const char	*u = env("MT_ADMIN_USER"), *pw = env("MT_ADMIN_PASS");
	char		 name[64], num[20], url[128];
	struct resp	 r;
	int64_t		 n, n2, pages;
	cJSON		*one, *paged;

	for (int i = 0; i < 3; i++)
		(void)make_mentee(name, num, "list-pass-1");
	{
		struct pair	p;

		pair_create(&p);
		pair_create(&p);
	}
	one = list_all_as(u, pw, "/mentor/mentee", 0, &n);
	cr_assert_geq(n, 6);
	paged = list_all_as(u, pw, "/mentor/mentee?page_size=2&x=y", 0, &n2);
	cr_assert_eq(n2, n);
	cr_assert(cJSON_Compare(one, paged, 1));
	cJSON_Delete(paged);
	/* Ascending ids. */
	for (const cJSON *a = one->child; a != NULL && a->next != NULL;
	    a = a->next)
		cr_assert_lt(jint(a, "id"), jint(a->next, "id"));
	cJSON_Delete(one);
	pages = (n + 1) / 2;
	snprintf(url, sizeof(url), "/mentor/mentee?page_size=2&page=%lld",
	    (long long)pages + 1);
	admin("GET", url, NULL, &r);
	expect_detail(&r, 404);
	resp_free(&r);

	one = list_all_as(u, pw, "/mentor/mentor/", 0, &n);
	cr_assert_geq(n, 3);
	paged = list_all_as(u, pw, "/mentor/mentor/?page_size=1", 0, &n2);
	cr_assert(cJSON_Compare(one, paged, 1));
	cJSON_Delete(paged);
	cJSON_Delete(one);
	snprintf(url, sizeof(url), "/mentor/mentor/?page_size=1&page=%lld",
	    (long long)n + 1);
	admin("GET", url, NULL, &r);
	expect_detail(&r, 404);
	resp_free(&r);
}
