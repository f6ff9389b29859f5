/*
 * Requests from FastCGI parameters: method, path and query, body length,
 * scheme; Basic Authorization headers; query string parameters.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/arena.h"
#include "fcgi/http.h"

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

TestSuite(request, .init = setup, .fini = teardown);

/* ---- request_from_params ---- */

Test(request, get_with_query)
{
	char		*p[] = {
		"REQUEST_METHOD=GET",
		"REQUEST_URI=/auth/me?a=1&b=2",
		"DOCUMENT_URI=/auth/me",
		"HTTP_AUTHORIZATION=Basic dXNlcjpwYXNz",
		"REQUEST_ID=4f1c",
		"REMOTE_ADDR=192.0.2.7",
		"HTTP_HOST=mt.example",
		"HTTPS=on",
		NULL
	};
	struct request	r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_eq(r.method, HTTP_GET);
	cr_assert_str_eq(r.method_name, "GET");
	cr_assert_str_eq(r.path, "/auth/me");
	cr_assert_str_eq(r.query, "a=1&b=2");
	cr_assert_str_eq(r.authorization, "Basic dXNlcjpwYXNz");
	cr_assert_str_eq(r.request_id, "4f1c");
	cr_assert_str_eq(r.remote_addr, "192.0.2.7");
	cr_assert_str_eq(r.host, "mt.example");
	cr_assert_str_eq(r.scheme, "https");
	cr_assert_eq(r.content_length, 0);
	cr_assert_null(r.content_type);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(r.arena, &a);
	cr_assert_not(r.authenticated);
}

Test(request, post_with_body_headers)
{
	char		*p[] = {
		"REQUEST_METHOD=POST",
		"REQUEST_URI=/auth/password",
		"CONTENT_TYPE=application/json; charset=utf-8",
		"CONTENT_LENGTH=57",
		NULL
	};
	struct request	r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_eq(r.method, HTTP_POST);
	cr_assert_str_eq(r.path, "/auth/password");
	cr_assert_str_eq(r.query, "");
	cr_assert_str_eq(r.content_type, "application/json; charset=utf-8");
	cr_assert_eq(r.content_length, 57);
	cr_assert_null(r.authorization);
	cr_assert_null(r.request_id);
	cr_assert_str_eq(r.remote_addr, "-");
	cr_assert_str_eq(r.scheme, "http");
}

Test(request, every_method)
{
	char		 m[32];
	char		*p[] = { m, "REQUEST_URI=/", NULL };
	struct request	 r;

	for (int i = 0; i < HTTP_METHOD__MAX; i++) {
		snprintf(m, sizeof(m), "REQUEST_METHOD=%s",
		    http_method_names[i]);
		cr_assert_eq(request_from_params(&r, &a, p), 0, "%s", m);
		cr_assert_eq(r.method, (enum http_method)i);
	}
}

Test(request, unknown_method_is_405)
{
	static const char	*bad[] = {
		"REQUEST_METHOD=BREW", "REQUEST_METHOD=get",
		"REQUEST_METHOD=", "REQUEST_METHOD=GETX",
	};
	char			 m[32];
	char			*p[] = { m, "REQUEST_URI=/healthz", NULL };
	char			*none[] = { "REQUEST_URI=/healthz", NULL };
	struct request		 r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(m, sizeof(m), "%s", bad[i]);
		cr_assert_eq(request_from_params(&r, &a, p), -1, "%s", m);
		cr_assert_eq(r.status, 405);
		cr_assert_str_eq(r.path, "/healthz");
	}
	cr_assert_eq(request_from_params(&r, &a, none), -1);
	cr_assert_eq(r.status, 405);
	cr_assert_str_eq(r.method_name, "");
}

Test(request, bad_content_length_is_400)
{
	static const char	*bad[] = {
		"abc", "-1", "+5", " 5", "5 ", "12abc", "0x10",
		"99999999999999999999999", "18446744073709551615",
	};
	char			 cl[64];
	char			*p[] = { "REQUEST_METHOD=POST",
				    "REQUEST_URI=/auth/password", cl, NULL };
	struct request		 r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%s", bad[i]);
		cr_assert_eq(request_from_params(&r, &a, p), -1, "%s", cl);
		cr_assert_eq(r.status, 400, "%s", cl);
	}
}

Test(request, empty_content_length_is_zero)
{
	char		*p[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/",
			    "CONTENT_LENGTH=", "CONTENT_TYPE=", NULL };
	struct request	 r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_eq(r.content_length, 0);
	cr_assert_null(r.content_type);
}

Test(request, path_from_document_uri_when_request_uri_is_unusable)
{
	char		*p1[] = { "REQUEST_METHOD=GET",
			    "DOCUMENT_URI=/healthz", NULL };
	char		*p2[] = { "REQUEST_METHOD=GET",
			    "REQUEST_URI=http://evil/x",
			    "DOCUMENT_URI=/healthz", NULL };
	char		*p3[] = { "REQUEST_METHOD=GET", NULL };
	struct request	 r;

	cr_assert_eq(request_from_params(&r, &a, p1), 0);
	cr_assert_str_eq(r.path, "/healthz");
	cr_assert_eq(request_from_params(&r, &a, p2), 0);
	cr_assert_str_eq(r.path, "/healthz");
	cr_assert_eq(request_from_params(&r, &a, p3), 0);
	cr_assert_str_eq(r.path, "/");
	cr_assert_str_eq(r.query, "");
}

