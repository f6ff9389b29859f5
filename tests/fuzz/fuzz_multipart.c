/*
 * Picture uploads: a multipart/form-data body as the app and browsers
 * send it (the first line of the input is the Content-Type).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "fcgi/multipart.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t		*nl = memchr(data, '\n', size);
	struct multipart_part	 part;
	struct arena		 a;
	const char		*why;
	char			*type;
	size_t			 tl;

	if (nl == NULL)
		return 0;
	tl = (size_t)(nl - data);
	type = fuzz_cstring(data, tl);
	arena_init(&a, 1 << 20);
	if (multipart_find(&a, type, (const char *)nl + 1, size - tl - 1,
	    "image", &part, &why) == 1 && (part.data < (const char *)nl + 1 ||
	    part.data + part.len > (const char *)data + size))
		abort();	/* a part outside the body */
	arena_release(&a);
	free(type);
	return 0;
}
