/*
 * The Mentor API of the seed through nginx, as mentors use it: calls,
 * messages, events, tasks and scheduled calls.  Every test makes its own
 * mentee and mentor (fixture.c), so the tests do not depend on each other
 * or on their order.  Every answer a mentor gets is checked for phone
 * numbers and passwords by api() itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "fixture.h"

#define SECOND		INT64_C(1000000)
#define DAY		(86400 * SECOND)
/* Tolerance between the test's clock and the server's (the same host). */
#define SLACK		(5 * SECOND)

static const char *const call_keys[] = { "id", "start_time", "end_time",
    "caller", "receiver", "status", "activity", "scheduled_call",
    "feedback_task", NULL };
static const char *const message_keys[] = { "id", "time_sent", "sender",
    "recipient", "sender_id", "recipient_id", "content", "message_type",
    "direction", "delivery_status", NULL };
static const char *const event_keys[] = { "id", "occured_at", "event_type",
    "description", "relevant_mentor", "object_id", NULL };
static const char *const task_keys[] = { "id", "mentor", "description",
    "link", "due_date", "status", "call", NULL };
static const char *const schedule_keys[] = { "id", "created_at",
    "call_time", "caller", "callee", "activity", NULL };

TestSuite(mentor_api, .init = fixture_init, .timeout = 120);

/* ---- helpers ---- */

static void
id_or_null(const cJSON *o, const char *name)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(o, name);

	cr_assert(cJSON_IsNull(it) || (cJSON_IsNumber(it) &&
	    it->valuedouble == (double)(int64_t)it->valuedouble &&
	    it->valuedouble > 0), "\"%s\" is neither an id nor null", name);
}

static void
time_or_null(const cJSON *o, const char *name)
{
	if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, name)))
		(void)jtime(o, name);
}

/* A call of p's mentor, as the seed shows it plus our documented extras. */
static void
check_call(const cJSON *o, const struct pair *p)
{
	const char	*st;

	expect_keys(o, call_keys);
	cr_assert_gt(jint(o, "id"), 0);
	(void)jtime(o, "start_time");
	time_or_null(o, "end_time");
	cr_assert_eq(jint(o, "caller"), p->mentor_id);
	cr_assert_eq(jint(o, "receiver"), p->mentee_id);
	st = jstr(o, "status");
	cr_assert(strcmp(st, "successful") == 0 || strcmp(st, "scheduled") == 0 ||
	    strcmp(st, "inactive") == 0 || strcmp(st, "inprogress") == 0,
	    "status %s", st);
	id_or_null(o, "activity");
	id_or_null(o, "scheduled_call");
	id_or_null(o, "feedback_task");
}

static void
check_message(const cJSON *o, const struct pair *p)
{
	const char	*s;

	expect_keys(o, message_keys);
	cr_assert_gt(jint(o, "id"), 0);
	(void)jtime(o, "time_sent");
	cr_assert_eq(jint(o, "sender"), jint(o, "sender_id"));
	cr_assert_eq(jint(o, "recipient"), jint(o, "recipient_id"));
	cr_assert((jint(o, "sender") == p->mentor_id &&
	    jint(o, "recipient") == p->mentee_id) ||
	    (jint(o, "sender") == p->mentee_id &&
	    jint(o, "recipient") == p->mentor_id), "not between the pair");
	(void)jstr(o, "content");
	s = jstr(o, "message_type");
	cr_assert(strcmp(s, "user") == 0 || strcmp(s, "system") == 0, "%s", s);
	s = jstr(o, "direction");
	cr_assert(strcmp(s, "outbound") == 0 || strcmp(s, "inbound") == 0,
	    "%s", s);
	s = jstr(o, "delivery_status");
	cr_assert(strcmp(s, "queued") == 0 || strcmp(s, "sent") == 0 ||
	    strcmp(s, "failed") == 0 || strcmp(s, "received") == 0, "%s", s);
}

static void
check_event(const cJSON *o, const struct pair *p)
{
	expect_keys(o, event_keys);
	cr_assert_gt(jint(o, "id"), 0);
	(void)jtime(o, "occured_at");
	cr_assert_neq(*jstr(o, "event_type"), '\0');
	(void)jstr(o, "description");
	cr_assert_eq(jint(o, "relevant_mentor"), p->mentor_id);
	id_or_null(o, "object_id");
}

static void
check_task(const cJSON *o, const struct pair *p)
{
	const char	*st;

	expect_keys(o, task_keys);
	cr_assert_gt(jint(o, "id"), 0);
	cr_assert_eq(jint(o, "mentor"), p->mentor_id);
	(void)jstr(o, "description");
	(void)jstr(o, "link");
	time_or_null(o, "due_date");
	st = jstr(o, "status");
	cr_assert(strcmp(st, "pending") == 0 || strcmp(st, "in-progress") == 0 ||
	    strcmp(st, "done") == 0, "status %s", st);
	id_or_null(o, "call");
}

static void
check_schedule(const cJSON *o, const struct pair *p)
{
	expect_keys(o, schedule_keys);
	cr_assert_gt(jint(o, "id"), 0);
	(void)jtime(o, "created_at");
	(void)jtime(o, "call_time");
	cr_assert_eq(jint(o, "caller"), p->mentor_id);
	cr_assert_eq(jint(o, "callee"), p->mentee_id);
	id_or_null(o, "activity");
}

