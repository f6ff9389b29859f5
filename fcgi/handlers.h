/*
 * Route handlers, one group per API area (one api_*.c file each), as
 * fcgi/routes.def lists them.  A handler validates its input (the
 * validate_*() functions of fcgi/validate.h), calls one function of lib/
 * and answers: the result rendered (fcgi/render.h), or the outcome
 * through respond_outcome().
 */
#ifndef MT_HANDLERS_H
#define MT_HANDLERS_H

#include "fcgi/http.h"

#define ROUTE(method, pattern, handler, access, flags) \
	void	handler(struct request *r);
#include "fcgi/routes.def"
#undef ROUTE

#endif
