#define _GNU_SOURCE	/* timegm */

#include <fcntl.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "fixture.h"

#define MAX_FORBIDDEN	64

static char	forbidden[MAX_FORBIDDEN][20];	/* digits only */
static size_t	nforbidden;

void
fixture_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	forbid_number(DEMO_MENTEE_NUMBER);
	forbid_number(DEMO_MENTOR_NUMBER);
}

void
forbid_number(const char *e164)
{
	size_t	n = 0;

	cr_assert(nforbidden < MAX_FORBIDDEN, "too many numbers");
	for (const char *s = e164; *s != '\0' && n < 19; s++)
		if (*s >= '0' && *s <= '9')
			forbidden[nforbidden][n++] = *s;
	forbidden[nforbidden][n] = '\0';
	nforbidden++;
}

static void
random_digits(char *out, size_t n)
{
	unsigned char	b[32];
	int		fd = open("/dev/urandom", O_RDONLY);

	cr_assert(fd >= 0 && n <= sizeof(b));
	cr_assert_eq(read(fd, b, n), (ssize_t)n);
	close(fd);
	for (size_t i = 0; i < n; i++)
		out[i] = (char)('0' + b[i] % 10);
	out[n] = '\0';
}

void
fresh_number(char out[20])
{
	char	d[16];

	random_digits(d, 8);
	snprintf(out, 20, "+2779%.8s", d);
	forbid_number(out);
}

void
fresh_name(const char *prefix, char out[64])
{
	char	d[16];

	random_digits(d, 8);
	snprintf(out, 64, "%s_%ld_%s", prefix, (long)getpid(), d);
}

/* ---- requests ---- */

static bool
is_admin(const char *user)
{
	return user != NULL && strcmp(user, env("MT_ADMIN_USER")) == 0;
}

/*
 * Whether o has a member named like a password with anything but a list
 * of error messages as its value.
 */
static bool
has_password_value(const cJSON *o)
{
	if (o == NULL)
		return false;
	for (const cJSON *it = o->child; it != NULL; it = it->next) {
		if (it->string != NULL && strstr(it->string, "password") != NULL &&
		    !cJSON_IsArray(it))
			return true;
		if ((cJSON_IsObject(it) || cJSON_IsArray(it)) &&
		    has_password_value(it))
			return true;
	}
	return false;
}

/* What no answer may carry, to anybody. */
static void
check_answer(const char *method, const char *url, const char *user,
    const struct resp *r)
{
	char	*nosniff = resp_header(r, "X-Content-Type-Options");
	char	*ct = resp_header(r, "Content-Type");

	cr_assert(nosniff != NULL && strcmp(nosniff, "nosniff") == 0,
	    "%s %s: no nosniff", method, url);
	if (r->status != 204) {
		cr_assert(ct != NULL && strncmp(ct, "application/json", 16) == 0,
		    "%s %s: content type %s", method, url, ct ? ct : "(none)");
		cr_assert(r->json != NULL || strcmp(method, "HEAD") == 0,
		    "%s %s: %ld body is not JSON: %.300s", method, url,
		    r->status, r->body);
	} else
		cr_assert_eq(r->len, 0, "%s %s: 204 with a body: %s", method,
		    url, r->body);
	/* password is write-only; no hash of any kind is ever shown. */
	cr_assert(!has_password_value(r->json), "%s %s: %s", method, url,
	    r->body);
	cr_assert_null(strstr(r->body, "argon2"), "%s %s: %s", method, url,
	    r->body);
	cr_assert_null(strstr(r->body, "pbkdf2"), "%s %s: %s", method, url,
	    r->body);
	if (!is_admin(user))
		for (size_t i = 0; i < nforbidden; i++)
			cr_assert_null(strstr(r->body, forbidden[i]),
			    "%s %s as %s shows the number %s: %s", method, url,
			    user ? user : "(nobody)", forbidden[i], r->body);
	free(nosniff);
	free(ct);
}

void
api_raw(const char *method, const char *url, const char *user,
    const char *pass, const char *content_type, const char *body, size_t len,
    struct resp *out)
{
	struct req	q = { .method = method, .url = url, .user = user,
			    .pass = pass, .content_type = content_type,
			    .body = body, .body_len = len };

	http(&q, out);
	check_answer(method, url, user, out);
	/* Nor the password it was just given. */
	if (body != NULL && content_type != NULL && len == 0) {
		cJSON		*in = cJSON_Parse(body);
		const cJSON	*pw = cJSON_GetObjectItemCaseSensitive(in,
				    "password");

		if (cJSON_IsString(pw) && strlen(pw->valuestring) >= 4)
			cr_assert_null(strstr(out->body, pw->valuestring),
			    "%s %s: the password is in the answer: %s", method,
			    url, out->body);
		cJSON_Delete(in);
	}
}

