/*
 * JSON helpers over cJSON: parse a request body with a length bound, read
 * typed fields, and collect DRF-style field errors:
 *
 *   {"contact_number": ["Enter a valid phone number."], ...}
 *
 * The readers copy strings into the caller's arena, so values stay valid
 * after the cJSON tree is deleted.  Each reader returns 1 when the field
 * was present and valid, 0 when it was absent (an error was recorded if it
 * was required), and -1 when it was present but invalid (error recorded).
 */
#ifndef MT_JSON_H
#define MT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"

struct field_errors {
	cJSON	*obj;	/* NULL until the first error */
};

enum json_flags {
	JSON_REQUIRED	= 1 << 0,	/* absent is an error */
	JSON_NULLABLE	= 1 << 1,	/* null is allowed (reads as absent) */
	JSON_ALLOW_BLANK = 1 << 2,	/* "" is allowed for strings */
};

void	 field_errors_init(struct field_errors *fe);
/* Appends msg to the list of field; returns -1 only on out of memory. */
int	 field_errors_add(struct field_errors *fe, const char *field,
	    const char *msg);
bool	 field_errors_any(const struct field_errors *fe);
/* The collected object, handed to the caller (cJSON_Delete), or NULL. */
cJSON	*field_errors_take(struct field_errors *fe);
void	 field_errors_release(struct field_errors *fe);

/*
 * Parses exactly len bytes, which must be UTF-8 (RFC 8259), as one JSON
 * value.  Returns the tree (caller deletes it) or NULL; on NULL, *why (if
 * not NULL) says what is wrong in a sentence fit for a 400 "detail".
 */
cJSON	*json_parse(const char *text, size_t len, const char **why);
/* Whether s[0..len) is well-formed UTF-8 (RFC 3629). */
bool	 utf8_valid(const unsigned char *s, size_t len);

/* DRF's complaint about a text over n characters (n a constant). */
#define TEXT_TOO_LONG(n)	TEXT_TOO_LONG_(n)
#define TEXT_TOO_LONG_(n) \
	"Ensure this field has no more than " #n " characters."
/*
 * The rule of a model's text of min to max characters (UTF-8 lead bytes,
 * as DRF counts them): NULL, or the complaint json_read_string() would
 * make, too_long (TEXT_TOO_LONG(max)) when it has more.
 */
const char *text_complaint(const char *s, size_t min, size_t max,
	    const char *too_long);

int	 json_read_string(const cJSON *obj, const char *name, unsigned flags,
	    size_t maxlen, struct arena *a, const char **out,
	    struct field_errors *fe);
int	 json_read_int(const cJSON *obj, const char *name, unsigned flags,
	    int64_t min, int64_t max, int64_t *out, struct field_errors *fe);
int	 json_read_bool(const cJSON *obj, const char *name, unsigned flags,
	    bool *out, struct field_errors *fe);

/* Adds "name": the ISO 8601 time, or null when us is 0. */
cJSON	*json_add_time(cJSON *obj, const char *name, int64_t us);
/*
 * Adds "name": n as a JSON integer, printed exactly (clients that read
 * numbers as doubles are exact up to 2^53).  From 10^15 on the item is a
 * cJSON raw item, not a number, because cJSON would round it.
 */
cJSON	*json_add_int(cJSON *obj, const char *name, int64_t n);
/* Adds "name": s, or null when s is NULL. */
cJSON	*json_add_string_or_null(cJSON *obj, const char *name, const char *s);

#endif