static int64_t
make_call(const struct pair *p)
{
	struct resp	r;
	int64_t		id;

	as_mentor(p, "POST", "/mentor/call/", NULL, &r);
	expect_status(&r, 201);
	check_call(r.json, p);
	id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static int64_t
make_message(const struct pair *p, const char *content)
{
	char		body[512];
	struct resp	r;
	int64_t		id;

	snprintf(body, sizeof(body), "{\"content\": \"%s\"}", content);
	as_mentor(p, "POST", "/mentor/message/", body, &r);
	expect_status(&r, 201);
	check_message(r.json, p);
	id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static int64_t
make_schedule(const struct pair *p, int64_t when)
{
	char		body[128], iso[40];
	struct resp	r;
	int64_t		id;

	iso_at(when, 0, iso);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}", iso);
	as_mentor(p, "POST", "/mentor/schedule/", body, &r);
	expect_status(&r, 201);
	check_schedule(r.json, p);
	id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

/* Tasks come from ended calls (provider webhooks): made here in SQL. */
static int64_t
make_task(const struct pair *p, const char *status)
{
	return sql_int("INSERT INTO tasks (mentor_id, description, link,"
	    " due_date, status, call_id, created_at) VALUES (%lld, 'Complete"
	    " feedback for call at 16:13 on 2016-02-08', '', NULL, '%s', NULL,"
	    " UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID();",
	    (long long)p->mentor_id, status);
}

/* The newest event of p's mentor of a type, through the API. */
static const cJSON *
find_event(const cJSON *results, const char *type, int64_t object_id)
{
	for (const cJSON *e = results->child; e != NULL; e = e->next)
		if (strcmp(cJSON_GetObjectItem(e, "event_type")->valuestring,
		    type) == 0 && cJSON_IsNumber(cJSON_GetObjectItem(e,
		    "object_id")) && (int64_t)cJSON_GetObjectItem(e,
		    "object_id")->valuedouble == object_id)
			return e;
	return NULL;
}

static void
expect_event(const struct pair *p, const char *type, int64_t object_id)
{
	struct resp	r;

	as_mentor(p, "GET", "/mentor/event/?page_size=1000", NULL, &r);
	expect_status(&r, 200);
	cr_assert_not_null(find_event(cJSON_GetObjectItem(r.json, "results"),
	    type, object_id), "no %s event for %lld: %s", type,
	    (long long)object_id, r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE event_type ="
	    " '%s' AND object_id = %lld AND relevant_mentor_id = %lld", type,
	    (long long)object_id, (long long)p->mentor_id), 1);
}

/* An answer that is 400 with at least one DRF field error list. */
static void
expect_some_field_error(const struct resp *r)
{
	bool	any = false;

	expect_status(r, 400);
	cr_assert(cJSON_IsObject(r->json), "%s", r->body);
	for (const cJSON *f = r->json->child; f != NULL; f = f->next) {
		cr_assert(cJSON_IsArray(f) && cJSON_GetArraySize(f) > 0,
		    "\"%s\" is not a list of errors: %s", f->string, r->body);
		any = true;
	}
	cr_assert(any, "no field errors: %s", r->body);
}

static char *
repeat(char c, size_t n)
{
	char	*s = malloc(n + 1);

	cr_assert_not_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* {"field": "<n times c>"} */
static char *
body_with_long_string(const char *field, char c, size_t n)
{
	size_t	 len = n + strlen(field) + 16;
	char	*v = repeat(c, n), *b = malloc(len);

	cr_assert_not_null(b);
	snprintf(b, len, "{\"%s\": \"%s\"}", field, v);
	free(v);
	return b;
}

/*
 * Sends the bodies every JSON endpoint must refuse before it acts:
 * malformed JSON, trailing data, a NUL escape, invalid UTF-8, another
 * media type, and bodies over the application's and nginx's limits.
 */
static void
expect_bad_bodies_refused(const struct pair *p, const char *method,
    const char *url)
{
	static const char *const malformed[] = {
		"{", "{\"content\": ", "{\"call_time\": \"2099-01-01T00:00:00Z\"",
		"{\"status\": \"done\",}", "{status: \"done\"}",
		"{\"status\": 'done'}", "{\"status\": \"done\"} {}",
		"{\"status\": \"done\"} trailing", "nul", "[1, 2",
		"{\"content\": \"a\\u0000b\"}",
		"{\"content\": \"\xff\xfe bad utf-8\"}",
		"{\"content\": \"\xc3\"}",
		"{\"call_time\": \"\xed\xa0\x80\"}",
		"{\"content\": \"\xc0\xaf overlong\"}",
		"{\"content\": \"\xf4\x90\x80\x80 past U+10FFFF\"}",
		"{\"content\": \"\\udc00\"}", "{\"content\": \"\\ud800x\"}",
	};
	struct resp	 r;
	char		*big;
	size_t		 n;

	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		api_raw(method, url, p->mentor, p->pass, "application/json",
		    malformed[i], 0, &r);
		cr_assert_eq(r.status, 400, "%s %s with %s: %ld %s", method, url,
		    malformed[i], r.status, r.body);
		cr_assert(cJSON_IsObject(r.json), "%s", r.body);
		resp_free(&r);
	}
	api_raw(method, url, p->mentor, p->pass, "text/plain",
	    "{\"content\": \"hi\", \"status\": \"done\"}", 0, &r);
	expect_detail(&r, 415);
	resp_free(&r);
	api_raw(method, url, p->mentor, p->pass,
	    "application/x-www-form-urlencoded", "content=hi&status=done", 0, &r);
	expect_detail(&r, 415);
	resp_free(&r);
	/* Over the application's limit (1 MiB), under nginx's (2 MiB). */
	n = 1536 * 1024;
	big = body_with_long_string("content", 'a', n);
	api_raw(method, url, p->mentor, p->pass, "application/json", big, 0,
	    &r);
	expect_detail(&r, 413);
	resp_free(&r);
	free(big);
	/* Over nginx's. */
	big = body_with_long_string("content", 'a', 3 * 1024 * 1024);
	api_raw(method, url, p->mentor, p->pass, "application/json", big, 0,
	    &r);
	expect_detail(&r, 413);
	resp_free(&r);
	free(big);
}

/* ---- access ---- */

struct route_case {
	const char	*method;
	const char	*path;		/* followed by the object's id */
	int		 object;	/* index into the ids of a pair */
	const char	*body;
};

enum { OBJ_NONE, OBJ_CALL, OBJ_MESSAGE, OBJ_EVENT, OBJ_TASK, OBJ_SCHEDULE,
    OBJ__MAX };

static const struct route_case mentor_routes[] = {
	{ "GET", "/mentor/call/", OBJ_NONE, NULL },
	{ "POST", "/mentor/call/", OBJ_NONE, "{}" },
	{ "GET", "/mentor/call/", OBJ_CALL, NULL },
	{ "PUT", "/mentor/call/", OBJ_CALL, "{}" },
	{ "PATCH", "/mentor/call/", OBJ_CALL, "{}" },
	{ "GET", "/mentor/message/", OBJ_NONE, NULL },
	{ "POST", "/mentor/message/", OBJ_NONE, "{\"content\": \"hi\"}" },
	{ "GET", "/mentor/message/", OBJ_MESSAGE, NULL },
	{ "GET", "/mentor/event/", OBJ_NONE, NULL },
	{ "GET", "/mentor/event/", OBJ_EVENT, NULL },
	{ "GET", "/mentor/task/", OBJ_NONE, NULL },
	{ "GET", "/mentor/task/", OBJ_TASK, NULL },
	{ "PUT", "/mentor/task/", OBJ_TASK, "{\"status\": \"done\"}" },
	{ "PATCH", "/mentor/task/", OBJ_TASK, "{\"status\": \"done\"}" },
	{ "GET", "/mentor/schedule/", OBJ_NONE, NULL },
	{ "POST", "/mentor/schedule/", OBJ_NONE,
	    "{\"call_time\": \"2099-06-01T10:00:00Z\"}" },
	{ "GET", "/mentor/schedule/", OBJ_SCHEDULE, NULL },
	{ "PUT", "/mentor/schedule/", OBJ_SCHEDULE,
	    "{\"call_time\": \"2099-06-02T10:00:00Z\"}" },
	{ "PATCH", "/mentor/schedule/", OBJ_SCHEDULE,
	    "{\"call_time\": \"2099-06-03T10:00:00Z\"}" },
	{ "DELETE", "/mentor/schedule/", OBJ_SCHEDULE, NULL },
};
#define NROUTES	(sizeof(mentor_routes) / sizeof(mentor_routes[0]))

/* One object of each kind for p's mentor; ids[OBJ_*]. */
static void
make_objects(const struct pair *p, int64_t ids[OBJ__MAX])
{
	ids[OBJ_NONE] = 0;
	ids[OBJ_CALL] = make_call(p);
	ids[OBJ_MESSAGE] = make_message(p, "An object to reach for");
	ids[OBJ_SCHEDULE] = make_schedule(p, now_us() + 7 * DAY);
	ids[OBJ_TASK] = make_task(p, "pending");
	ids[OBJ_EVENT] = sql_int("SELECT MAX(id) FROM events WHERE"
	    " relevant_mentor_id = %lld", (long long)p->mentor_id);
}

/* The route's URL for id (0: the list). */
static void
route_url_id(const struct route_case *rc, int64_t id, char out[256])
{
	if (rc->object == OBJ_NONE)
		snprintf(out, 256, "%s", rc->path);
	else
		snprintf(out, 256, "%s%lld/", rc->path, (long long)id);
}

static void
route_url(const struct route_case *rc, const int64_t ids[OBJ__MAX],
    char out[256])
{
	route_url_id(rc, ids[rc->object], out);
}

Test(mentor_api, every_endpoint_needs_credentials)
{
	struct footprint	 before;
	struct pair		 p;
	int64_t			 ids[OBJ__MAX];
	char			 url[256], *www;

	pair_create(&p);
	make_objects(&p, ids);
	footprint_take(&before);
	for (size_t i = 0; i < NROUTES; i++) {
		const struct route_case	*rc = &mentor_routes[i];
		struct req		 q = { .method = rc->method, .url = url,
					    .body = rc->body, .content_type =
					    rc->body ? "application/json" : NULL };
		struct resp		 r;

		route_url(rc, ids, url);
		api(rc->method, url, NULL, NULL, rc->body, &r);
		expect_detail(&r, 401);
		www = resp_header(&r, "WWW-Authenticate");
		cr_assert(www != NULL && strncmp(www, "Basic ", 6) == 0,
		    "%s %s: WWW-Authenticate %s", rc->method, url, www);
		free(www);
		resp_free(&r);
		/* A header that is not Basic Auth at all. */
		q.authorization = "Basic !!!!";
		http(&q, &r);
		expect_detail(&r, 401);
		resp_free(&r);
	}
	/* A wrong password, and a mentee's (twice: the stack throttles an
	 * account after five failures). */
	{
		struct resp	r;

		api("POST", "/mentor/message/", p.mentor, "wrong-password",
		    "{\"content\": \"hi\"}", &r);
		expect_detail(&r, 401);
		resp_free(&r);
		api("POST", "/mentor/call/", p.mentor, p.mentee, NULL, &r);
		expect_detail(&r, 401);
		resp_free(&r);
	}
	footprint_expect_same(&before);
}

Test(mentor_api, admins_and_mentees_are_refused_with_403)
{
	struct footprint	 before;
	struct pair		 p;
	int64_t			 ids[OBJ__MAX];
	char			 url[256];

	pair_create(&p);
	make_objects(&p, ids);
	footprint_take(&before);
	for (size_t i = 0; i < NROUTES; i++) {
		const struct route_case	*rc = &mentor_routes[i];
		struct resp		 r;

		route_url(rc, ids, url);
		admin(rc->method, url, rc->body, &r);
		expect_detail(&r, 403);
		resp_free(&r);
		/* The mentee has an account too, but is no mentor. */
		api(rc->method, url, p.mentee, p.pass, rc->body, &r);
		expect_detail(&r, 403);
		resp_free(&r);
	}
	footprint_expect_same(&before);
}

Test(mentor_api, another_mentors_objects_answer_404_and_stay_unchanged)
{
	struct footprint	 before;
	struct pair		 a, b;
	int64_t			 mine[OBJ__MAX], theirs[OBJ__MAX];
	char			 url[256];
	static const char *const lists[] = { "/mentor/call/",
	    "/mentor/message/", "/mentor/event/", "/mentor/task/",
	    "/mentor/schedule/" };
	static const int list_obj[] = { OBJ_CALL, OBJ_MESSAGE, OBJ_EVENT,
	    OBJ_TASK, OBJ_SCHEDULE };

	pair_create(&a);
	pair_create(&b);
	make_objects(&a, mine);
	make_objects(&b, theirs);
	footprint_take(&before);
	for (size_t i = 0; i < NROUTES; i++) {
		const struct route_case	*rc = &mentor_routes[i];
		struct resp		 r;

		if (rc->object == OBJ_NONE)
			continue;
		route_url(rc, theirs, url);
		as_mentor(&a, rc->method, url, rc->body, &r);
		expect_detail(&r, 404);
		cr_assert_str_eq(jstr(r.json, "detail"), "Not found.");
		resp_free(&r);
		/* Ids that do not exist at all answer the same. */
		route_url_id(rc, 999999999, url);
		as_mentor(&a, rc->method, url, rc->body, &r);
		expect_detail(&r, 404);
		resp_free(&r);
	}
	footprint_expect_same(&before);
	footprint_release(&before);
	/* Their objects are in no list of mine, and still theirs. */
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		int64_t	 n;
		cJSON	*all = list_all(&a, lists[i], 0, &n);

		for (const cJSON *it = all->child; it != NULL; it = it->next)
			cr_assert_neq(jint(it, "id"), theirs[list_obj[i]],
			    "%s of another mentor lists %lld", lists[i],
			    (long long)theirs[list_obj[i]]);
		cJSON_Delete(all);
		snprintf(url, sizeof(url), "%s%lld/", lists[i],
		    (long long)theirs[list_obj[i]]);
		{
			struct resp	r;

			as_mentor(&b, "GET", url, NULL, &r);
			expect_status(&r, 200);
			resp_free(&r);
		}
	}
	/* Nor can a message be addressed to their mentee. */
	{
		char		body[256];
		struct resp	r;

		footprint_take(&before);
		snprintf(body, sizeof(body), "{\"content\": \"hi\", "
		    "\"recipient_id\": %lld}", (long long)b.mentee_id);
		as_mentor(&a, "POST", "/mentor/message/", body, &r);
		expect_field_error(&r, "recipient_id");
		resp_free(&r);
		snprintf(body, sizeof(body), "{\"content\": \"hi\", "
		    "\"sender_id\": %lld}", (long long)b.mentor_id);
		as_mentor(&a, "POST", "/mentor/message/", body, &r);
		expect_field_error(&r, "sender_id");
		resp_free(&r);
		footprint_expect_same(&before);
	}
}