void
api(const char *method, const char *url, const char *user, const char *pass,
    const char *body, struct resp *out)
{
	api_raw(method, url, user, pass, body ? "application/json" : NULL,
	    body, 0, out);
}

void
admin(const char *method, const char *url, const char *body,
    struct resp *out)
{
	api(method, url, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"), body, out);
}

void
as_mentor(const struct pair *p, const char *method, const char *url,
    const char *body, struct resp *out)
{
	api(method, url, p->mentor, p->pass, body, out);
}

void
expect_status(const struct resp *r, long status)
{
	cr_assert_eq(r->status, status, "status %ld, expected %ld: %.500s",
	    r->status, status, r->body);
}

void
expect_field_error(const struct resp *r, const char *field)
{
	const cJSON	*list;

	expect_status(r, 400);
	cr_assert(cJSON_IsObject(r->json), "%s", r->body);
	list = cJSON_GetObjectItemCaseSensitive(r->json, field);
	cr_assert(cJSON_IsArray(list) && cJSON_GetArraySize(list) > 0,
	    "no error for \"%s\" in %s", field, r->body);
	for (const cJSON *m = list->child; m != NULL; m = m->next)
		cr_assert(cJSON_IsString(m) && *m->valuestring != '\0', "%s",
		    r->body);
}

void
expect_detail(const struct resp *r, long status)
{
	expect_status(r, status);
	cr_assert(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r->json,
	    "detail")), "no detail in %s", r->body);
}

/* ---- accounts ---- */

void
pair_create(struct pair *p)
{
	char		 body[1024];
	struct resp	 r;

	memset(p, 0, sizeof(*p));
	fresh_name("mentee", p->mentee);
	fresh_name("mentor", p->mentor);
	random_digits(p->pass, 12);
	memcpy(p->pass, "pw-", 3);
	fresh_number(p->mentee_number);
	fresh_number(p->mentor_number);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"first_name\": "
	    "\"Tee\", \"password\": \"%s\", \"contact_number\": \"%s\"}",
	    p->mentee, p->pass, p->mentee_number);
	admin("POST", "/mentor/mentee", body, &r);
	expect_status(&r, 201);
	p->mentee_id = jint(r.json, "id");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"username\": \"%s\", \"first_name\": "
	    "\"Tor\", \"password\": \"%s\", \"contact_number\": \"%s\", "
	    "\"mentee\": %lld}", p->mentor, p->pass, p->mentor_number,
	    (long long)p->mentee_id);
	admin("POST", "/mentor/mentor", body, &r);
	expect_status(&r, 201);
	p->mentor_id = jint(r.json, "id");
	cr_assert_eq(jint(r.json, "mentee"), p->mentee_id);
	resp_free(&r);
}

void
pair_demo(struct pair *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->mentee, sizeof(p->mentee), "%s", env("MT_MENTEE_USER"));
	snprintf(p->mentor, sizeof(p->mentor), "%s", env("MT_MENTOR_USER"));
	snprintf(p->pass, sizeof(p->pass), "%s", env("MT_MENTOR_PASS"));
	snprintf(p->mentee_number, sizeof(p->mentee_number), "%s",
	    DEMO_MENTEE_NUMBER);
	snprintf(p->mentor_number, sizeof(p->mentor_number), "%s",
	    DEMO_MENTOR_NUMBER);
	p->mentee_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    p->mentee);
	p->mentor_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    p->mentor);
}

/* ---- fields ---- */

static const cJSON *
jfield(const cJSON *o, const char *name)
{
	const cJSON	*it;

	cr_assert(cJSON_IsObject(o), "not an object");
	it = cJSON_GetObjectItemCaseSensitive(o, name);
	if (it == NULL) {
		char	*text = cJSON_PrintUnformatted(o);

		cr_assert_fail("no \"%s\" in %s", name, text);
	}
	return it;
}

int64_t
jint(const cJSON *o, const char *name)
{
	const cJSON	*it = jfield(o, name);

	cr_assert(cJSON_IsNumber(it), "\"%s\" is not a JSON number",
	    name);
	cr_assert(it->valuedouble == (double)(int64_t)it->valuedouble,
	    "\"%s\" is not an integer: %f", name, it->valuedouble);
	return (int64_t)it->valuedouble;
}

const char *
jstr(const cJSON *o, const char *name)
{
	const cJSON	*it = jfield(o, name);

	cr_assert(cJSON_IsString(it), "\"%s\" is not a string", name);
	return it->valuestring;
}

void
jnull(const cJSON *o, const char *name)
{
	cr_assert(cJSON_IsNull(jfield(o, name)), "\"%s\" is not null", name);
}

