/*
 * The API reference, docs/api/openapi.json, against the route table: every
 * route is described and every described operation is a route, with the
 * same access, at least one response, HTTP Basic or session cookie
 * security (none for public routes) and an integer "id" path parameter
 * where the pattern has {id}.
 * Adding a route without documenting it, or documenting one that does not
 * exist, fails here with the route's name.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <criterion/criterion.h>

#include "fcgi/http.h"
#include "fcgi/router.h"

#ifndef TEST_SRCDIR
#error "TEST_SRCDIR (the source tree) must be defined"
#endif

#define OPENAPI_PATH	TEST_SRCDIR "/docs/api/openapi.json"
#define OPENAPI_MAX	(4 * 1024 * 1024)
#define METHOD_MAX	16

/* x-access of each enum route_access. */
static const char *const access_names[ACCESS__MAX] = {
	"public", "user", "superuser", "mentor", "comms"
};

/* The operation keys of an OpenAPI path item. */
static const char *const oas_methods[] = {
	"get", "put", "post", "delete", "options", "head", "patch", "trace"
};

static cJSON	*doc;

static void
load(void)
{
	FILE	*f;
	char	*text;
	size_t	 n;

	cr_assert_not_null(f = fopen(OPENAPI_PATH, "rb"),
	    "cannot open %s", OPENAPI_PATH);
	cr_assert_not_null(text = malloc(OPENAPI_MAX));
	n = fread(text, 1, OPENAPI_MAX, f);
	cr_assert(ferror(f) == 0, "cannot read %s", OPENAPI_PATH);
	cr_assert(n < OPENAPI_MAX, "%s is over %d bytes", OPENAPI_PATH,
	    OPENAPI_MAX);
	fclose(f);
	doc = cJSON_ParseWithLength(text, n);
	cr_assert_not_null(doc, "%s is not valid JSON (near \"%.40s\")",
	    OPENAPI_PATH, cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "");
	free(text);
}

static void
unload(void)
{
	cJSON_Delete(doc);
	doc = NULL;
}

TestSuite(openapi, .init = load, .fini = unload);

/* "get" for HTTP_GET, in out. */
static const char *
method_key(enum http_method m, char out[METHOD_MAX])
{
	const char	*name = http_method_names[m];
	size_t		 i;

	for (i = 0; name[i] != '\0' && i < METHOD_MAX - 1; i++)
		out[i] = (char)tolower((unsigned char)name[i]);
	out[i] = '\0';
	return out;
}

/* "GET" for "get", in out. */
static const char *
upper(const char *s, char out[METHOD_MAX])
{
	size_t	i;

	for (i = 0; s[i] != '\0' && i < METHOD_MAX - 1; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = '\0';
	return out;
}

static const cJSON *
paths(void)
{
	const cJSON	*p = cJSON_GetObjectItemCaseSensitive(doc, "paths");

	cr_assert(cJSON_IsObject(p), "%s has no \"paths\" object",
	    OPENAPI_PATH);
	return p;
}

/* The operation of route r in the document, or NULL. */
static const cJSON *
operation_of(const struct route *r)
{
	const cJSON	*item;
	char		 key[METHOD_MAX];

	item = cJSON_GetObjectItemCaseSensitive(paths(), r->pattern);
	if (!cJSON_IsObject(item))
		return NULL;
	item = cJSON_GetObjectItemCaseSensitive(item,
	    method_key(r->method, key));
	return cJSON_IsObject(item) ? item : NULL;
}

static bool
is_oas_method(const char *key)
{
	for (size_t i = 0; i < sizeof(oas_methods) / sizeof(oas_methods[0]);
	    i++)
		if (strcmp(key, oas_methods[i]) == 0)
			return true;
	return false;
}

/* Resolves a local "$ref" ("#/components/..."), once or more. */
static const cJSON *
resolve(const cJSON *node)
{
	for (int depth = 0; depth < 8 && cJSON_IsObject(node); depth++) {
		const cJSON	*ref;
		const char	*p;
		char		 seg[128];

		ref = cJSON_GetObjectItemCaseSensitive(node, "$ref");
		if (!cJSON_IsString(ref))
			return node;
		cr_assert(strncmp(ref->valuestring, "#/", 2) == 0,
		    "unsupported $ref \"%s\"", ref->valuestring);
		node = doc;
		for (p = ref->valuestring + 2; node != NULL && *p != '\0';) {
			size_t	len = strcspn(p, "/");

			cr_assert_lt(len, sizeof(seg), "$ref \"%s\" too long",
			    ref->valuestring);
			memcpy(seg, p, len);
			seg[len] = '\0';
			node = cJSON_GetObjectItemCaseSensitive(node, seg);
			p += len + (p[len] == '/');
		}
		cr_assert_not_null(node, "dangling $ref \"%s\"",
		    ref->valuestring);
	}
	return node;
}

Test(openapi, is_openapi_3_0)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(doc, "openapi");

	cr_assert(cJSON_IsString(v) && strncmp(v->valuestring, "3.0.", 4) == 0,
	    "\"openapi\" should be 3.0.x");
	cr_assert(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc,
	    "info")), "no \"info\"");
}

