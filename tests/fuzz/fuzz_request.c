/*
 * What libfcgi hands a worker: FastCGI parameters ("NAME=value", one per
 * line of the input here) into a struct request, then the Basic Auth
 * header and query parameters the handlers read from it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "fcgi/http.h"
#include "fuzz.h"

#define PARAMS_MAX	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*text = fuzz_cstring(data, size), *params[PARAMS_MAX + 1];
	char		*line, *save = NULL;
	const char	*user, *pass, *why;
	struct request	 r;
	struct arena	 a;
	size_t		 n = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL && n < PARAMS_MAX;
	    line = strtok_r(NULL, "\n", &save))
		params[n++] = line;
	params[n] = NULL;
	arena_init(&a, 1 << 20);
	if (request_from_params(&r, &a, params) == 0) {
		if (r.authorization != NULL)
			(void)request_parse_basic(&a, r.authorization, &user,
			    &pass, &why);
		(void)request_query(&r, "page");
		(void)request_query(&r, "page_size");
		(void)request_query(&r, "filter_spec");
		(void)request_query(&r, "email");
	}
	/* The header alone, whatever the parameters were. */
	(void)request_parse_basic(&a, text, &user, &pass, &why);
	arena_release(&a);
	free(text);
	return 0;
}