static int64_t
parse_utc(const char *s)
{
	static regex_t	re;
	static int	compiled;
	struct tm	tm;
	unsigned	us = 0;

	if (!compiled) {
		cr_assert_eq(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
		    "[0-9]{2}:[0-9]{2}(\\.[0-9]{6})?Z$", REG_EXTENDED | REG_NOSUB),
		    0);
		compiled = 1;
	}
	cr_assert_eq(regexec(&re, s, 0, NULL, 0), 0,
	    "\"%s\" is not an ISO 8601 UTC time", s);
	memset(&tm, 0, sizeof(tm));
	cr_assert(sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6);
	if (s[19] == '.')
		us = (unsigned)strtoul(s + 20, NULL, 10);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) * 1000000 + us;
}

int64_t
jtime(const cJSON *o, const char *name)
{
	return parse_utc(jstr(o, name));
}

void
expect_keys(const cJSON *o, const char *const *names)
{
	size_t	n = 0;
	char	*text = cJSON_PrintUnformatted(o);

	for (; names[n] != NULL; n++)
		cr_assert_not_null(cJSON_GetObjectItemCaseSensitive(o, names[n]),
		    "no \"%s\" in %s", names[n], text);
	cr_assert_eq((size_t)cJSON_GetArraySize(o), n,
	    "other keys than expected in %s", text);
	free(text);
}

int64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
iso_at(int64_t us, int offset_minutes, char out[40])
{
	time_t		t = (time_t)(us / 1000000 + offset_minutes * 60);
	struct tm	tm;
	int		off = offset_minutes < 0 ? -offset_minutes :
			    offset_minutes;

	gmtime_r(&t, &tm);
	/* strftime, and offsets below 100 hours: nothing to truncate. */
	strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + strlen(out), 40 - strlen(out), "%c%02d:%02d",
	    offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
}