Test(mentor_api, unsupported_methods_are_405_with_allow)
{
	static const struct { const char *method, *path, *allow; } cases[] = {
		{ "DELETE", "/mentor/call/1/", "GET, HEAD, PUT, PATCH" },
		{ "DELETE", "/mentor/call/", "GET, HEAD, POST" },
		{ "PUT", "/mentor/message/1/", "GET, HEAD" },
		{ "DELETE", "/mentor/message/1/", "GET, HEAD" },
		{ "POST", "/mentor/event/", "GET, HEAD" },
		{ "PATCH", "/mentor/event/1/", "GET, HEAD" },
		{ "POST", "/mentor/task/", "GET, HEAD" },
		{ "DELETE", "/mentor/task/1/", "GET, HEAD, PUT, PATCH" },
		{ "PUT", "/mentor/schedule/", "GET, HEAD, POST" },
	};
	struct pair	p;

	pair_create(&p);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resp	 r;
		char		*allow;

		as_mentor(&p, cases[i].method, cases[i].path, NULL, &r);
		expect_detail(&r, 405);
		allow = resp_header(&r, "Allow");
		cr_assert(allow != NULL && strcmp(allow, cases[i].allow) == 0,
		    "%s %s: Allow %s", cases[i].method, cases[i].path, allow);
		free(allow);
		resp_free(&r);
	}
}

/* ---- calls ---- */

Test(mentor_api, call_create_dials_the_mentee_and_ignores_the_body)
{
	struct pair	 p;
	struct resp	 r, g;
	int64_t		 t0 = now_us(), id, start, logid;
	char		*partner, *payload, *dest, *kind, *logpartner;
	cJSON		*pl;

	pair_create(&p);
	/* Whatever the body says, the call is the mentor's, to their
	 * mentee, starting now. */
	as_mentor(&p, "POST", "/mentor/call/", "{\"caller\": 1, \"receiver\": "
	    "1, \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": "
	    "\"2000-01-01T00:01:00Z\", \"status\": \"successful\", \"id\": "
	    "424242}", &r);
	expect_status(&r, 201);
	check_call(r.json, &p);
	id = jint(r.json, "id");
	cr_assert_neq(id, 424242);
	start = jtime(r.json, "start_time");
	cr_assert(start >= t0 - SLACK && start <= now_us() + SLACK,
	    "start_time %s is not now", jstr(r.json, "start_time"));
	jnull(r.json, "end_time");
	cr_assert_str_eq(jstr(r.json, "status"), "inprogress");
	jnull(r.json, "activity");
	jnull(r.json, "scheduled_call");
	jnull(r.json, "feedback_task");

	/* The example provider was asked to connect the two numbers, and
	 * its id for the call is kept (but shown to nobody here). */
	partner = sql_text("SELECT partner_id FROM calls WHERE id = %lld",
	    (long long)id);
	cr_assert(strncmp(partner, "example-", 8) == 0, "partner_id %s",
	    partner);
	logid = strtoll(partner + 8, NULL, 10);
	cr_assert_gt(logid, 0);
	kind = sql_text("SELECT kind FROM provider_log WHERE id = %lld",
	    (long long)logid);
	cr_assert_str_eq(kind, "call");
	dest = sql_text("SELECT destination FROM provider_log WHERE id = %lld",
	    (long long)logid);
	cr_assert_str_eq(dest, p.mentee_number);
	logpartner = sql_text("SELECT partner_id FROM provider_log WHERE id ="
	    " %lld", (long long)logid);
	cr_assert_str_eq(logpartner, partner);
	payload = sql_text("SELECT payload FROM provider_log WHERE id = %lld",
	    (long long)logid);
	pl = cJSON_Parse(payload);
	cr_assert_not_null(pl, "payload %s", payload);
	cr_assert_str_eq(jstr(pl, "from"), p.mentor_number);
	cr_assert_str_eq(jstr(pl, "to"), p.mentee_number);
	cr_assert_null(strstr(r.body, partner), "partner_id shown: %s",
	    r.body);
	cJSON_Delete(pl);

	/* A start_call event, and the call as GET shows it. */
	expect_event(&p, "start_call", id);
	{
		char	url[64];

		snprintf(url, sizeof(url), "/mentor/call/%lld", (long long)id);
		as_mentor(&p, "GET", url, NULL, &g);
		expect_status(&g, 200);
		cr_assert(cJSON_Compare(g.json, r.json, 1), "GET %s: %s, POST: "
		    "%s", url, g.body, r.body);
		resp_free(&g);
	}
	resp_free(&r);

	/* No body at all, and an empty object, are just as good. */
	as_mentor(&p, "POST", "/mentor/call/", NULL, &r);
	expect_status(&r, 201);
	check_call(r.json, &p);
	resp_free(&r);
	as_mentor(&p, "POST", "/mentor/call", "{}", &r);
	expect_status(&r, 201);
	check_call(r.json, &p);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM calls WHERE caller_id ="
	    " %lld AND receiver_id = %lld AND partner_id LIKE 'example-%%'",
	    (long long)p.mentor_id, (long long)p.mentee_id), 3);
	free(partner);
	free(payload);
	free(dest);
	free(kind);
	free(logpartner);
}

/*
 * The seed: POST, PUT and PATCH of calls "ignore any data sent"; so does
 * the server, whatever the data (docs/api-decisions.md): malformed JSON,
 * another media type, bytes that are no UTF-8.  Only the size limits
 * still hold.
 */
Test(mentor_api, call_bodies_are_ignored_whatever_they_are)
{
	static const struct { const char *type, *body; } bodies[] = {
		{ "application/json", "{" },
		{ "application/json", "{\"caller\": 1} trailing" },
		{ "application/json", "[1, 2" },
		{ "application/json", "{\"receiver\": \"\xff\xfe\"}" },
		{ "application/json", "\"end\"" },
		{ "text/plain", "end the call" },
		{ "application/x-www-form-urlencoded", "caller=1&receiver=1" },
		{ NULL, "{\"end_time\": \"2000-01-01T00:00:00Z\"}" },
	};
	struct footprint	 before;
	struct pair		 p;
	struct resp		 r;
	char			 url[64], *end = NULL, *big;
	int64_t			 id, calls;

	pair_create(&p);
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		calls = sql_int("SELECT COUNT(*) FROM calls WHERE caller_id ="
		    " %lld", (long long)p.mentor_id);
		api_raw("POST", "/mentor/call/", p.mentor, p.pass,
		    bodies[i].type, bodies[i].body, 0, &r);
		cr_assert_eq(r.status, 201, "POST %s: %ld %s", bodies[i].body,
		    r.status, r.body);
		check_call(r.json, &p);
		jnull(r.json, "end_time");
		cr_assert_str_eq(jstr(r.json, "status"), "inprogress");
		id = jint(r.json, "id");
		resp_free(&r);
		cr_assert_eq(sql_int("SELECT COUNT(*) FROM calls WHERE caller_id"
		    " = %lld", (long long)p.mentor_id), calls + 1);
		expect_event(&p, "start_call", id);
	}
	snprintf(url, sizeof(url), "/mentor/call/%lld/", (long long)id);
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		api_raw(i % 2 ? "PATCH" : "PUT", url, p.mentor, p.pass,
		    bodies[i].type, bodies[i].body, 0, &r);
		cr_assert_eq(r.status, 200, "%s: %ld %s", bodies[i].body,
		    r.status, r.body);
		check_call(r.json, &p);
		if (end == NULL)
			end = strdup(jstr(r.json, "end_time"));
		cr_assert_str_eq(jstr(r.json, "end_time"), end);
		resp_free(&r);
	}
	free(end);
	/* Too big is still too big, and dials nobody. */
	footprint_take(&before);
	big = body_with_long_string("content", 'a', 1536 * 1024);
	api_raw("POST", "/mentor/call/", p.mentor, p.pass, "application/json",
	    big, 0, &r);
	expect_detail(&r, 413);
	resp_free(&r);
	free(big);
	big = body_with_long_string("content", 'a', 3 * 1024 * 1024);
	api_raw("POST", "/mentor/call/", p.mentor, p.pass, "application/json",
	    big, 0, &r);
	expect_detail(&r, 413);
	resp_free(&r);
	free(big);
	footprint_expect_same(&before);
}

Test(mentor_api, call_get_and_list_show_the_mentors_calls_newest_first)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 ids[3], n, prev = INT64_MAX;
	cJSON		*all;
	int		 i = 0;

	pair_create(&p);
	for (int k = 0; k < 3; k++)
		ids[k] = make_call(&p);
	all = list_all(&p, "/mentor/call/", 0, &n);
	cr_assert_eq(n, 3);
	for (const cJSON *c = all->child; c != NULL; c = c->next, i++) {
		int64_t	t = jtime(c, "start_time");

		check_call(c, &p);
		cr_assert_eq(jint(c, "id"), ids[2 - i], "not newest first");
		cr_assert_leq(t, prev);
		prev = t;
	}
	cJSON_Delete(all);
	for (int k = 0; k < 3; k++) {
		char	url[64];

		snprintf(url, sizeof(url), "/mentor/call/%lld/",
		    (long long)ids[k]);
		as_mentor(&p, "GET", url, NULL, &r);
		expect_status(&r, 200);
		check_call(r.json, &p);
		cr_assert_eq(jint(r.json, "id"), ids[k]);
		resp_free(&r);
	}
}

