/*
 * The route table: matching with and without a trailing slash, HEAD
 * answered by GET, 404 versus 405 with an Allow header.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/arena.h"
#include "fcgi/handlers.h"
#include "fcgi/router.h"

#define BIT(m)	(1u << (m))

static struct arena	a;
static int64_t		ids[REQUEST_MAX_IDS];
static size_t		nids;
static unsigned		allowed;

static void
setup(void)
{
	arena_init(&a, 0);
	nids = 99;
	allowed = 12345;
}

static void
teardown(void)
{
	arena_release(&a);
}

TestSuite(router, .init = setup, .fini = teardown);

static const struct route *
match(enum http_method m, const char *path)
{
	return router_match(m, path, ids, &nids, &allowed);
}

Test(router, healthz_with_and_without_trailing_slash)
{
	const struct route	*rt;

	cr_assert_not_null(rt = match(HTTP_GET, "/healthz"));
	cr_assert_eq(rt->handler, handle_healthz);
	cr_assert_eq(rt->access, ACCESS_PUBLIC);
	cr_assert_eq(nids, 0);
	nids = 99;
	cr_assert_not_null(rt = match(HTTP_GET, "/healthz/"));
	cr_assert_eq(rt->handler, handle_healthz);
	cr_assert_eq(nids, 0);
}

Test(router, head_is_answered_by_get)
{
	const struct route	*rt;

	cr_assert_not_null(rt = match(HTTP_HEAD, "/healthz"));
	cr_assert_eq(rt->handler, handle_healthz);
	cr_assert_eq(rt->method, HTTP_GET);
	cr_assert_not_null(rt = match(HTTP_HEAD, "/auth/me/"));
	cr_assert_eq(rt->handler, handle_auth_me);
}

Test(router, auth_routes_need_a_user)
{
	const struct route	*rt;

	cr_assert_not_null(rt = match(HTTP_GET, "/auth/me"));
	cr_assert_eq(rt->handler, handle_auth_me);
	cr_assert_eq(rt->access, ACCESS_USER);
	cr_assert_not_null(rt = match(HTTP_POST, "/auth/password/"));
	cr_assert_eq(rt->handler, handle_auth_password);
	cr_assert_eq(rt->access, ACCESS_USER);
}

Test(router, unknown_path_is_not_found)
{
	static const char	*paths[] = {
		"/nope", "/", "", "/healthz//", "/healthzz", "/health",
		"/HEALTHZ", "//healthz", "/healthz/x", "/auth", "/auth/me/x",
		"/healthz?x=1", "healthz",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		allowed = 12345;
		cr_assert_null(match(HTTP_GET, paths[i]), "matched %s",
		    paths[i]);
		cr_assert_eq(allowed, 0, "%s: allowed %#x", paths[i], allowed);
	}
}

Test(router, wrong_method_gives_the_allowed_ones)
{
	cr_assert_null(match(HTTP_POST, "/healthz"));
	cr_assert_eq(allowed, BIT(HTTP_GET) | BIT(HTTP_HEAD));
	cr_assert_str_eq(router_allow_header(&a, allowed), "GET, HEAD");

	cr_assert_null(match(HTTP_DELETE, "/healthz/"));
	cr_assert_eq(allowed, BIT(HTTP_GET) | BIT(HTTP_HEAD));

	cr_assert_null(match(HTTP_GET, "/auth/password"));
	cr_assert_eq(allowed, BIT(HTTP_POST));
	cr_assert_str_eq(router_allow_header(&a, allowed), "POST");

	cr_assert_null(match(HTTP_HEAD, "/auth/password"));
	cr_assert_eq(allowed, BIT(HTTP_POST));

	cr_assert_null(match(HTTP_PUT, "/auth/me"));
	cr_assert_str_eq(router_allow_header(&a, allowed), "GET, HEAD");
}

Test(router, allow_header_text)
{
	cr_assert_str_eq(router_allow_header(&a, 0), "");
	cr_assert_str_eq(router_allow_header(&a, BIT(HTTP_DELETE)), "DELETE");
	cr_assert_str_eq(router_allow_header(&a, BIT(HTTP_PATCH) |
	    BIT(HTTP_GET) | BIT(HTTP_PUT)), "GET, PUT, PATCH");
	cr_assert_str_eq(router_allow_header(&a, (1u << HTTP_METHOD__MAX) - 1),
	    "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
}

Test(router, table_is_well_formed)
{
	cr_assert_gt(nroutes, 0);
	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];
		size_t			 len = strlen(r->pattern);

		cr_assert_not_null(r->handler, "%s", r->pattern);
		cr_assert_eq(r->pattern[0], '/', "%s", r->pattern);
		cr_assert_neq(r->pattern[len - 1], '/',
		    "%s: the trailing slash is implied", r->pattern);
		cr_assert_neq(r->method, HTTP_HEAD, "%s: HEAD comes from GET",
		    r->pattern);
		cr_assert_lt(r->method, HTTP_METHOD__MAX);
		cr_assert_lt(r->access, ACCESS__MAX);
		for (size_t j = 0; j < i; j++)
			cr_assert(routes[j].method != r->method ||
			    strcmp(routes[j].pattern, r->pattern) != 0,
			    "duplicate route %s %s",
			    http_method_names[r->method], r->pattern);
	}
}

Test(router, every_route_matches_itself)
{
	char	path[256];

	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];
		const char		*p;
		char			*o = path;

		/* Put an id wherever the pattern wants one. */
		for (p = r->pattern; *p != '\0'; ) {
			if (strncmp(p, "{id}", 4) == 0) {
				*o++ = '7';
				p += 4;
			} else
				*o++ = *p++;
		}
		*o = '\0';
		cr_assert_eq(match(r->method, path), r, "%s", path);
		o[0] = '/';
		o[1] = '\0';
		cr_assert_eq(match(r->method, path), r, "%s", path);
	}
}