Test(request, query_split_edge_cases)
{
	char		*p1[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/x?",
			    NULL };
	char		*p2[] = { "REQUEST_METHOD=GET",
			    "REQUEST_URI=/x?a=1?b=2", NULL };
	struct request	 r;

	cr_assert_eq(request_from_params(&r, &a, p1), 0);
	cr_assert_str_eq(r.path, "/x");
	cr_assert_str_eq(r.query, "");
	cr_assert_eq(request_from_params(&r, &a, p2), 0);
	cr_assert_str_eq(r.path, "/x");
	cr_assert_str_eq(r.query, "a=1?b=2");
}

Test(request, https_scheme)
{
	char		 h[32];
	char		*p[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", h,
			    NULL };
	struct request	 r;

	snprintf(h, sizeof(h), "HTTPS=on");
	request_from_params(&r, &a, p);
	cr_assert_str_eq(r.scheme, "https");
	snprintf(h, sizeof(h), "HTTPS=ON");
	request_from_params(&r, &a, p);
	cr_assert_str_eq(r.scheme, "https");
	snprintf(h, sizeof(h), "HTTPS=");
	request_from_params(&r, &a, p);
	cr_assert_str_eq(r.scheme, "http");
	snprintf(h, sizeof(h), "HTTPS=off");
	request_from_params(&r, &a, p);
	cr_assert_str_eq(r.scheme, "http");
	snprintf(h, sizeof(h), "HTTPSX=on");
	request_from_params(&r, &a, p);
	cr_assert_str_eq(r.scheme, "http");
}

Test(request, parameter_names_match_exactly)
{
	char		*p[] = {
		"HTTP_HOST_EXTRA=evil",
		"HTTP_HOSTS=evil",
		"HTTP_HOST=good",
		"REQUEST_METHODS=DELETE",
		"REQUEST_METHOD=GET",
		"REQUEST_URI=/",
		NULL
	};
	struct request	r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_str_eq(r.host, "good");
	cr_assert_eq(r.method, HTTP_GET);
}

Test(request, value_may_contain_equals)
{
	char		*p[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/?x=1",
			    "HTTP_AUTHORIZATION=Basic Og==", NULL };
	struct request	 r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_str_eq(r.authorization, "Basic Og==");
}

Test(request, full_arena_is_not_a_success)
{
	char		*p[] = { "REQUEST_METHOD=GET",
			    "REQUEST_URI=/healthz?x=1", NULL };
	struct arena	 tiny;
	struct request	 r;

	/* Nothing fits in a one-byte arena. */
	arena_init(&tiny, 1);
	cr_assert_eq(request_from_params(&r, &tiny, p), -1);
	cr_assert_eq(r.status, 500);
	arena_release(&tiny);
}

/* ---- request_parse_basic ---- */

static int
basic(const char *header, const char **user, const char **pass,
    const char **why)
{
	*user = *pass = NULL;
	*why = "untouched";
	return request_parse_basic(&a, header, user, pass, why);
}

Test(request, basic_valid)
{
	const char	*u, *p, *why;

	cr_assert_eq(basic("Basic dXNlcjpwYXNz", &u, &p, &why), 1);
	cr_assert_str_eq(u, "user");
	cr_assert_str_eq(p, "pass");
	cr_assert_null(why);
}

Test(request, basic_scheme_is_case_insensitive_and_spacing_lenient)
{
	const char	*u, *p, *why;

	cr_assert_eq(basic("basic dXNlcjpwYXNz", &u, &p, &why), 1);
	cr_assert_str_eq(u, "user");
	cr_assert_eq(basic("BASIC   dXNlcjpwYXNz  ", &u, &p, &why), 1);
	cr_assert_str_eq(p, "pass");
}

Test(request, basic_password_keeps_its_colons)
{
	const char	*u, *p, *why;

	/* "user:pa:ss" */
	cr_assert_eq(basic("Basic dXNlcjpwYTpzcw==", &u, &p, &why), 1);
	cr_assert_str_eq(u, "user");
	cr_assert_str_eq(p, "pa:ss");
}

Test(request, basic_empty_user_and_password)
{
	const char	*u, *p, *why;

	/* ":" */
	cr_assert_eq(basic("Basic Og==", &u, &p, &why), 1);
	cr_assert_str_eq(u, "");
	cr_assert_str_eq(p, "");
}

Test(request, basic_utf8)
{
	const char	*u, *p, *why;

	/* "jos\xc3\xa9:pw" */
	cr_assert_eq(basic("Basic am9zw6k6cHc=", &u, &p, &why), 1);
	cr_assert_str_eq(u, "jos\xc3\xa9");
	cr_assert_str_eq(p, "pw");
}