Test(mentor_api, call_put_and_patch_set_end_time_once_and_ignore_the_body)
{
	struct pair	 p;
	struct resp	 r, g;
	char		 url[64], url2[64];
	int64_t		 id, id2, t0, end;
	char		*first_end;

	pair_create(&p);
	id = make_call(&p);
	snprintf(url, sizeof(url), "/mentor/call/%lld/", (long long)id);
	as_mentor(&p, "GET", url, NULL, &g);
	expect_status(&g, 200);
	t0 = now_us();
	as_mentor(&p, "PUT", url, "{\"end_time\": \"2000-01-01T00:00:00Z\", "
	    "\"start_time\": \"2000-01-01T00:00:00Z\", \"caller\": 1, "
	    "\"receiver\": 1, \"status\": \"successful\"}", &r);
	expect_status(&r, 200);
	check_call(r.json, &p);
	end = jtime(r.json, "end_time");
	cr_assert(end >= t0 - SLACK && end <= now_us() + SLACK,
	    "end_time %s is not now", jstr(r.json, "end_time"));
	cr_assert_str_eq(jstr(r.json, "start_time"), jstr(g.json,
	    "start_time"));
	cr_assert_str_eq(jstr(r.json, "status"), jstr(g.json, "status"));
	first_end = strdup(jstr(r.json, "end_time"));
	resp_free(&r);
	resp_free(&g);
	cr_assert_eq(sql_int("SELECT end_time IS NOT NULL FROM calls WHERE id"
	    " = %lld", (long long)id), 1);

	/* Once set, end_time stays: PUT, PATCH, with or without a body. */
	as_mentor(&p, "PUT", url, NULL, &r);
	expect_status(&r, 200);
	cr_assert_str_eq(jstr(r.json, "end_time"), first_end);
	resp_free(&r);
	as_mentor(&p, "PATCH", url, "{\"end_time\": null}", &r);
	expect_status(&r, 200);
	cr_assert_str_eq(jstr(r.json, "end_time"), first_end);
	resp_free(&r);
	as_mentor(&p, "GET", url, NULL, &r);
	cr_assert_str_eq(jstr(r.json, "end_time"), first_end);
	resp_free(&r);

	/* PATCH ends a call just as PUT does. */
	id2 = make_call(&p);
	snprintf(url2, sizeof(url2), "/mentor/call/%lld", (long long)id2);
	as_mentor(&p, "PATCH", url2, "{}", &r);
	expect_status(&r, 200);
	check_call(r.json, &p);
	cr_assert_eq(jint(r.json, "id"), id2);
	(void)jtime(r.json, "end_time");
	resp_free(&r);
	free(first_end);
}

/* ---- messages ---- */

Test(mentor_api, message_create_queues_an_sms_to_the_own_mentee)
{
	struct pair	 p;
	struct resp	 r, g;
	char		 url[64], body[256];
	int64_t		 t0 = now_us(), id, t;
	char		*payload, *kind, *status;
	cJSON		*pl;

	pair_create(&p);
	as_mentor(&p, "POST", "/mentor/message/", "{\"content\": \"Hello "
	    "\\\"Tee\\\" \xc3\xa9\xe2\x82\xac\"}", &r);
	expect_status(&r, 201);
	check_message(r.json, &p);
	id = jint(r.json, "id");
	cr_assert_eq(jint(r.json, "sender"), p.mentor_id);
	cr_assert_eq(jint(r.json, "recipient"), p.mentee_id);
	cr_assert_str_eq(jstr(r.json, "content"),
	    "Hello \"Tee\" \xc3\xa9\xe2\x82\xac");
	cr_assert_str_eq(jstr(r.json, "message_type"), "user");
	cr_assert_str_eq(jstr(r.json, "direction"), "outbound");
	cr_assert_str_eq(jstr(r.json, "delivery_status"), "queued");
	t = jtime(r.json, "time_sent");
	cr_assert(t >= t0 - SLACK && t <= now_us() + SLACK);

	/* The SMS waits in the outbox, for the mentee, with the text. */
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox WHERE message_id ="
	    " %lld", (long long)id), 1);
	kind = sql_text("SELECT kind FROM outbox WHERE message_id = %lld",
	    (long long)id);
	cr_assert_str_eq(kind, "sms");
	status = sql_text("SELECT status FROM outbox WHERE message_id = %lld",
	    (long long)id);
	cr_assert_str_eq(status, "pending");
	cr_assert_eq(sql_int("SELECT recipient_id FROM outbox WHERE message_id"
	    " = %lld", (long long)id), p.mentee_id);
	payload = sql_text("SELECT payload FROM outbox WHERE message_id = %lld",
	    (long long)id);
	pl = cJSON_Parse(payload);
	cr_assert_not_null(pl, "%s", payload);
	cr_assert_str_eq(jstr(pl, "text"), "Hello \"Tee\" \xc3\xa9\xe2\x82\xac");
	cJSON_Delete(pl);
	expect_event(&p, "message_sent", id);

	snprintf(url, sizeof(url), "/mentor/message/%lld/", (long long)id);
	as_mentor(&p, "GET", url, NULL, &g);
	expect_status(&g, 200);
	cr_assert(cJSON_Compare(g.json, r.json, 1), "GET: %s POST: %s", g.body,
	    r.body);
	resp_free(&g);
	resp_free(&r);

	/* sender_id and recipient_id may be given when they are right,
	 * as numbers or as integral strings (DRF's IntegerField). */
	snprintf(body, sizeof(body), "{\"content\": \"Two\", \"sender_id\": "
	    "%lld, \"recipient_id\": %lld}", (long long)p.mentor_id,
	    (long long)p.mentee_id);
	as_mentor(&p, "POST", "/mentor/message", body, &r);
	expect_status(&r, 201);
	check_message(r.json, &p);
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"content\": \"Three\", \"sender_id\": "
	    "\"%lld\", \"recipient_id\": null}", (long long)p.mentor_id);
	as_mentor(&p, "POST", "/mentor/message/", body, &r);
	expect_status(&r, 201);
	cr_assert_eq(jint(r.json, "recipient"), p.mentee_id);
	resp_free(&r);
	/* 1600 characters, counted as characters. */
	{
		char	*b = malloc(1600 * 2 + 32), *q = b;

		cr_assert_not_null(b);
		memcpy(q, "{\"content\": \"", 13);
		q += 13;
		for (int i = 0; i < 1600; i++) {
			*q++ = '\xc3';
			*q++ = '\xa9';
		}
		memcpy(q, "\"}", 3);
		as_mentor(&p, "POST", "/mentor/message/", b, &r);
		expect_status(&r, 201);
		resp_free(&r);
		free(b);
	}
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE sender_id ="
	    " %lld AND recipient_id = %lld", (long long)p.mentor_id,
	    (long long)p.mentee_id), 4);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM outbox o JOIN messages m ON"
	    " m.id = o.message_id WHERE m.sender_id = %lld AND o.kind = 'sms'",
	    (long long)p.mentor_id), 4);
	free(payload);
	free(kind);
	free(status);
}

Test(mentor_api, message_create_refuses_bad_input_and_stores_nothing)
{
	struct footprint	 before;
	struct pair		 p, other, demo;
	char			 body[512], *big;
	struct resp		 r;
	struct { const char *body; const char *field; } cases[64];
	char			 bufs[16][256];
	size_t			 n = 0, nb = 0;

	pair_create(&p);
	pair_create(&other);
	pair_demo(&demo);
#define CASE(b, f)	do { cases[n].body = (b); cases[n].field = (f); n++; } \
			    while (0)
#define CASEF(f, ...)	do { snprintf(bufs[nb], sizeof(bufs[nb]), __VA_ARGS__); \
			    CASE(bufs[nb], f); nb++; } while (0)
	CASE("{}", "content");
	CASE("{\"content\": \"\"}", "content");
	CASE("{\"content\": null}", "content");
	CASE("{\"content\": 5}", "content");
	CASE("{\"content\": 1.5}", "content");
	CASE("{\"content\": true}", "content");
	CASE("{\"content\": [\"hi\"]}", "content");
	CASE("{\"content\": {\"text\": \"hi\"}}", "content");
	CASE("{\"Content\": \"hi\"}", "content");
	CASEF("sender_id", "{\"content\": \"hi\", \"sender_id\": %lld}",
	    (long long)other.mentor_id);
	CASEF("sender_id", "{\"content\": \"hi\", \"sender_id\": %lld}",
	    (long long)p.mentee_id);
	CASEF("sender_id", "{\"content\": \"hi\", \"sender_id\": %lld}",
	    (long long)demo.mentor_id);
	CASEF("recipient_id", "{\"content\": \"hi\", \"recipient_id\": %lld}",
	    (long long)other.mentee_id);
	CASEF("recipient_id", "{\"content\": \"hi\", \"recipient_id\": %lld}",
	    (long long)p.mentor_id);
	CASEF("recipient_id", "{\"content\": \"hi\", \"recipient_id\": %lld}",
	    (long long)demo.mentee_id);
	CASEF("recipient_id", "{\"content\": \"hi\", \"sender_id\": %lld, "
	    "\"recipient_id\": %lld}", (long long)p.mentor_id,
	    (long long)other.mentee_id);
	CASE("{\"content\": \"hi\", \"recipient_id\": 999999999}",
	    "recipient_id");
	CASE("{\"content\": \"hi\", \"sender_id\": \"abc\"}", "sender_id");
	CASE("{\"content\": \"hi\", \"sender_id\": \"\"}", "sender_id");
	CASE("{\"content\": \"hi\", \"sender_id\": 1.5}", "sender_id");
	CASE("{\"content\": \"hi\", \"sender_id\": true}", "sender_id");
	CASE("{\"content\": \"hi\", \"sender_id\": [1]}", "sender_id");
	CASE("{\"content\": \"hi\", \"sender_id\": {}}", "sender_id");
	CASE("{\"content\": \"hi\", \"recipient_id\": 0}", "recipient_id");
	CASE("{\"content\": \"hi\", \"recipient_id\": -3}", "recipient_id");
	CASE("{\"content\": \"hi\", \"recipient_id\": 1e300}", "recipient_id");
	CASE("{\"content\": \"hi\", \"recipient_id\": "
	    "\"99999999999999999999\"}", "recipient_id");
	CASE("{\"content\": \"hi\", \"recipient_id\": 99999999999999999999}",
	    "recipient_id");