Test(openapi, every_route_is_described)
{
	char	key[METHOD_MAX];

	cr_assert_gt(nroutes, 0);
	for (size_t i = 0; i < nroutes; i++)
		cr_expect_not_null(operation_of(&routes[i]),
		    "route %s %s is not described in docs/api/openapi.json "
		    "(paths[\"%s\"].%s)", http_method_names[routes[i].method],
		    routes[i].pattern, routes[i].pattern,
		    method_key(routes[i].method, key));
}

Test(openapi, every_operation_is_a_route)
{
	const cJSON	*item, *op;
	char		 key[METHOD_MAX];
	size_t		 nops = 0;

	cJSON_ArrayForEach(item, paths()) {
		cJSON_ArrayForEach(op, item) {
			bool	found = false;

			if (!is_oas_method(op->string))
				continue;
			nops++;
			for (size_t i = 0; i < nroutes && !found; i++)
				found = strcmp(routes[i].pattern,
				    item->string) == 0 && strcmp(method_key(
				    routes[i].method, key), op->string) == 0;
			cr_expect(found, "docs/api/openapi.json describes "
			    "%s %s, which routes[] in fcgi/router.c does not "
			    "have", upper(op->string, key), item->string);
		}
	}
	cr_expect_eq(nops, nroutes, "%zu operations described for %zu "
	    "routes", nops, nroutes);
}

Test(openapi, operations_have_responses)
{
	for (size_t i = 0; i < nroutes; i++) {
		const cJSON	*op = operation_of(&routes[i]), *resp;

		if (op == NULL)
			continue;	/* every_route_is_described says so */
		resp = cJSON_GetObjectItemCaseSensitive(op, "responses");
		cr_expect(cJSON_IsObject(resp) &&
		    cJSON_GetArraySize(resp) > 0,
		    "%s %s has no responses", http_method_names[
		    routes[i].method], routes[i].pattern);
	}
}

/* The console's scheme: an API key in the cookie the server sets. */
static bool
is_session_cookie(const cJSON *scheme)
{
	const cJSON	*type, *in, *name;

	type = cJSON_GetObjectItemCaseSensitive(scheme, "type");
	in = cJSON_GetObjectItemCaseSensitive(scheme, "in");
	name = cJSON_GetObjectItemCaseSensitive(scheme, "name");
	return cJSON_IsString(type) && strcmp(type->valuestring, "apiKey") == 0 &&
	    cJSON_IsString(in) && strcmp(in->valuestring, "cookie") == 0 &&
	    cJSON_IsString(name) && strcmp(name->valuestring, "mt_session") == 0;
}

