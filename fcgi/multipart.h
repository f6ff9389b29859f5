/*
 * multipart/form-data bodies (RFC 7578), as the Android app (React
 * Native) and the console send a picture: the boundary from the
 * Content-Type, then parts with Content-Disposition names.  A pure
 * function of its input, for unit tests and fuzzing.
 */
#ifndef MT_MULTIPART_H
#define MT_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct multipart_part {
	const char	*name;		/* in the arena */
	const char	*filename;	/* NULL when none */
	const char	*content_type;	/* NULL when none */
	const char	*data;		/* into the body */
	size_t		 len;
};

/* Whether content_type is multipart/form-data (with any parameters). */
bool	multipart_is_form(const char *content_type);
/*
 * The part called name of body (len bytes) whose Content-Type header is
 * content_type: 1 found (*out), 0 none of that name, -1 malformed (no
 * boundary, no closing delimiter, a part without a name) with *why.
 */
int	multipart_find(struct arena *a, const char *content_type,
	    const char *body, size_t len, const char *name,
	    struct multipart_part *out, const char **why);

#endif