#undef CASE
#undef CASEF
	footprint_take(&before);
	for (size_t i = 0; i < n; i++) {
		as_mentor(&p, "POST", "/mentor/message/", cases[i].body, &r);
		cr_assert_eq(r.status, 400, "%s: %ld %s", cases[i].body,
		    r.status, r.body);
		expect_field_error(&r, cases[i].field);
		resp_free(&r);
	}
	/* Not an object, or no body at all. */
	{
		static const char *const notobj[] = { "[]", "[{\"content\": "
		    "\"hi\"}]", "\"hi\"", "42", "null", "true" };

		for (size_t i = 0; i < sizeof(notobj) / sizeof(notobj[0]); i++) {
			as_mentor(&p, "POST", "/mentor/message/", notobj[i], &r);
			expect_some_field_error(&r);
			resp_free(&r);
		}
	}
	as_mentor(&p, "POST", "/mentor/message/", NULL, &r);
	expect_field_error(&r, "content");
	resp_free(&r);
	/* Too long: one character over, and a huge value under the body
	 * limit. */
	big = body_with_long_string("content", 'x', 1601);
	as_mentor(&p, "POST", "/mentor/message/", big, &r);
	expect_field_error(&r, "content");
	resp_free(&r);
	free(big);
	big = body_with_long_string("content", 'x', 900 * 1024);
	as_mentor(&p, "POST", "/mentor/message/", big, &r);
	expect_field_error(&r, "content");
	resp_free(&r);
	free(big);
	expect_bad_bodies_refused(&p, "POST", "/mentor/message/");
	footprint_expect_same(&before);
	(void)body;
}

Test(mentor_api, message_list_is_newest_first_and_get_one_is_the_same)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 ids[4], n, prev = INT64_MAX;
	cJSON		*all;
	int		 i = 0;
	static const char *const texts[] = { "first", "second", "third",
	    "fourth" };

	pair_create(&p);
	for (int k = 0; k < 4; k++)
		ids[k] = make_message(&p, texts[k]);
	all = list_all(&p, "/mentor/message/", 0, &n);
	cr_assert_eq(n, 4);
	for (const cJSON *m = all->child; m != NULL; m = m->next, i++) {
		int64_t	t = jtime(m, "time_sent");
		char	url[64];

		check_message(m, &p);
		cr_assert_eq(jint(m, "id"), ids[3 - i], "not newest first");
		cr_assert_str_eq(jstr(m, "content"), texts[3 - i]);
		cr_assert_leq(t, prev);
		prev = t;
		snprintf(url, sizeof(url), "/mentor/message/%lld",
		    (long long)ids[3 - i]);
		as_mentor(&p, "GET", url, NULL, &r);
		expect_status(&r, 200);
		cr_assert(cJSON_Compare(r.json, m, 1), "GET %s: %s", url,
		    r.body);
		resp_free(&r);
	}
	cJSON_Delete(all);
}

/* ---- events ---- */

Test(mentor_api, event_list_is_newest_first_with_the_seed_fields)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 call, msg, n, prev = INT64_MAX, prev_id = INT64_MAX;
	cJSON		*all;
	const cJSON	*e;
	char		 url[64];

	pair_create(&p);
	call = make_call(&p);
	msg = make_message(&p, "An event");
	all = list_all(&p, "/mentor/event/", 0, &n);
	cr_assert_eq(n, 2);
	for (e = all->child; e != NULL; e = e->next) {
		int64_t	t = jtime(e, "occured_at");

		check_event(e, &p);
		cr_assert(t < prev || (t == prev && jint(e, "id") < prev_id),
		    "not newest first");
		prev = t;
		prev_id = jint(e, "id");
	}
	e = cJSON_GetArrayItem(all, 0);
	cr_assert_str_eq(jstr(e, "event_type"), "message_sent");
	cr_assert_eq(jint(e, "object_id"), msg);
	e = cJSON_GetArrayItem(all, 1);
	cr_assert_str_eq(jstr(e, "event_type"), "start_call");
	cr_assert_str_eq(jstr(e, "description"), "Call started");
	cr_assert_eq(jint(e, "object_id"), call);
	cr_assert_eq(jint(e, "relevant_mentor"), p.mentor_id);

	snprintf(url, sizeof(url), "/mentor/event/%lld/", (long long)jint(e,
	    "id"));
	as_mentor(&p, "GET", url, NULL, &r);
	expect_status(&r, 200);
	check_event(r.json, &p);
	cr_assert(cJSON_Compare(r.json, e, 1), "GET %s: %s", url, r.body);
	resp_free(&r);
	cJSON_Delete(all);
}

/* ---- tasks ---- */

Test(mentor_api, task_list_and_get_show_the_mentors_tasks)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 t1, t2, call, n;
	cJSON		*all;
	const cJSON	*t;
	char		 url[64];

	pair_create(&p);
	call = make_call(&p);
	t1 = make_task(&p, "pending");
	t2 = sql_int("INSERT INTO tasks (mentor_id, description, link,"
	    " due_date, status, call_id, created_at) VALUES (%lld, 'Call back',"
	    " 'https://example.org/x', '2031-02-03 04:05:06.000007', 'done',"
	    " %lld, UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID();",
	    (long long)p.mentor_id, (long long)call);
	all = list_all(&p, "/mentor/task/", 0, &n);
	cr_assert_eq(n, 2);
	t = cJSON_GetArrayItem(all, 0);
	check_task(t, &p);
	cr_assert_eq(jint(t, "id"), t2, "not newest first");
	cr_assert_str_eq(jstr(t, "description"), "Call back");
	cr_assert_str_eq(jstr(t, "link"), "https://example.org/x");
	cr_assert_str_eq(jstr(t, "due_date"), "2031-02-03T04:05:06.000007Z");
	cr_assert_str_eq(jstr(t, "status"), "done");
	cr_assert_eq(jint(t, "call"), call);
	t = cJSON_GetArrayItem(all, 1);
	check_task(t, &p);
	cr_assert_eq(jint(t, "id"), t1);
	cr_assert_str_eq(jstr(t, "description"),
	    "Complete feedback for call at 16:13 on 2016-02-08");
	jnull(t, "due_date");
	jnull(t, "call");
	cr_assert_str_eq(jstr(t, "status"), "pending");

	snprintf(url, sizeof(url), "/mentor/task/%lld/", (long long)t2);
	as_mentor(&p, "GET", url, NULL, &r);
	expect_status(&r, 200);
	cr_assert(cJSON_Compare(r.json, cJSON_GetArrayItem(all, 0), 1),
	    "GET %s: %s", url, r.body);
	resp_free(&r);
	cJSON_Delete(all);
}

static void
expect_task_status(int64_t id, const char *status)
{
	char	*s = sql_text("SELECT status FROM tasks WHERE id = %lld",
		    (long long)id);

	cr_assert_str_eq(s, status);
	free(s);
}

Test(mentor_api, task_status_changes_with_put_and_patch)
{
	static const struct { const char *method, *status; } steps[] = {
		{ "PUT", "in-progress" }, { "PATCH", "done" },
		{ "PUT", "pending" }, { "PATCH", "in-progress" },
		{ "PUT", "done" }, { "PATCH", "pending" },
	};
	struct pair	p;
	struct resp	r;
	int64_t		id;
	char		url[64], body[256];

	pair_create(&p);
	id = make_task(&p, "pending");
	snprintf(url, sizeof(url), "/mentor/task/%lld/", (long long)id);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		/* Other fields are not the mentor's to change. */
		snprintf(body, sizeof(body), "{\"status\": \"%s\", "
		    "\"description\": \"changed\", \"mentor\": 1, \"link\": "
		    "\"x\", \"id\": 7}", steps[i].status);
		as_mentor(&p, steps[i].method, url, body, &r);
		expect_status(&r, 200);
		check_task(r.json, &p);
		cr_assert_eq(jint(r.json, "id"), id);
		cr_assert_str_eq(jstr(r.json, "status"), steps[i].status);
		cr_assert_str_eq(jstr(r.json, "description"),
		    "Complete feedback for call at 16:13 on 2016-02-08");
		cr_assert_str_eq(jstr(r.json, "link"), "");
		resp_free(&r);
		expect_task_status(id, steps[i].status);
		as_mentor(&p, "GET", url, NULL, &r);
		cr_assert_str_eq(jstr(r.json, "status"), steps[i].status);
		resp_free(&r);
	}
	/* A PATCH without a status changes nothing. */
	as_mentor(&p, "PATCH", url, "{}", &r);
	expect_status(&r, 200);
	cr_assert_str_eq(jstr(r.json, "status"), "pending");
	resp_free(&r);
	expect_task_status(id, "pending");
}

Test(mentor_api, task_status_refuses_anything_else_and_stays_unchanged)
{
	static const char *const bad[] = {
		"{\"status\": \"finished\"}", "{\"status\": \"DONE\"}",
		"{\"status\": \"Done\"}", "{\"status\": \"in progress\"}",
		"{\"status\": \"in_progress\"}", "{\"status\": \" done\"}",
		"{\"status\": \"done \"}", "{\"status\": \"\"}",
		"{\"status\": null}", "{\"status\": 1}", "{\"status\": true}",
		"{\"status\": [\"done\"]}", "{\"status\": {\"v\": \"done\"}}",
		"{\"status\": \"pending; DROP TABLE tasks\"}",
		"{\"status\": \"d\\u00f6ne\"}",
	};
	static const char *const notobj[] = { "[]", "[\"done\"]", "\"done\"",
	    "1", "null", "true" };
	struct footprint	 before;
	struct pair		 p;
	struct resp		 r;
	int64_t			 id;
	char			 url[64], *big;

	pair_create(&p);
	id = make_task(&p, "in-progress");
	snprintf(url, sizeof(url), "/mentor/task/%lld/", (long long)id);
	footprint_take(&before);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		as_mentor(&p, "PUT", url, bad[i], &r);
		expect_field_error(&r, "status");
		resp_free(&r);
		as_mentor(&p, "PATCH", url, bad[i], &r);
		expect_field_error(&r, "status");
		resp_free(&r);
	}
	/* PUT needs the status. */
	as_mentor(&p, "PUT", url, "{}", &r);
	expect_field_error(&r, "status");
	resp_free(&r);
	as_mentor(&p, "PUT", url, "{\"description\": \"done\"}", &r);
	expect_field_error(&r, "status");
	resp_free(&r);
	as_mentor(&p, "PUT", url, NULL, &r);
	expect_field_error(&r, "status");
	resp_free(&r);
	/* A body that is not an object is no update, PUT or PATCH. */
	for (size_t i = 0; i < sizeof(notobj) / sizeof(notobj[0]); i++) {
		as_mentor(&p, "PUT", url, notobj[i], &r);
		expect_some_field_error(&r);
		resp_free(&r);
		as_mentor(&p, "PATCH", url, notobj[i], &r);
		expect_some_field_error(&r);
		resp_free(&r);
	}
	big = body_with_long_string("status", 'd', 600 * 1024);
	as_mentor(&p, "PATCH", url, big, &r);
	expect_field_error(&r, "status");
	resp_free(&r);
	free(big);
	expect_bad_bodies_refused(&p, "PUT", url);
	expect_bad_bodies_refused(&p, "PATCH", url);
	footprint_expect_same(&before);
	expect_task_status(id, "in-progress");
}