Test(request, other_schemes_are_not_basic)
{
	const char	*u, *p, *why;

	cr_assert_eq(basic("Bearer abc.def", &u, &p, &why), 0);
	cr_assert_eq(basic("Token dXNlcjpwYXNz", &u, &p, &why), 0);
	cr_assert_eq(basic("BasicdXNlcjpwYXNz", &u, &p, &why), 0);
	cr_assert_eq(basic("Bas", &u, &p, &why), 0);
	cr_assert_eq(basic("", &u, &p, &why), 0);
	cr_assert_null(u);
	cr_assert_null(p);
}

Test(request, basic_without_credentials)
{
	const char	*u, *p, *why;

	cr_assert_eq(basic("Basic", &u, &p, &why), -1);
	cr_assert_str_eq(why, "Invalid basic header. No credentials provided.");
	cr_assert_eq(basic("Basic    ", &u, &p, &why), -1);
	cr_assert_str_eq(why, "Invalid basic header. No credentials provided.");
}

Test(request, basic_with_spaces)
{
	const char	*u, *p, *why;

	cr_assert_eq(basic("Basic dXNlcjpw YXNz", &u, &p, &why), -1);
	cr_assert_str_eq(why, "Invalid basic header. Credentials string "
	    "should not contain spaces.");
}

Test(request, basic_malformed)
{
	static const char	*bad[] = {
		"Basic !!!!",			/* not base64 */
		"Basic dXNlcjpwYXN",		/* length not a multiple of 4 */
		"Basic dXNlcjpwYXNz=",		/* stray padding */
		"Basic dX=lcjpwYXNz",		/* padding in the middle */
		"Basic dXNlcjpwYXNz====",	/* a quad of padding */
		"Basic ====",
		"Basic dXNlcnBhc3M=",		/* "userpass": no colon */
		"Basic dXMAZXI6cGFzcw==",	/* "us\0er:pass" */
		"Basic dXNlcjpw\tYXNz",		/* tab */
	};
	const char		*u, *p, *why;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(basic(bad[i], &u, &p, &why), -1, "accepted %s",
		    bad[i]);
		cr_assert_str_eq(why, "Invalid basic header. Credentials not "
		    "correctly base64 encoded.", "%s", bad[i]);
	}
}

Test(request, basic_overlong_header)
{
	char		 h[8200];
	const char	*u, *p, *why;

	memcpy(h, "Basic ", 6);
	memset(h + 6, 'A', 8188);
	h[8194] = '\0';
	cr_assert_eq(basic(h, &u, &p, &why), -1);
	cr_assert_not_null(why);
}

/* ---- request_query ---- */

static const char *
query(const char *qs, const char *name)
{
	struct request	r;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	r.query = qs;
	return request_query(&r, name);
}

Test(request, query_values)
{
	const char	*qs = "a=1&b=hello+world&c=%41%62%2B&d=&e&f=x%3D1%26y";

	cr_assert_str_eq(query(qs, "a"), "1");
	cr_assert_str_eq(query(qs, "b"), "hello world");
	cr_assert_str_eq(query(qs, "c"), "Ab+");
	cr_assert_str_eq(query(qs, "d"), "");
	cr_assert_str_eq(query(qs, "e"), "");
	cr_assert_str_eq(query(qs, "f"), "x=1&y");
}

Test(request, query_missing_parameter_is_null)
{
	cr_assert_null(query("a=1&b=2", "c"));
	cr_assert_null(query("", "a"));
	cr_assert_null(query("ab=1&ba=2", "a"));
	cr_assert_null(query("a=1", "A"));
}

Test(request, query_names_match_exactly)
{
	cr_assert_str_eq(query("ab=1&a=2", "a"), "2");
	cr_assert_str_eq(query("a=2&ab=1", "ab"), "1");
	cr_assert_str_eq(query("a=first&a=second", "a"), "first");
}

Test(request, query_percent_at_the_end)
{
	cr_assert_str_eq(query("q=%41", "q"), "A");
	cr_assert_str_eq(query("q=50%", "q"), "50%");
	cr_assert_str_eq(query("q=%4", "q"), "%4");
	cr_assert_str_eq(query("q=%zz%", "q"), "%zz%");
	cr_assert_str_eq(query("q=%c3%A9", "q"), "\xc3\xa9");
}

Test(request, query_rejects_encoded_nul)
{
	cr_assert_null(query("q=ab%00cd", "q"));
}

Test(request, query_from_a_parsed_request)
{
	char		*p[] = { "REQUEST_METHOD=GET",
			    "REQUEST_URI=/search?name=Th%C3%A9o+N&page=2",
			    NULL };
	struct request	 r;

	cr_assert_eq(request_from_params(&r, &a, p), 0);
	cr_assert_str_eq(request_query(&r, "name"), "Th\xc3\xa9o N");
	cr_assert_str_eq(request_query(&r, "page"), "2");
	cr_assert_null(request_query(&r, "size"));
}