/*
 * Public routes declare "security": [] (no credentials); the others HTTP
 * Basic or the session cookie, their own requirement or the document's.
 */
Test(openapi, operations_have_security)
{
	const cJSON	*global, *schemes;

	global = cJSON_GetObjectItemCaseSensitive(doc, "security");
	schemes = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(doc, "components"),
	    "securitySchemes");
	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];
		const cJSON		*op = operation_of(r), *sec, *req;
		const char		*m = http_method_names[r->method];

		if (op == NULL)
			continue;
		sec = cJSON_GetObjectItemCaseSensitive(op, "security");
		if (sec == NULL)
			sec = global;
		if (r->access == ACCESS_PUBLIC) {
			cr_expect(sec == NULL || (cJSON_IsArray(sec) &&
			    cJSON_GetArraySize(sec) == 0), "%s %s is public "
			    "but the reference asks for credentials", m,
			    r->pattern);
			continue;
		}
		cr_expect(cJSON_IsArray(sec) && cJSON_GetArraySize(sec) > 0,
		    "%s %s has no security requirement", m, r->pattern);
		cJSON_ArrayForEach(req, sec) {
			const cJSON	*name = req->child, *scheme, *v;

			cr_expect_not_null(name, "%s %s: empty security "
			    "requirement", m, r->pattern);
			if (name == NULL)
				continue;
			scheme = resolve(cJSON_GetObjectItemCaseSensitive(
			    schemes, name->string));
			v = cJSON_GetObjectItemCaseSensitive(scheme, "scheme");
			cr_expect((cJSON_IsString(v) &&
			    strcmp(v->valuestring, "basic") == 0) ||
			    is_session_cookie(scheme),
			    "%s %s: security scheme \"%s\" is neither HTTP "
			    "Basic nor the session cookie", m, r->pattern,
			    name->string);
		}
	}
}

Test(openapi, access_matches_the_route)
{
	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];
		const cJSON		*op = operation_of(r), *x;

		if (op == NULL)
			continue;
		x = cJSON_GetObjectItemCaseSensitive(op, "x-access");
		cr_expect(cJSON_IsString(x) && strcmp(x->valuestring,
		    access_names[r->access]) == 0, "%s %s: x-access should be "
		    "\"%s\"", http_method_names[r->method], r->pattern,
		    access_names[r->access]);
	}
}

/* Is there an "id" path parameter of type integer in params? */
static bool
has_id_parameter(const cJSON *params)
{
	const cJSON	*p;

	cJSON_ArrayForEach(p, params) {
		const cJSON	*q = resolve(p), *name, *in, *schema, *type;

		name = cJSON_GetObjectItemCaseSensitive(q, "name");
		in = cJSON_GetObjectItemCaseSensitive(q, "in");
		schema = resolve(cJSON_GetObjectItemCaseSensitive(q, "schema"));
		type = cJSON_GetObjectItemCaseSensitive(schema, "type");
		if (cJSON_IsString(name) && strcmp(name->valuestring, "id") == 0 &&
		    cJSON_IsString(in) && strcmp(in->valuestring, "path") == 0 &&
		    cJSON_IsString(type) &&
		    strcmp(type->valuestring, "integer") == 0)
			return true;
	}
	return false;
}

Test(openapi, id_is_an_integer_path_parameter)
{
	for (size_t i = 0; i < nroutes; i++) {
		const struct route	*r = &routes[i];
		const cJSON		*op = operation_of(r), *item;

		if (op == NULL || strstr(r->pattern, "{id}") == NULL)
			continue;
		item = cJSON_GetObjectItemCaseSensitive(paths(), r->pattern);
		cr_expect(has_id_parameter(cJSON_GetObjectItemCaseSensitive(
		    item, "parameters")) || has_id_parameter(
		    cJSON_GetObjectItemCaseSensitive(op, "parameters")),
		    "%s %s: no integer path parameter \"id\"",
		    http_method_names[r->method], r->pattern);
	}
}