/* ---- scheduled calls ---- */

/* The system message to p's mentee that text is part of, checked in the
 * database and the outbox; returns its id. */
static int64_t
expect_system_message(const struct pair *p, const char *text)
{
	int64_t	 id;
	char	*payload, *type, *kind;
	cJSON	*pl;

	id = sql_int("SELECT IFNULL(MAX(id), 0) FROM messages WHERE sender_id ="
	    " %lld AND recipient_id = %lld AND message_type = 'system' AND"
	    " INSTR(content, '%s') > 0", (long long)p->mentor_id,
	    (long long)p->mentee_id, text);
	cr_assert_gt(id, 0, "no system message with \"%s\"", text);
	type = sql_text("SELECT direction FROM messages WHERE id = %lld",
	    (long long)id);
	cr_assert_str_eq(type, "outbound");
	kind = sql_text("SELECT kind FROM outbox WHERE message_id = %lld",
	    (long long)id);
	cr_assert_str_eq(kind, "sms");
	cr_assert_eq(sql_int("SELECT recipient_id FROM outbox WHERE message_id"
	    " = %lld", (long long)id), p->mentee_id);
	payload = sql_text("SELECT payload FROM outbox WHERE message_id = %lld",
	    (long long)id);
	pl = cJSON_Parse(payload);
	cr_assert_not_null(pl);
	cr_assert_not_null(strstr(jstr(pl, "text"), text), "SMS text %s",
	    payload);
	cJSON_Delete(pl);
	expect_event(p, "message_sent", id);
	free(payload);
	free(type);
	free(kind);
	return id;
}

Test(mentor_api, schedule_create_stores_utc_and_tells_the_mentee)
{
	struct pair	 p;
	struct resp	 r, g, m;
	int64_t		 when, t0 = now_us(), id, msg;
	char		 iso[40], body[128], url[64], sms[40], utc[40];
	char		*stored;

	pair_create(&p);
	/* Three days ahead, in whole seconds, written in UTC+02:00. */
	when = (t0 / SECOND + 3 * 86400) * SECOND;
	iso_at(when, 120, iso);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\", \"caller\": 1, "
	    "\"callee\": 1, \"created_at\": \"2000-01-01T00:00:00Z\"}", iso);
	as_mentor(&p, "POST", "/mentor/schedule/", body, &r);
	expect_status(&r, 201);
	check_schedule(r.json, &p);
	id = jint(r.json, "id");
	cr_assert_eq(jtime(r.json, "call_time"), when, "%s for %s",
	    jstr(r.json, "call_time"), iso);
	cr_assert_eq(jstr(r.json, "call_time")[strlen(jstr(r.json,
	    "call_time")) - 1], 'Z');
	cr_assert(jtime(r.json, "created_at") >= t0 - SLACK &&
	    jtime(r.json, "created_at") <= now_us() + SLACK);
	jnull(r.json, "activity");
	/* Stored in UTC. */
	iso_at(when, 0, utc);
	utc[10] = ' ';
	utc[19] = '\0';
	stored = sql_text("SELECT call_time FROM scheduled_calls WHERE id ="
	    " %lld", (long long)id);
	cr_assert(strncmp(stored, utc, 19) == 0, "stored %s, want %s", stored,
	    utc);
	/* The mentee is told, in UTC, through the outbox. */
	sms_time(when, sms);
	msg = expect_system_message(&p, sms);
	expect_event(&p, "call_scheduled", id);
	/* The mentor sees that system message in their messages. */
	snprintf(url, sizeof(url), "/mentor/message/%lld", (long long)msg);
	as_mentor(&p, "GET", url, NULL, &m);
	expect_status(&m, 200);
	check_message(m.json, &p);
	cr_assert_str_eq(jstr(m.json, "message_type"), "system");
	cr_assert_eq(jint(m.json, "sender"), p.mentor_id);
	cr_assert_eq(jint(m.json, "recipient"), p.mentee_id);
	resp_free(&m);

	snprintf(url, sizeof(url), "/mentor/schedule/%lld/", (long long)id);
	as_mentor(&p, "GET", url, NULL, &g);
	expect_status(&g, 200);
	cr_assert(cJSON_Compare(g.json, r.json, 1), "GET %s POST %s", g.body,
	    r.body);
	resp_free(&g);
	resp_free(&r);
	free(stored);
}

Test(mentor_api, schedule_accepts_iso_8601_with_any_offset)
{
	struct pair	p;
	int64_t		base = (now_us() / SECOND + 86400) * SECOND;
	static const int offsets[] = { 0, 60, -60, 330, -330, 345, -720, 840,
	    -600 };

	pair_create(&p);
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		int64_t		when = base + (int64_t)i * 3600 * SECOND;
		char		iso[40], body[128];
		struct resp	r;

		iso_at(when, offsets[i], iso);
		snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}", iso);
		as_mentor(&p, "POST", "/mentor/schedule/", body, &r);
		expect_status(&r, 201);
		cr_assert_eq(jtime(r.json, "call_time"), when, "%s gave %s",
		    iso, jstr(r.json, "call_time"));
		resp_free(&r);
	}
	/* Other spellings: Z, no offset (UTC), +HHMM, +HH, fractions. */
	{
		static const struct { const char *in, *out; } forms[] = {
			{ "2098-05-06T07:08:09Z", "2098-05-06T07:08:09.000000Z" },
			{ "2098-05-06T07:08:09", "2098-05-06T07:08:09.000000Z" },
			{ "2098-05-06T07:08", "2098-05-06T07:08:00.000000Z" },
			{ "2098-05-06T07:08:09.5Z",
			    "2098-05-06T07:08:09.500000Z" },
			{ "2098-05-06T07:08:09.123456+01:00",
			    "2098-05-06T06:08:09.123456Z" },
			{ "2098-05-06T07:08:09+0530",
			    "2098-05-06T01:38:09.000000Z" },
			{ "2098-05-06T23:30:00-05",
			    "2098-05-07T04:30:00.000000Z" },
			{ "2098-12-31T23:00:00-02:00",
			    "2099-01-01T01:00:00.000000Z" },
			{ "2096-02-29T12:00:00Z",
			    "2096-02-29T12:00:00.000000Z" },
		};

		for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			char		body[128];
			struct resp	r;

			snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}",
			    forms[i].in);
			as_mentor(&p, "POST", "/mentor/schedule/", body, &r);
			expect_status(&r, 201);
			cr_assert_str_eq(jstr(r.json, "call_time"),
			    forms[i].out, "%s", forms[i].in);
			resp_free(&r);
		}
	}
}

