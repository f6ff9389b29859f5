#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"

void
field_errors_init(struct field_errors *fe)
{
	fe->obj = NULL;
}

int
field_errors_add(struct field_errors *fe, const char *field, const char *msg)
{
	cJSON	*list, *s;

	if (fe->obj == NULL && (fe->obj = cJSON_CreateObject()) == NULL)
		return -1;
	list = cJSON_GetObjectItemCaseSensitive(fe->obj, field);
	if (list == NULL &&
	    (list = cJSON_AddArrayToObject(fe->obj, field)) == NULL)
		return -1;
	if ((s = cJSON_CreateString(msg)) == NULL)
		return -1;
	cJSON_AddItemToArray(list, s);
	return 0;
}

bool
field_errors_any(const struct field_errors *fe)
{
	return fe->obj != NULL;
}

cJSON *
field_errors_take(struct field_errors *fe)
{
	cJSON	*o = fe->obj;

	fe->obj = NULL;
	return o;
}

void
field_errors_release(struct field_errors *fe)
{
	cJSON_Delete(fe->obj);
	fe->obj = NULL;
}

/*
 * Whether a string in text (valid JSON) has the escape "\u0000".  cJSON
 * decodes it into a C string, which silently cuts the value short:
 * "adm\u0000in" would read as "adm".
 */
static bool
has_escaped_nul(const char *text, size_t len)
{
	bool	in_string = false;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"')
			in_string = !in_string;
		else if (in_string && text[i] == '\\') {
			if (len - i > 5 &&
			    memcmp(text + i + 1, "u0000", 5) == 0)
				return true;
			i++;	/* the escaped character */
		}
	}
	return false;
}

/*
 * Whether s[0..len) is well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF).  cJSON passes any bytes
 * through, and MariaDB's utf8mb4 refuses what is not UTF-8: that would be
 * a 500 for a value that had passed validation.
 */
bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t	i = 0;

	while (i < len) {
		unsigned char	c = s[i];
		uint32_t	cp, min;
		size_t		n;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else
			return false;
		if (len - i - 1 < n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

/*
 * RFC 8259's grammar, checked before cJSON reads the text: cJSON is more
 * lenient (raw control characters in strings, leading zeros, "1.", a
 * byte order mark), and a body it takes but DRF would refuse must not be
 * acted on.  Depth is bounded as cJSON's is.
 */
#define JSON_DEPTH_MAX	512

struct json_scan {
	const char	*p, *end;
	const char	*why;
	unsigned	 depth;
};

static int	scan_value(struct json_scan *);

static void
scan_ws(struct json_scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	    *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
}

static int
scan_fail(struct json_scan *sc, const char *why)
{
	if (sc->why == NULL)
		sc->why = why;
	return -1;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
scan_string(struct json_scan *sc)
{
	sc->p++;	/* the opening quote */
	while (sc->p < sc->end) {
		unsigned char	c = (unsigned char)*sc->p++;

		if (c == '"')
			return 0;
		if (c < 0x20)
			return scan_fail(sc, "JSON parse error - control "
			    "character in a string");
		if (c != '\\')
			continue;
		if (sc->p >= sc->end)
			break;
		c = (unsigned char)*sc->p++;
		if (c == 'u') {
			if (sc->end - sc->p < 4 || !is_hex(sc->p[0]) ||
			    !is_hex(sc->p[1]) || !is_hex(sc->p[2]) ||
			    !is_hex(sc->p[3]))
				return scan_fail(sc, "JSON parse error - bad "
				    "\\u escape");
			sc->p += 4;
		} else if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
			return scan_fail(sc, "JSON parse error - bad escape");
	}
	return scan_fail(sc, "JSON parse error - unterminated string");
}

static int
scan_number(struct json_scan *sc)
{
	if (sc->p < sc->end && *sc->p == '-')
		sc->p++;
	if (sc->p >= sc->end || !is_digit(*sc->p))
		return scan_fail(sc, "JSON parse error - malformed number");
	if (*sc->p == '0') {
		sc->p++;
		if (sc->p < sc->end && is_digit(*sc->p))
			return scan_fail(sc, "JSON parse error - leading zero "
			    "in a number");
	} else
		while (sc->p < sc->end && is_digit(*sc->p))
			sc->p++;
	if (sc->p < sc->end && *sc->p == '.') {
		sc->p++;
		if (sc->p >= sc->end || !is_digit(*sc->p))
			return scan_fail(sc, "JSON parse error - malformed "
			    "number");
		while (sc->p < sc->end && is_digit(*sc->p))
			sc->p++;
	}
	if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
		sc->p++;
		if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
			sc->p++;
		if (sc->p >= sc->end || !is_digit(*sc->p))
			return scan_fail(sc, "JSON parse error - malformed "
			    "number");
		while (sc->p < sc->end && is_digit(*sc->p))
			sc->p++;
	}
	return 0;
}

static int
scan_literal(struct json_scan *sc, const char *word)
{
	size_t	n = strlen(word);

	if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
		return scan_fail(sc, "JSON parse error - malformed JSON");
	sc->p += n;
	return 0;
}

/* An array or an object: open is '[' or '{'. */
static int
scan_container(struct json_scan *sc, char open)
{
	char	close = open == '[' ? ']' : '}';

	if (++sc->depth > JSON_DEPTH_MAX)
		return scan_fail(sc, "JSON parse error - nested too deep");
	sc->p++;
	scan_ws(sc);
	if (sc->p < sc->end && *sc->p == close) {
		sc->p++;
		sc->depth--;
		return 0;
	}
	for (;;) {
		if (open == '{') {
			if (sc->p >= sc->end || *sc->p != '"')
				return scan_fail(sc, "JSON parse error - "
				    "malformed JSON");
			if (scan_string(sc) == -1)
				return -1;
			scan_ws(sc);
			if (sc->p >= sc->end || *sc->p++ != ':')
				return scan_fail(sc, "JSON parse error - "
				    "malformed JSON");
		}
		if (scan_value(sc) == -1)
			return -1;
		scan_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			scan_ws(sc);
			continue;
		}
		if (sc->p < sc->end && *sc->p == close) {
			sc->p++;
			sc->depth--;
			return 0;
		}
		return scan_fail(sc, "JSON parse error - malformed JSON");
	}
}

static int
scan_value(struct json_scan *sc)
{
	scan_ws(sc);
	if (sc->p >= sc->end)
		return scan_fail(sc, "JSON parse error - malformed JSON");
	switch (*sc->p) {
	case '{':
	case '[':
		return scan_container(sc, *sc->p);
	case '"':
		return scan_string(sc);
	case 't':
		return scan_literal(sc, "true");
	case 'f':
		return scan_literal(sc, "false");
	case 'n':
		return scan_literal(sc, "null");
	case '-':
		return scan_number(sc);
	default:
		if (is_digit(*sc->p))
			return scan_number(sc);
		return scan_fail(sc, "JSON parse error - malformed JSON");
	}
}

/* NULL when text is one JSON value (RFC 8259), else what is wrong. */
static const char *
json_check_syntax(const char *text, size_t len)
{
	struct json_scan	sc = { text, text + len, NULL, 0 };

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		return "JSON parse error - byte order mark";
	if (scan_value(&sc) == -1)
		return sc.why;
	scan_ws(&sc);
	return sc.p == sc.end ? NULL :
	    "JSON parse error - extra data after the value";
}

/* Whether an object anywhere in o has a key twice (DRF would take the
 * last, cJSON the first: neither is what the sender can rely on). */
static bool
has_duplicate_key(const cJSON *o)
{
	const cJSON	*a, *b;

	if (!cJSON_IsObject(o) && !cJSON_IsArray(o))
		return false;
	for (a = o->child; a != NULL; a = a->next) {
		if (cJSON_IsObject(o))
			for (b = a->next; b != NULL; b = b->next)
				if (strcmp(a->string, b->string) == 0)
					return true;
		if (has_duplicate_key(a))
			return true;
	}
	return false;
}

cJSON *
json_parse(const char *text, size_t len, const char **why)
{
	const char	*end = NULL, *bad;
	cJSON		*root;

	if (why != NULL)
		*why = NULL;
	if (len == 0) {
		if (why != NULL)
			*why = "JSON parse error - empty body";
		return NULL;
	}
	/* Stray NULs would make cJSON stop early and accept a prefix. */
	if (memchr(text, '\0', len) != NULL) {
		if (why != NULL)
			*why = "JSON parse error - NUL byte in body";
		return NULL;
	}
	if (!utf8_valid((const unsigned char *)text, len)) {
		if (why != NULL)
			*why = "JSON parse error - invalid UTF-8";
		return NULL;
	}
	if ((bad = json_check_syntax(text, len)) != NULL) {
		if (why != NULL)
			*why = bad;
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (root == NULL) {
		if (why != NULL)
			*why = "JSON parse error - malformed JSON";
		return NULL;
	}
	/* Only white space may follow the value. */
	while (end != NULL && end < text + len &&
	    (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end != text + len) {
		cJSON_Delete(root);
		if (why != NULL)
			*why = "JSON parse error - extra data after the value";
		return NULL;
	}
	if (has_escaped_nul(text, len)) {
		cJSON_Delete(root);
		if (why != NULL)
			*why = "JSON parse error - NUL character in a string";
		return NULL;
	}
	if (has_duplicate_key(root)) {
		cJSON_Delete(root);
		if (why != NULL)
			*why = "JSON parse error - duplicate key in an object";
		return NULL;
	}
	return root;
}

/* Looks up name; records "required" or "null" errors.  Returns the item,
 * or NULL with *rc set to what the reader must return. */
static const cJSON *
json_field(const cJSON *obj, const char *name, unsigned flags,
    struct field_errors *fe, int *rc)
{
	const cJSON	*it = NULL;

	if (cJSON_IsObject(obj))
		it = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (it == NULL) {
		*rc = 0;
		if (flags & JSON_REQUIRED)
			field_errors_add(fe, name, "This field is required.");
		return NULL;
	}
	if (cJSON_IsNull(it)) {
		if (flags & JSON_NULLABLE) {
			*rc = 0;
			return NULL;
		}
		*rc = -1;
		field_errors_add(fe, name, "This field may not be null.");
		return NULL;
	}
	return it;
}

/* Characters, not bytes, as DRF counts them: UTF-8 lead bytes. */
static size_t
utf8_length(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

const char *
text_complaint(const char *s, size_t min, size_t max, const char *too_long)
{
	size_t	n;

	if (!utf8_valid((const unsigned char *)s, strlen(s)))
		return "Not valid UTF-8 text.";
	n = utf8_length(s);
	if (n < min)
		return "This field may not be blank.";
	return n > max ? too_long : NULL;
}

int
json_read_string(const cJSON *obj, const char *name, unsigned flags,
    size_t maxlen, struct arena *a, const char **out,
    struct field_errors *fe)
{
	const cJSON	*it;
	size_t		 len;
	char		 msg[96];
	int		 rc;

	if ((it = json_field(obj, name, flags, fe, &rc)) == NULL)
		return rc;
	if (!cJSON_IsString(it)) {
		field_errors_add(fe, name, "Not a valid string.");
		return -1;
	}
	len = strlen(it->valuestring);
	if (len == 0 && !(flags & JSON_ALLOW_BLANK)) {
		field_errors_add(fe, name, "This field may not be blank.");
		return -1;
	}
	if (maxlen > 0 && len > maxlen &&
	    utf8_length(it->valuestring) > maxlen) {
		snprintf(msg, sizeof(msg),
		    "Ensure this field has no more than %zu characters.", maxlen);
		field_errors_add(fe, name, msg);
		return -1;
	}
	if ((*out = arena_strndup(a, it->valuestring, len)) == NULL) {
		field_errors_add(fe, name, "Value too large.");
		return -1;
	}
	return 1;
}

int
json_read_int(const cJSON *obj, const char *name, unsigned flags,
    int64_t min, int64_t max, int64_t *out, struct field_errors *fe)
{
	const cJSON	*it;
	double		 d;
	char		 msg[96];
	int		 rc;

	if ((it = json_field(obj, name, flags, fe, &rc)) == NULL)
		return rc;
	/*
	 * DRF's IntegerField also takes integral strings ("2"): the seed's
	 * examples show ids both ways.
	 */
	if (cJSON_IsString(it)) {
		const char	*s = it->valuestring;
		char		*end;
		long long	 v;

		if (*s == '\0' || strlen(s) > 20)
			goto invalid;
		errno = 0;
		v = strtoll(s, &end, 10);
		if (*end != '\0')
			goto invalid;
		if (errno == ERANGE) {
			/* Beyond int64: out of any range we can have. */
			d = v < 0 ? -INFINITY : INFINITY;
			goto range;
		}
		d = (double)v;
		if (v < min || v > max)
			goto range;
		*out = v;
		return 1;
	}
	if (!cJSON_IsNumber(it))
		goto invalid;
	d = it->valuedouble;
	if (!isfinite(d) || d != floor(d) || fabs(d) > 9007199254740992.0)
		goto invalid;
	if (d < (double)min || d > (double)max)
		goto range;
	*out = (int64_t)d;
	return 1;
invalid:
	field_errors_add(fe, name, "A valid integer is required.");
	return -1;
range:
	if (d < (double)min)
		snprintf(msg, sizeof(msg),
		    "Ensure this value is greater than or equal to %lld.",
		    (long long)min);
	else
		snprintf(msg, sizeof(msg),
		    "Ensure this value is less than or equal to %lld.",
		    (long long)max);
	field_errors_add(fe, name, msg);
	return -1;
}

int
json_read_bool(const cJSON *obj, const char *name, unsigned flags,
    bool *out, struct field_errors *fe)
{
	const cJSON	*it;
	int		 rc;

	if ((it = json_field(obj, name, flags, fe, &rc)) == NULL)
		return rc;
	if (!cJSON_IsBool(it)) {
		field_errors_add(fe, name, "Must be a valid boolean.");
		return -1;
	}
	*out = cJSON_IsTrue(it);
	return 1;
}

cJSON *
json_add_time(cJSON *obj, const char *name, int64_t us)
{
	char	ts[TIME_ISO_LEN];

	if (us == 0 || time_format_iso(us, ts) == -1)
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddStringToObject(obj, name, ts);
}

cJSON *
json_add_int(cJSON *obj, const char *name, int64_t n)
{
	char	text[24];

	/*
	 * cJSON prints a number with 15 significant digits whenever that
	 * reads back "close enough", which changes the last digits of
	 * integers from 10^15 on.  Those are written out as raw text.
	 */
	if (n > -INT64_C(1000000000000000) && n < INT64_C(1000000000000000))
		return cJSON_AddNumberToObject(obj, name, (double)n);
	snprintf(text, sizeof(text), "%lld", (long long)n);
	return cJSON_AddRawToObject(obj, name, text);
}

cJSON *
json_add_string_or_null(cJSON *obj, const char *name, const char *s)
{
	if (s == NULL)
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddStringToObject(obj, name, s);
}