void
sms_time(int64_t us, char out[40])
{
	time_t		t = (time_t)(us / 1000000);
	struct tm	tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* ---- lists ---- */

/* Checks the envelope of a list page; returns its results. */
static const cJSON *
page_check(const struct resp *r, int64_t *count)
{
	static const char *const keys[] = { "count", "next", "previous",
	    "results", NULL };
	const cJSON	*next, *prev, *res;

	expect_status(r, 200);
	expect_keys(r->json, keys);
	*count = jint(r->json, "count");
	next = cJSON_GetObjectItemCaseSensitive(r->json, "next");
	prev = cJSON_GetObjectItemCaseSensitive(r->json, "previous");
	res = cJSON_GetObjectItemCaseSensitive(r->json, "results");
	cr_assert(cJSON_IsNull(next) || cJSON_IsString(next));
	cr_assert(cJSON_IsNull(prev) || cJSON_IsString(prev));
	cr_assert(cJSON_IsArray(res));
	/* Absolute URLs on the address the client used. */
	if (cJSON_IsString(next))
		cr_assert(strncmp(next->valuestring, env("MT_BASE_URL"),
		    strlen(env("MT_BASE_URL"))) == 0, "next: %s",
		    next->valuestring);
	if (cJSON_IsString(prev))
		cr_assert(strncmp(prev->valuestring, env("MT_BASE_URL"),
		    strlen(env("MT_BASE_URL"))) == 0, "previous: %s",
		    prev->valuestring);
	return res;
}

cJSON *
list_all(const struct pair *p, const char *url, int page_size,
    int64_t *count)
{
	return list_all_as(p->mentor, p->pass, url, page_size, count);
}

cJSON *
list_all_as(const char *user, const char *pass, const char *url,
    int page_size, int64_t *count)
{
	cJSON		*all = cJSON_CreateArray();
	char		*next, *prev_url = NULL, first[1024];
	int		 pages = 0;

	if (page_size > 0)
		snprintf(first, sizeof(first), "%s%cpage_size=%d", url,
		    strchr(url, '?') ? '&' : '?', page_size);
	else
		snprintf(first, sizeof(first), "%s", url);
	next = strdup(first);
	*count = -1;
	while (next != NULL) {
		struct resp	 r;
		const cJSON	*res, *n, *pv;
		int64_t		 c;
		char		*this_url = next;

		api("GET", this_url, user, pass, NULL, &r);
		res = page_check(&r, &c);
		cr_assert(*count == -1 || *count == c, "count changed");
		*count = c;
		pages++;
		pv = cJSON_GetObjectItemCaseSensitive(r.json, "previous");
		/* "previous" leads to the page we came from. */
		if (pages == 1)
			cr_assert(cJSON_IsNull(pv), "previous on page 1: %s",
			    r.body);
		else {
			struct resp	back, came;

			cr_assert(cJSON_IsString(pv), "no previous on page %d",
			    pages);
			api("GET", pv->valuestring, user, pass, NULL, &back);
			expect_status(&back, 200);
			api("GET", prev_url, user, pass, NULL, &came);
			expect_status(&came, 200);
			cr_assert(cJSON_Compare(cJSON_GetObjectItem(back.json,
			    "results"), cJSON_GetObjectItem(came.json,
			    "results"), 1), "previous of page %d is not the "
			    "page before: %s", pages, pv->valuestring);
			resp_free(&back);
			resp_free(&came);
		}
		if (page_size > 0)
			cr_assert(cJSON_GetArraySize(res) <= page_size);
		for (const cJSON *it = res->child; it != NULL; it = it->next)
			cJSON_AddItemToArray(all, cJSON_Duplicate(it, 1));
		n = cJSON_GetObjectItemCaseSensitive(r.json, "next");
		next = cJSON_IsString(n) ? strdup(n->valuestring) : NULL;
		if (next != NULL && page_size > 0)
			cr_assert_eq(cJSON_GetArraySize(res), page_size,
			    "a page before the last is not full");
		free(prev_url);
		prev_url = this_url;
		resp_free(&r);
		cr_assert(pages < 1000, "too many pages");
	}
	free(prev_url);
	cr_assert_eq(cJSON_GetArraySize(all), *count,
	    "%d results for a count of %lld", cJSON_GetArraySize(all),
	    (long long)*count);
	return all;
}


void
footprint_take(struct footprint *f)
{
	f->calls = sql_int("SELECT COUNT(*) FROM calls");
	f->messages = sql_int("SELECT COUNT(*) FROM messages");
	f->events = sql_int("SELECT COUNT(*) FROM events");
	f->tasks = sql_int("SELECT COUNT(*) FROM tasks");
	f->scheduled = sql_int("SELECT COUNT(*) FROM scheduled_calls");
	f->outbox = sql_int("SELECT COUNT(*) FROM outbox");
	f->provider_log = sql_int("SELECT COUNT(*) FROM provider_log");
	f->users = sql_int("SELECT COUNT(*) FROM users");
	f->schedule_state = sql_text("SELECT IFNULL(MD5(GROUP_CONCAT(id, '/',"
	    " call_time, '/', IFNULL(activity_id, '-'), '/',"
	    " IFNULL(cancelled_at, '-') ORDER BY id)), '-')"
	    " FROM scheduled_calls");
	f->task_state = sql_text("SELECT IFNULL(MD5(GROUP_CONCAT(id, '/',"
	    " status ORDER BY id)), '-') FROM tasks");
	f->user_state = sql_text("SELECT MD5(GROUP_CONCAT(id, '/', username,"
	    " '/', email, '/', first_name, '/', last_name, '/',"
	    " IFNULL(contact_number, '-'), '/', external_id, '/', password_hash,"
	    " '/', role, '/', is_superuser ORDER BY id)) FROM users");
	f->mentor_state = sql_text("SELECT IFNULL(MD5(GROUP_CONCAT(user_id, '/',"
	    " mentee_id, '/', profile_pic, '/', job_title, '/', job_sector, '/',"
	    " motivation, '/', inspiration, '/', tags, '/', skills"
	    " ORDER BY user_id)), '-') FROM mentors");
	f->mentees = sql_int("SELECT COUNT(*) FROM mentees");
	f->call_state = sql_text("SELECT IFNULL(MD5(GROUP_CONCAT(id, '/',"
	    " IFNULL(end_time, '-'), '/', status ORDER BY id)), '-')"
	    " FROM calls");
}

void
footprint_expect_same(const struct footprint *b)
{
	struct footprint	a;

	footprint_take(&a);
	cr_assert_eq(a.calls, b->calls, "a call was stored");
	cr_assert_eq(a.messages, b->messages, "a message was stored");
	cr_assert_eq(a.events, b->events, "an event was stored");
	cr_assert_eq(a.tasks, b->tasks, "a task was stored");
	cr_assert_eq(a.scheduled, b->scheduled, "a scheduled call was stored");
	cr_assert_eq(a.outbox, b->outbox, "something was queued");
	cr_assert_eq(a.provider_log, b->provider_log,
	    "a provider was asked for something");
	cr_assert_eq(a.users, b->users, "an account was stored");
	cr_assert_str_eq(a.schedule_state, b->schedule_state,
	    "a scheduled call was changed");
	cr_assert_str_eq(a.task_state, b->task_state, "a task was changed");
	cr_assert_str_eq(a.call_state, b->call_state, "a call was changed");
	cr_assert_str_eq(a.user_state, b->user_state, "an account was changed");
	cr_assert_str_eq(a.mentor_state, b->mentor_state,
	    "a mentor was changed");
	cr_assert_eq(a.mentees, b->mentees, "a mentee was stored");
	footprint_release(&a);
}

void
footprint_release(struct footprint *f)
{
	free(f->schedule_state);
	free(f->task_state);
	free(f->call_state);
	free(f->user_state);
	free(f->mentor_state);
	memset(f, 0, sizeof(*f));
}