Test(mentor_api, schedule_refuses_past_and_malformed_times_and_stores_nothing)
{
	struct footprint	 before;
	struct pair		 p;
	struct resp		 r;
	char			 bodies[8][128], iso[40], *big;
	const char		*cases[64];
	size_t			 n = 0, nb = 0;
	int64_t			 now = now_us();
	static const char *const fixed[] = {
		"{\"call_time\": \"2001-01-01T00:00:00Z\"}",
		"{\"call_time\": \"1970-01-01T00:00:00Z\"}",
		"{\"call_time\": \"0001-01-01T00:00:00Z\"}",
		"{\"call_time\": \"tomorrow\"}",
		"{\"call_time\": \"\"}",
		"{\"call_time\": \"2099-13-01T10:00:00Z\"}",
		"{\"call_time\": \"2099-00-10T10:00:00Z\"}",
		"{\"call_time\": \"2099-02-30T10:00:00Z\"}",
		"{\"call_time\": \"2097-02-29T10:00:00Z\"}",
		"{\"call_time\": \"2099-01-01T24:00:00Z\"}",
		"{\"call_time\": \"2099-01-01T10:60:00Z\"}",
		"{\"call_time\": \"2099-01-01T10:00:61Z\"}",
		"{\"call_time\": \"2099-01-01\"}",
		"{\"call_time\": \"2099-01-01T10\"}",
		"{\"call_time\": \"2099-1-1T10:00:00Z\"}",
		"{\"call_time\": \"2099-01-01T10:00:00+25:00\"}",
		"{\"call_time\": \"2099-01-01T10:00:00+05:\"}",
		"{\"call_time\": \"2099-01-01T10:00:00+5\"}",
		"{\"call_time\": \"2099-01-01T10:00:00 +05:00\"}",
		"{\"call_time\": \"2099-01-01T10:00:00ZZ\"}",
		"{\"call_time\": \"2099-01-01T10:00:00Z junk\"}",
		"{\"call_time\": \"2099-01-01T10:00:00.Z\"}",
		"{\"call_time\": \"2099-01-01T10:00:00.1234567890Z\"}",
		"{\"call_time\": \"+2099-01-01T10:00:00Z\"}",
		/* Past 9999-12-31 once in UTC: not a time we can store. */
		"{\"call_time\": \"9999-12-31T23:30:00-01:00\"}",
		"{\"call_time\": 4102444800}",
		"{\"call_time\": 4102444800.5}",
		"{\"call_time\": true}",
		"{\"call_time\": null}",
		"{\"call_time\": [\"2099-01-01T10:00:00Z\"]}",
		"{\"call_time\": {\"date\": \"2099-01-01\"}}",
		"{}",
		"{\"calltime\": \"2099-01-01T10:00:00Z\"}",
		"{\"call_time\": \"2099-01-01T10:00:00Z\", \"activity\": "
		    "999999999}",
		"{\"call_time\": \"2099-01-01T10:00:00Z\", \"activity\": "
		    "\"abc\"}",
		"{\"call_time\": \"2099-01-01T10:00:00Z\", \"activity\": 0}",
	};

	pair_create(&p);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		cases[n++] = fixed[i];
	/* A minute ago written in UTC+05:30: its digits look ahead of UTC. */
	iso_at(now - 60 * SECOND, 330, iso);
	snprintf(bodies[nb], sizeof(bodies[nb]), "{\"call_time\": \"%s\"}",
	    iso);
	cases[n++] = bodies[nb++];
	iso_at(now - 2 * SECOND, 0, iso);
	snprintf(bodies[nb], sizeof(bodies[nb]), "{\"call_time\": \"%s\"}",
	    iso);
	cases[n++] = bodies[nb++];
	iso_at(now - 3600 * SECOND, -600, iso);
	snprintf(bodies[nb], sizeof(bodies[nb]), "{\"call_time\": \"%s\"}",
	    iso);
	cases[n++] = bodies[nb++];

	footprint_take(&before);
	for (size_t i = 0; i < n; i++) {
		as_mentor(&p, "POST", "/mentor/schedule/", cases[i], &r);
		cr_assert_eq(r.status, 400, "%s: %ld %s", cases[i], r.status,
		    r.body);
		expect_some_field_error(&r);
		if (strstr(cases[i], "activity") == NULL)
			expect_field_error(&r, "call_time");
		else
			expect_field_error(&r, "activity");
		resp_free(&r);
	}
	{
		static const char *const notobj[] = { "[]",
		    "[{\"call_time\": \"2099-01-01T10:00:00Z\"}]",
		    "\"2099-01-01T10:00:00Z\"", "1", "null" };

		for (size_t i = 0; i < sizeof(notobj) / sizeof(notobj[0]); i++) {
			as_mentor(&p, "POST", "/mentor/schedule/", notobj[i],
			    &r);
			expect_some_field_error(&r);
			resp_free(&r);
		}
	}
	as_mentor(&p, "POST", "/mentor/schedule/", NULL, &r);
	expect_field_error(&r, "call_time");
	resp_free(&r);
	big = body_with_long_string("call_time", '2', 700 * 1024);
	as_mentor(&p, "POST", "/mentor/schedule/", big, &r);
	expect_field_error(&r, "call_time");
	resp_free(&r);
	free(big);
	expect_bad_bodies_refused(&p, "POST", "/mentor/schedule/");
	footprint_expect_same(&before);
}

Test(mentor_api, schedule_reschedule_with_put_and_patch_tells_the_mentee)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 id, t1, t2, t3;
	char		 url[64], body[128], iso[40], sms[40];
	char		*created;

	pair_create(&p);
	t1 = (now_us() / SECOND + 2 * 86400) * SECOND;
	id = make_schedule(&p, t1);
	snprintf(url, sizeof(url), "/mentor/schedule/%lld/", (long long)id);
	as_mentor(&p, "GET", url, NULL, &r);
	created = strdup(jstr(r.json, "created_at"));
	resp_free(&r);

	/* PUT, in another offset. */
	t2 = t1 + 5400 * SECOND;
	iso_at(t2, -180, iso);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\", \"caller\": 1, "
	    "\"callee\": 1}", iso);
	as_mentor(&p, "PUT", url, body, &r);
	expect_status(&r, 200);
	check_schedule(r.json, &p);
	cr_assert_eq(jint(r.json, "id"), id);
	cr_assert_eq(jtime(r.json, "call_time"), t2);
	cr_assert_str_eq(jstr(r.json, "created_at"), created);
	resp_free(&r);
	sms_time(t2, sms);
	(void)expect_system_message(&p, sms);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE recipient_id"
	    " = %lld AND message_type = 'system' AND content LIKE"
	    " '%%moved your call to %s%%'", (long long)p.mentee_id, sms), 1);
	expect_event(&p, "call_rescheduled", id);

	/* PATCH. */
	t3 = t1 + 86400 * SECOND;
	iso_at(t3, 0, iso);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}", iso);
	as_mentor(&p, "PATCH", url, body, &r);
	expect_status(&r, 200);
	cr_assert_eq(jtime(r.json, "call_time"), t3);
	resp_free(&r);
	as_mentor(&p, "GET", url, NULL, &r);
	cr_assert_eq(jtime(r.json, "call_time"), t3);
	resp_free(&r);
	sms_time(t3, sms);
	(void)expect_system_message(&p, sms);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM events WHERE event_type ="
	    " 'call_rescheduled' AND object_id = %lld", (long long)id), 2);

	/* A PATCH without call_time changes nothing and tells nobody. */
	{
		struct footprint	before;

		footprint_take(&before);
		as_mentor(&p, "PATCH", url, "{}", &r);
		expect_status(&r, 200);
		cr_assert_eq(jtime(r.json, "call_time"), t3);
		resp_free(&r);
		footprint_expect_same(&before);
	}
	free(created);
}

Test(mentor_api, schedule_reschedule_refuses_bad_input_and_changes_nothing)
{
	static const char *const bad[] = {
		"{\"call_time\": \"2001-01-01T00:00:00Z\"}",
		"{\"call_time\": \"next week\"}",
		"{\"call_time\": \"\"}",
		"{\"call_time\": null}",
		"{\"call_time\": 4102444800}",
		"{\"call_time\": [\"2099-01-01T10:00:00Z\"]}",
		"{\"call_time\": \"2099-02-30T10:00:00Z\"}",
		"{\"call_time\": \"9999-12-31T23:30:00-01:00\"}",
	};
	static const char *const notobj[] = { "[]", "\"2099-01-01T10:00:00Z\"",
	    "7", "null" };
	struct footprint	 before;
	struct pair		 p;
	struct resp		 r;
	int64_t			 id;
	char			 url[64], iso[40], body[128];

	pair_create(&p);
	id = make_schedule(&p, now_us() + 4 * DAY);
	snprintf(url, sizeof(url), "/mentor/schedule/%lld/", (long long)id);
	footprint_take(&before);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		as_mentor(&p, "PUT", url, bad[i], &r);
		expect_field_error(&r, "call_time");
		resp_free(&r);
		as_mentor(&p, "PATCH", url, bad[i], &r);
		expect_field_error(&r, "call_time");
		resp_free(&r);
	}
	iso_at(now_us() - 60 * SECOND, 330, iso);
	snprintf(body, sizeof(body), "{\"call_time\": \"%s\"}", iso);
	as_mentor(&p, "PATCH", url, body, &r);
	expect_field_error(&r, "call_time");
	resp_free(&r);
	/* PUT needs call_time. */
	as_mentor(&p, "PUT", url, "{}", &r);
	expect_field_error(&r, "call_time");
	resp_free(&r);
	as_mentor(&p, "PUT", url, NULL, &r);
	expect_field_error(&r, "call_time");
	resp_free(&r);
	for (size_t i = 0; i < sizeof(notobj) / sizeof(notobj[0]); i++) {
		as_mentor(&p, "PUT", url, notobj[i], &r);
		expect_some_field_error(&r);
		resp_free(&r);
		as_mentor(&p, "PATCH", url, notobj[i], &r);
		expect_some_field_error(&r);
		resp_free(&r);
	}
	expect_bad_bodies_refused(&p, "PUT", url);
	expect_bad_bodies_refused(&p, "PATCH", url);
	footprint_expect_same(&before);
}

Test(mentor_api, schedule_delete_cancels_with_204_and_tells_the_mentee)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 id, keep, when, n;
	char		 url[64], sms[40];
	cJSON		*all;

	pair_create(&p);
	when = (now_us() / SECOND + 5 * 86400) * SECOND;
	id = make_schedule(&p, when);
	keep = make_schedule(&p, when + 3600 * SECOND);
	snprintf(url, sizeof(url), "/mentor/schedule/%lld/", (long long)id);
	as_mentor(&p, "DELETE", url, NULL, &r);
	expect_status(&r, 204);
	cr_assert_eq(r.len, 0);
	resp_free(&r);
	/* Kept, marked cancelled, but no longer found or listed. */
	cr_assert_eq(sql_int("SELECT cancelled_at IS NOT NULL FROM"
	    " scheduled_calls WHERE id = %lld", (long long)id), 1);
	as_mentor(&p, "GET", url, NULL, &r);
	expect_detail(&r, 404);
	resp_free(&r);
	all = list_all(&p, "/mentor/schedule/", 0, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(jint(cJSON_GetArrayItem(all, 0), "id"), keep);
	cJSON_Delete(all);
	sms_time(when, sms);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM messages WHERE recipient_id"
	    " = %lld AND message_type = 'system' AND content LIKE"
	    " '%%cancelled your call of %s%%'", (long long)p.mentee_id, sms), 1);
	(void)expect_system_message(&p, "cancelled");
	expect_event(&p, "call_cancelled", id);

	/* Gone for every method now, and nothing more happens. */
	{
		struct footprint	before;

		footprint_take(&before);
		as_mentor(&p, "DELETE", url, NULL, &r);
		expect_detail(&r, 404);
		resp_free(&r);
		as_mentor(&p, "PUT", url, "{\"call_time\": "
		    "\"2099-01-01T10:00:00Z\"}", &r);
		expect_detail(&r, 404);
		resp_free(&r);
		as_mentor(&p, "PATCH", url, "{\"call_time\": "
		    "\"2099-01-01T10:00:00Z\"}", &r);
		expect_detail(&r, 404);
		resp_free(&r);
		footprint_expect_same(&before);
	}
}

