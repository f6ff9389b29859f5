/*
 * The route table (its lines are in fcgi/routes.def) and the matching of
 * a request's method and path against it.
 */
#ifndef MT_ROUTER_H
#define MT_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "fcgi/http.h"

enum route_access {
	ACCESS_PUBLIC,		/* no credentials needed */
	ACCESS_USER,		/* any active account */
	ACCESS_SUPERUSER,
	ACCESS_MENTOR,
	ACCESS_COMMS,		/* provider accounts and superusers */
	ACCESS__MAX
};

typedef void (*route_handler)(struct request *);

/* The body is not parsed as JSON: the handler reads it raw (webhooks log
 * it first) or ignores it (as the seed's call updates do). */
#define ROUTE_RAW_BODY	(1u << 0)
/* A picture upload (multipart/form-data, read raw): the body may be as
 * large as [media] max_upload_bytes instead of [fcgi] max_body_bytes. */
#define ROUTE_UPLOAD	(1u << 1 | ROUTE_RAW_BODY)

struct route {
	enum http_method	 method;
	const char		*pattern;
	route_handler		 handler;
	enum route_access	 access;
	unsigned		 flags;
};

extern const struct route	routes[];
extern const size_t		nroutes;

/*
 * Finds the route for method and path; captures ids into ids[] (*nids).
 * Returns the route, or NULL: then *allowed is the bitmask (1 << method)
 * of the methods that path has, 0 when the path is unknown.  HEAD is
 * answered by GET routes.
 */
const struct route *router_match(enum http_method method, const char *path,
	    int64_t ids[REQUEST_MAX_IDS], size_t *nids, unsigned *allowed);
/* "GET, HEAD, PUT" for a bitmask, in the arena. */
const char *router_allow_header(struct arena *a, unsigned allowed);

#endif