/*
 * Writes r's pattern into path with id for every "{id}"; returns the
 * number of ids.
 */
static size_t
route_path(const struct route *r, const char *id, char *path, size_t sz)
{
	const char	*p = r->pattern;
	size_t		 len = 0, n = 0;

	path[0] = '\0';
	while (*p != '\0') {
		if (strncmp(p, "{id}", 4) == 0) {
			len += (size_t)snprintf(path + len, sz - len, "%s", id);
			p += 4;
			n++;
		} else
			len += (size_t)snprintf(path + len, sz - len, "%c", *p++);
		cr_assert_lt(len, sz);
	}
	return n;
}

Test(router, id_segments_are_captured)
{
	char	path[256];
	size_t	n;

	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];

		if ((n = route_path(r, "42", path, sizeof(path))) == 0)
			continue;
		cr_assert_eq(match(r->method, path), r, "%s", path);
		cr_assert_eq(nids, n);
		for (size_t j = 0; j < n; j++)
			cr_assert_eq(ids[j], 42);
		route_path(r, "000000000000000009", path, sizeof(path));
		cr_assert_eq(match(r->method, path), r, "%s", path);
		cr_assert_eq(ids[0], 9);
		route_path(r, "999999999999999999", path, sizeof(path));
		cr_assert_eq(match(r->method, path), r, "%s", path);
		cr_assert_eq(ids[0], INT64_C(999999999999999999));
	}
}

Test(router, bad_ids_do_not_match)
{
	static const char	*bad[] = {
		"0", "-1", "+1", "abc", "1a", "1.0", "", " 1", "%31",
		"1234567890123456789",	/* 19 digits */
	};
	char			 path[256];

	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];

		for (size_t j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
			if (route_path(r, bad[j], path, sizeof(path)) == 0)
				break;
			cr_assert_neq(match(r->method, path), r, "%s matched",
			    path);
		}
	}
}

Test(router, media_paths_take_the_rest_of_the_path)
{
	const struct route	*rt;

	cr_assert_not_null(rt = match(HTTP_GET, "/media/profile/ab.png"));
	cr_assert_eq(rt->handler, handle_media_get);
	cr_assert_eq(rt->access, ACCESS_PUBLIC);
	cr_assert_null(match(HTTP_GET, "/media/"));
	cr_assert_null(match(HTTP_GET, "/media"));
	cr_assert_null(match(HTTP_PUT, "/media/profile/ab.png"));
	cr_assert_eq(allowed, (1u << HTTP_GET) | (1u << HTTP_HEAD));
}

Test(router, picture_uploads_are_raw_with_their_own_limit)
{
	const struct route	*rt;

	cr_assert_not_null(rt = match(HTTP_PUT, "/v2/mentor/profile/7/image/"));
	cr_assert_eq(rt->handler, handle_app_profile_image);
	cr_assert_eq(rt->flags & ROUTE_UPLOAD, ROUTE_UPLOAD);
	cr_assert_eq(ids[0], 7);
	cr_assert_not_null(rt = match(HTTP_PUT, "/v2/mentor/profile/7/"));
	cr_assert_eq(rt->flags & ROUTE_UPLOAD, 0);
}