Test(mentor_api, schedule_list_is_soonest_first)
{
	struct pair	 p;
	int64_t		 base = now_us() + 10 * DAY, ids[4], n;
	static const int order[] = { 3, 1, 4, 2 };	/* days after base */
	cJSON		*all;
	int64_t		 prev = 0;

	pair_create(&p);
	for (int i = 0; i < 4; i++)
		ids[i] = make_schedule(&p, base + order[i] * DAY);
	all = list_all(&p, "/mentor/schedule/", 0, &n);
	cr_assert_eq(n, 4);
	for (const cJSON *s = all->child; s != NULL; s = s->next) {
		check_schedule(s, &p);
		cr_assert_geq(jtime(s, "call_time"), prev);
		prev = jtime(s, "call_time");
	}
	cr_assert_eq(jint(cJSON_GetArrayItem(all, 0), "id"), ids[1]);
	cr_assert_eq(jint(cJSON_GetArrayItem(all, 3), "id"), ids[2]);
	cJSON_Delete(all);
}

/* ---- lists ---- */

/* Page checks on a list of exactly five items. */
static void
expect_pagination(const struct pair *p, const char *url)
{
	struct resp	 r;
	cJSON		*one, *paged, *odd;
	int64_t		 n;
	char		 u[256], *next;
	static const char *const bad_pages[] = { "0", "-1", "4", "abc", "",
	    "1.5", "99999999999", "%2B1" };

	one = list_all(p, url, 0, &n);
	cr_assert_eq(n, 5, "%s: %lld items", url, (long long)n);
	paged = list_all(p, url, 2, &n);
	cr_assert_eq(n, 5);
	cr_assert(cJSON_Compare(one, paged, 1), "%s: pages differ from the "
	    "whole list", url);
	/* Unknown parameters are ignored, and kept in the links. */
	snprintf(u, sizeof(u), "%s?foo=bar&ordering=-id&search=x", url);
	odd = list_all(p, u, 2, &n);
	cr_assert(cJSON_Compare(one, odd, 1), "%s: unknown parameters "
	    "changed the list", u);
	cJSON_Delete(odd);
	snprintf(u, sizeof(u), "%s?page_size=2&foo=bar", url);
	as_mentor(p, "GET", u, NULL, &r);
	expect_status(&r, 200);
	next = strdup(jstr(r.json, "next"));
	cr_assert(strstr(next, "foo=bar") != NULL && strstr(next, "page=2") !=
	    NULL && strstr(next, "page_size=2") != NULL, "next: %s", next);
	jnull(r.json, "previous");
	resp_free(&r);
	free(next);

	/* The last page, by number and by name. */
	snprintf(u, sizeof(u), "%s?page_size=2&page=3", url);
	as_mentor(p, "GET", u, NULL, &r);
	expect_status(&r, 200);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "results")), 1);
	jnull(r.json, "next");
	cr_assert(cJSON_Compare(cJSON_GetArrayItem(cJSON_GetObjectItem(r.json,
	    "results"), 0), cJSON_GetArrayItem(one, 4), 1));
	resp_free(&r);
	snprintf(u, sizeof(u), "%s?page_size=2&page=last", url);
	as_mentor(p, "GET", u, NULL, &r);
	expect_status(&r, 200);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "results")), 1);
	resp_free(&r);
	/* Pages that are not there. */
	for (size_t i = 0; i < sizeof(bad_pages) / sizeof(bad_pages[0]); i++) {
		snprintf(u, sizeof(u), "%s?page_size=2&page=%s", url,
		    bad_pages[i]);
		as_mentor(p, "GET", u, NULL, &r);
		expect_detail(&r, 404);
		cr_assert_str_eq(jstr(r.json, "detail"), "Invalid page.");
		resp_free(&r);
	}
	/* Sizes that make no sense mean the default (100), too large ones
	 * the maximum: all five either way. */
	{
		static const char *const sizes[] = { "0", "-2", "abc", "",
		    "1000000", "99999999999" };

		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			snprintf(u, sizeof(u), "%s?page_size=%s", url,
			    sizes[i]);
			as_mentor(p, "GET", u, NULL, &r);
			expect_status(&r, 200);
			cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(
			    r.json, "results")), 5, "page_size=%s", sizes[i]);
			jnull(r.json, "next");
			resp_free(&r);
		}
	}
	/* page_size=1: five pages, walked to the end. */
	cJSON_Delete(paged);
	paged = list_all(p, url, 1, &n);
	cr_assert(cJSON_Compare(one, paged, 1));
	cJSON_Delete(paged);
	cJSON_Delete(one);
}

Test(mentor_api, every_list_paginates_with_links_that_work)
{
	struct pair	p, empty;
	struct resp	r;
	int		i;
	static const char *const lists[] = { "/mentor/call/",
	    "/mentor/message/", "/mentor/event/", "/mentor/task/",
	    "/mentor/schedule/" };

	pair_create(&p);
	/* Five of each: calls and messages each add an event, which makes
	 * ten; five tasks; and five events alone for another pair. */
	for (i = 0; i < 5; i++) {
		char	text[32];

		make_call(&p);
		snprintf(text, sizeof(text), "message %d", i);
		make_message(&p, text);
		make_task(&p, i % 2 ? "done" : "pending");
	}
	expect_pagination(&p, "/mentor/call/");
	expect_pagination(&p, "/mentor/message/");
	expect_pagination(&p, "/mentor/task/");
	pair_create(&empty);
	for (i = 0; i < 5; i++)
		make_schedule(&empty, now_us() + (i + 1) * DAY);
	/* Five schedules: five call_scheduled and five message_sent. */
	expect_pagination(&empty, "/mentor/schedule/");
	{
		int64_t	 n;
		cJSON	*ev = list_all(&empty, "/mentor/event/", 3, &n);

		cr_assert_eq(n, 10);
		cJSON_Delete(ev);
		ev = list_all(&empty, "/mentor/event/", 4, &n);
		cr_assert_eq(n, 10);
		cJSON_Delete(ev);
	}
	/* A list with nothing in it still has its first page. */
	pair_create(&empty);
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		char	u[128];

		as_mentor(&empty, "GET", lists[k], NULL, &r);
		expect_status(&r, 200);
		cr_assert_eq(jint(r.json, "count"), 0);
		jnull(r.json, "next");
		jnull(r.json, "previous");
		cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
		    "results")), 0);
		resp_free(&r);
		snprintf(u, sizeof(u), "%s?page=1", lists[k]);
		as_mentor(&empty, "GET", u, NULL, &r);
		expect_status(&r, 200);
		resp_free(&r);
		snprintf(u, sizeof(u), "%s?page=2", lists[k]);
		as_mentor(&empty, "GET", u, NULL, &r);
		expect_detail(&r, 404);
		resp_free(&r);
	}
}

/* ---- identity ---- */

Test(mentor_api, ids_are_the_users_ids_as_json_integers)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 call, msg, sc, task;

	pair_demo(&p);
	/* The demo mentor: the id /auth/me shows is the one on everything
	 * they do, and their mentee's is the admin's mentee id. */
	api("GET", "/auth/me", p.mentor, p.pass, NULL, &r);
	expect_status(&r, 200);
	cr_assert_eq(jint(r.json, "id"), p.mentor_id);
	resp_free(&r);
	{
		char	url[64];

		snprintf(url, sizeof(url), "/mentor/mentor/%lld",
		    (long long)p.mentor_id);
		admin("GET", url, NULL, &r);
		expect_status(&r, 200);
		cr_assert_eq(jint(r.json, "id"), p.mentor_id);
		cr_assert_eq(jint(r.json, "mentee"), p.mentee_id);
		cr_assert_str_eq(jstr(r.json, "contact_number"),
		    DEMO_MENTOR_NUMBER);
		resp_free(&r);
		snprintf(url, sizeof(url), "/mentor/mentee/%lld",
		    (long long)p.mentee_id);
		admin("GET", url, NULL, &r);
		expect_status(&r, 200);
		cr_assert_str_eq(jstr(r.json, "contact_number"),
		    DEMO_MENTEE_NUMBER);
		cr_assert_str_eq(jstr(r.json, "username"), p.mentee);
		resp_free(&r);
	}
	call = make_call(&p);
	msg = make_message(&p, "From the demo mentor");
	sc = make_schedule(&p, now_us() + 30 * DAY);
	task = make_task(&p, "pending");
	{
		char	*payload = sql_text("SELECT l.payload FROM provider_log l"
			    " JOIN calls c ON c.partner_id = l.partner_id WHERE"
			    " c.id = %lld", (long long)call);
		cJSON	*pl = cJSON_Parse(payload);

		cr_assert_str_eq(jstr(pl, "from"), DEMO_MENTOR_NUMBER);
		cr_assert_str_eq(jstr(pl, "to"), DEMO_MENTEE_NUMBER);
		cJSON_Delete(pl);
		free(payload);
	}
	/* Every list and object the demo mentor can see: checked for the
	 * demo numbers by api(). */
	{
		static const char *const lists[] = { "/mentor/call/",
		    "/mentor/message/", "/mentor/event/", "/mentor/task/",
		    "/mentor/schedule/" };
		const int64_t	ids[] = { call, msg, 0, task, sc };

		for (size_t i = 0; i < 5; i++) {
			int64_t	 n;
			cJSON	*all = list_all(&p, lists[i], 0, &n);

			cr_assert_geq(n, 1);
			for (const cJSON *o = all->child; o != NULL;
			    o = o->next) {
				if (i == 0)
					check_call(o, &p);
				else if (i == 1)
					check_message(o, &p);
				else if (i == 2)
					check_event(o, &p);
				else if (i == 3)
					check_task(o, &p);
				else
					check_schedule(o, &p);
			}
			if (ids[i] != 0) {
				char	url[64];

				snprintf(url, sizeof(url), "%s%lld/", lists[i],
				    (long long)ids[i]);
				as_mentor(&p, "GET", url, NULL, &r);
				expect_status(&r, 200);
				resp_free(&r);
			}
			cJSON_Delete(all);
		}
	}
}
