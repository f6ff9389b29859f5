#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "fcgi/handlers.h"
#include "fcgi/router.h"

const struct route routes[] = {
#define ROUTE(method, pattern, handler, access, flags) \
	{ method, pattern, handler, access, flags },
#include "fcgi/routes.def"
#undef ROUTE
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

#define ID_MAX_DIGITS	18

/*
 * Matches path against pattern; captures "{id}" segments.  A trailing
 * slash on path is ignored.  A pattern ending in "{path}" takes any
 * non-empty rest (the handler reads it from r->path).  1 on match, 0
 * otherwise.
 */
static int
route_path_match(const char *pattern, const char *path,
    int64_t ids[REQUEST_MAX_IDS], size_t *nids)
{
	const char	*p = pattern, *s = path;
	size_t		 n = 0;

	while (*p != '\0') {
		if (strcmp(p, "{path}") == 0) {
			if (*s == '\0')
				return 0;
			*nids = n;
			return 1;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			const char	*start = s;
			int64_t		 v = 0;

			while (isdigit((unsigned char)*s)) {
				if (s - start == ID_MAX_DIGITS)
					return 0;
				v = v * 10 + (*s - '0');
				s++;
			}
			if (s == start || v == 0 || n == REQUEST_MAX_IDS)
				return 0;
			ids[n++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s == '/' && s[1] == '\0')
		s++;
	if (*s != '\0')
		return 0;
	*nids = n;
	return 1;
}

const struct route *
router_match(enum http_method method, const char *path,
    int64_t ids[REQUEST_MAX_IDS], size_t *nids, unsigned *allowed)
{
	enum http_method	want = method == HTTP_HEAD ? HTTP_GET : method;
	int64_t			tmp[REQUEST_MAX_IDS];
	size_t			ntmp;

	*allowed = 0;
	for (size_t i = 0; i < nroutes; i++) {
		if (!route_path_match(routes[i].pattern, path, tmp, &ntmp))
			continue;
		*allowed |= 1u << routes[i].method;
		if (routes[i].method == HTTP_GET)
			*allowed |= 1u << HTTP_HEAD;
		if (routes[i].method == want) {
			memcpy(ids, tmp, sizeof(tmp[0]) * ntmp);
			*nids = ntmp;
			return &routes[i];
		}
	}
	return NULL;
}

const char *
router_allow_header(struct arena *a, unsigned allowed)
{
	struct buf	 b;
	const char	*out;

	buf_init(&b, 256);
	for (int m = 0; m < HTTP_METHOD__MAX; m++)
		if (allowed & (1u << m))
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    http_method_names[m]);
	out = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_release(&b);
	return out;
}
