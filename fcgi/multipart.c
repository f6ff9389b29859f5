#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fcgi/multipart.h"

#define BOUNDARY_MAX	70	/* RFC 2046 */
#define HEADERS_MAX	8192	/* of one part */

bool
multipart_is_form(const char *ct)
{
	return ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0 &&
	    (ct[19] == '\0' || ct[19] == ';' || ct[19] == ' ');
}

/*
 * The value of parameter name in a header value ("form-data; name=x;
 * filename=\"a b\"", or a Content-Type's boundary), copied into a; NULL
 * when absent or unterminated.
 */
static const char *
header_param(struct arena *a, const char *v, size_t vlen, const char *name)
{
	size_t	 n = strlen(name), i = 0;

	while (i < vlen) {
		size_t	 start, end;
		bool	 quoted;

		/* to the next parameter */
		while (i < vlen && v[i] != ';')
			i++;
		if (i++ >= vlen)
			break;
		while (i < vlen && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (i + n >= vlen || strncasecmp(v + i, name, n) != 0 ||
		    v[i + n] != '=')
			continue;
		i += n + 1;
		quoted = i < vlen && v[i] == '"';
		start = quoted ? ++i : i;
		while (i < vlen && (quoted ? v[i] != '"' : v[i] != ';' &&
		    v[i] != ' ' && v[i] != '\t'))
			i++;
		if (quoted && i >= vlen)
			return NULL;
		end = i;
		return arena_strndup(a, v + start, end - start);
	}
	return NULL;
}

static const char *
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(hay, hlen, needle, nlen);
}

/*
 * Reads the headers of one part at p (up to the empty line): its name,
 * file name and type.  Returns the start of the part's data, or NULL.
 */
static const char *
part_headers(struct arena *a, const char *p, const char *end,
    struct multipart_part *out)
{
	const char	*stop = find(p, (size_t)(end - p), "\r\n\r\n", 4);

	memset(out, 0, sizeof(*out));
	if (stop == NULL || stop - p > HEADERS_MAX)
		return NULL;
	while (p < stop) {
		const char	*eol = find(p, (size_t)(stop - p), "\r\n", 2);
		const char	*colon;
		size_t		 n;

		if (eol == NULL)
			eol = stop;
		n = (size_t)(eol - p);
		if ((colon = memchr(p, ':', n)) != NULL) {
			size_t		 k = (size_t)(colon - p);
			const char	*v = colon + 1;
			size_t		 vlen = (size_t)(eol - v);

			while (vlen > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vlen--;
			}
			if (k == 19 && strncasecmp(p, "Content-Disposition",
			    19) == 0) {
				out->name = header_param(a, v, vlen, "name");
				out->filename = header_param(a, v, vlen,
				    "filename");
			} else if (k == 12 && strncasecmp(p, "Content-Type",
			    12) == 0)
				out->content_type = arena_strndup(a, v, vlen);
		}
		p = eol + 2;
	}
	return stop + 4;
}

int
multipart_find(struct arena *a, const char *content_type, const char *body,
    size_t len, const char *name, struct multipart_part *out,
    const char **why)
{
	const char	*boundary, *p, *end = body + len;
	char		 delim[BOUNDARY_MAX + 5];
	size_t		 dlen;

	memset(out, 0, sizeof(*out));
	if (!multipart_is_form(content_type) ||
	    (boundary = header_param(a, content_type, strlen(content_type),
	    "boundary")) == NULL || *boundary == '\0' ||
	    strlen(boundary) > BOUNDARY_MAX) {
		*why = "The multipart body has no boundary.";
		return -1;
	}
	/* "\r\n--boundary"; the first one may start the body without CRLF. */
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	if (body == NULL) {
		*why = "The multipart body has no part.";
		return -1;
	}
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)) != NULL)
		p += dlen;
	else {
		*why = "The multipart body has no part.";
		return -1;
	}
	for (;;) {
		struct multipart_part	 part;
		const char		*data, *next;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;	/* the closing delimiter: no such part */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			*why = "The multipart body is malformed.";
			return -1;
		}
		if ((data = part_headers(a, p + 2, end, &part)) == NULL ||
		    part.name == NULL) {
			*why = "A part of the multipart body has no name.";
			return -1;
		}
		if ((next = find(data, (size_t)(end - data), delim, dlen)) ==
		    NULL) {
			*why = "The multipart body is cut short.";
			return -1;
		}
		if (strcmp(part.name, name) == 0) {
			part.data = data;
			part.len = (size_t)(next - data);
			*out = part;
			return 1;
		}
		p = next + dlen;
	}
}
