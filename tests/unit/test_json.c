/*
 * JSON bodies: strict parsing with a length bound, typed field readers,
 * and DRF-style field errors ({"field": ["This field is required."]}).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/json.h"

static struct arena		a;
static struct field_errors	fe;
static cJSON			*doc;

static void
setup(void)
{
	arena_init(&a, 0);
	field_errors_init(&fe);
	doc = NULL;
}

static void
teardown(void)
{
	cJSON_Delete(doc);
	field_errors_release(&fe);
	arena_release(&a);
}

TestSuite(json, .init = setup, .fini = teardown);

static cJSON *
parse(const char *text)
{
	const char	*why;
	cJSON		*j;

	j = json_parse(text, strlen(text), &why);
	cr_assert_not_null(j, "rejected %s: %s", text, why ? why : "?");
	cr_assert_null(why);
	return j;
}

static void
assert_rejected(const char *text, size_t len, const char *want)
{
	const char	*why = NULL;
	cJSON		*j;

	j = json_parse(text, len, &why);
	cr_assert_null(j, "accepted %.*s", (int)len, text);
	cr_assert_not_null(why);
	if (want != NULL)
		cr_assert_str_eq(why, want);
}

static void
assert_rejected_str(const char *text)
{
	assert_rejected(text, strlen(text), NULL);
}

/* The collected errors as compact JSON text (in the arena). */
static const char *
errors_text(void)
{
	char		*s, *copy;

	if (!field_errors_any(&fe))
		return "";
	cr_assert_not_null(s = cJSON_PrintUnformatted(fe.obj));
	copy = arena_strdup(&a, s);
	free(s);
	return copy;
}

/* ---- json_parse ---- */

Test(json, parse_object_with_surrounding_white_space)
{
	doc = parse(" \t\r\n{\"a\": [1, 2, {\"b\": null}]} \n\r\t ");
	cr_assert(cJSON_IsObject(doc));
	cr_assert_eq(cJSON_GetArraySize(
	    cJSON_GetObjectItemCaseSensitive(doc, "a")), 3);
}

Test(json, parse_scalars)
{
	doc = parse("42");
	cr_assert_eq(doc->valuedouble, 42.0);
	cJSON_Delete(doc);
	doc = parse("\"x\"");
	cr_assert_str_eq(doc->valuestring, "x");
	cJSON_Delete(doc);
	doc = parse("null");
	cr_assert(cJSON_IsNull(doc));
}

Test(json, parse_reads_only_len_bytes)
{
	const char	 text[] = "{\"a\":1}{\"b\":2}";
	char		*exact;

	/* Only the first seven bytes are the body. */
	doc = json_parse(text, 7, NULL);
	cr_assert_not_null(doc);
	cr_assert_not_null(cJSON_GetObjectItemCaseSensitive(doc, "a"));
	cJSON_Delete(doc);
	/* A body is not NUL-terminated: parsing must stay inside it. */
	cr_assert_not_null(exact = malloc(5));
	memcpy(exact, "12345", 5);
	doc = json_parse(exact, 5, NULL);
	free(exact);
	cr_assert_not_null(doc);
	cr_assert_eq(doc->valuedouble, 12345.0);
	cJSON_Delete(doc);
	cr_assert_not_null(exact = malloc(4));
	memcpy(exact, "true", 4);
	doc = json_parse(exact, 4, NULL);
	free(exact);
	cr_assert(cJSON_IsTrue(doc));
}

Test(json, parse_rejects_empty_body)
{
	assert_rejected("", 0, "JSON parse error - empty body");
	assert_rejected("   \n", 4, NULL);
}

Test(json, parse_rejects_trailing_garbage)
{
	assert_rejected("{} x", 4,
	    "JSON parse error - extra data after the value");
	assert_rejected("{}{}", 4,
	    "JSON parse error - extra data after the value");
	assert_rejected("[1] ,", 5, NULL);
	assert_rejected("1 2", 3, NULL);
	assert_rejected("{}\f", 3, NULL);
}

Test(json, parse_rejects_nul_bytes)
{
	assert_rejected("{}\0", 3, "JSON parse error - NUL byte in body");
	assert_rejected("{\"a\":\"b\0c\"}", 11,
	    "JSON parse error - NUL byte in body");
	assert_rejected("\0{}", 3, NULL);
}

Test(json, parse_rejects_escaped_nul_in_strings)
{
	/* cJSON would cut "adm\u0000in" short to "adm". */
	assert_rejected_str("{\"username\": \"adm\\u0000in\"}");
	assert_rejected_str("{\"a\\u0000b\": 1}");
	/* An escaped backslash followed by u0000 is harmless text. */
	doc = parse("{\"a\": \"x\\\\u0000\"}");
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(doc, "a")
	    ->valuestring, "x\\u0000");
}

Test(json, parse_rejects_malformed_json)
{
	static const char	*bad[] = {
		"{", "}", "{\"a\":}", "{\"a\" 1}", "[1,]x", "tru", "nul",
		"\"unterminated", "{'a': 1}", "abc", "-",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_rejected(bad[i], strlen(bad[i]), NULL);
	assert_rejected("{", 1, "JSON parse error - malformed JSON");
}

Test(json, parse_why_may_be_null)
{
	cr_assert_null(json_parse("{", 1, NULL));
	cr_assert_null(json_parse("", 0, NULL));
	cr_assert_null(json_parse("{}x", 3, NULL));
}

/* ---- field errors ---- */

Test(json, field_errors_collect_in_order)
{
	cJSON	*o;
	char	*s;

	cr_assert_not(field_errors_any(&fe));
	cr_assert_null(field_errors_take(&fe));
	cr_assert_eq(field_errors_add(&fe, "b", "First."), 0);
	cr_assert_eq(field_errors_add(&fe, "a", "Other."), 0);
	cr_assert_eq(field_errors_add(&fe, "b", "Second."), 0);
	cr_assert(field_errors_any(&fe));
	cr_assert_not_null(o = field_errors_take(&fe));
	cr_assert_not(field_errors_any(&fe));
	s = cJSON_PrintUnformatted(o);
	cr_assert_str_eq(s, "{\"b\":[\"First.\",\"Second.\"],"
	    "\"a\":[\"Other.\"]}");
	free(s);
	cJSON_Delete(o);
}

/* ---- json_read_string ---- */

Test(json, read_string_copies_into_the_arena)
{
	const char	*v = NULL;

	doc = parse("{\"name\": \"Th\\u00e9o\"}");
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), 1);
	cJSON_Delete(doc);
	doc = NULL;
	cr_assert_str_eq(v, "Th\xc3\xa9o");
	cr_assert_not(field_errors_any(&fe));
}

Test(json, read_string_absent)
{
	const char	*v = "untouched";

	doc = parse("{\"other\": \"x\"}");
	cr_assert_eq(json_read_string(doc, "name", 0, 0, &a, &v, &fe), 0);
	cr_assert_str_eq(v, "untouched");
	cr_assert_not(field_errors_any(&fe));
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), 0);
	cr_assert_str_eq(errors_text(),
	    "{\"name\":[\"This field is required.\"]}");
}

Test(json, read_string_field_names_are_case_sensitive)
{
	const char	*v = NULL;

	doc = parse("{\"Name\": \"x\"}");
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), 0);
	cr_assert_str_eq(errors_text(),
	    "{\"name\":[\"This field is required.\"]}");
}

Test(json, read_from_a_non_object_is_absent)
{
	const char	*v = NULL;

	doc = parse("[\"name\"]");
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), 0);
	cr_assert_eq(json_read_string(NULL, "other", JSON_REQUIRED, 0, &a, &v,
	    &fe), 0);
	cr_assert_str_eq(errors_text(),
	    "{\"name\":[\"This field is required.\"],"
	    "\"other\":[\"This field is required.\"]}");
}

Test(json, read_string_null)
{
	const char	*v = NULL;

	doc = parse("{\"name\": null}");
	cr_assert_eq(json_read_string(doc, "name", JSON_NULLABLE, 0, &a, &v,
	    &fe), 0);
	cr_assert_null(v);
	cr_assert_not(field_errors_any(&fe));
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), -1);
	cr_assert_str_eq(errors_text(),
	    "{\"name\":[\"This field may not be null.\"]}");
}

Test(json, read_string_blank)
{
	const char	*v = NULL;

	doc = parse("{\"name\": \"\"}");
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED |
	    JSON_ALLOW_BLANK, 0, &a, &v, &fe), 1);
	cr_assert_str_eq(v, "");
	cr_assert_not(field_errors_any(&fe));
	cr_assert_eq(json_read_string(doc, "name", JSON_REQUIRED, 0, &a, &v,
	    &fe), -1);
	cr_assert_str_eq(errors_text(),
	    "{\"name\":[\"This field may not be blank.\"]}");
}

Test(json, read_string_wrong_type)
{
	const char	*v = NULL;

	doc = parse("{\"a\": 5, \"b\": true, \"c\": [\"x\"], \"d\": {}}");
	cr_assert_eq(json_read_string(doc, "a", 0, 0, &a, &v, &fe), -1);
	cr_assert_eq(json_read_string(doc, "b", 0, 0, &a, &v, &fe), -1);
	cr_assert_eq(json_read_string(doc, "c", 0, 0, &a, &v, &fe), -1);
	cr_assert_eq(json_read_string(doc, "d", 0, 0, &a, &v, &fe), -1);
	cr_assert_str_eq(errors_text(),
	    "{\"a\":[\"Not a valid string.\"],\"b\":[\"Not a valid string.\"],"
	    "\"c\":[\"Not a valid string.\"],\"d\":[\"Not a valid string.\"]}");
}

Test(json, read_string_max_length)
{
	const char	*v = NULL;

	doc = parse("{\"ok\": \"12345\", \"long\": \"123456\"}");
	cr_assert_eq(json_read_string(doc, "ok", 0, 5, &a, &v, &fe), 1);
	cr_assert_str_eq(v, "12345");
	cr_assert_eq(json_read_string(doc, "long", 0, 5, &a, &v, &fe), -1);
	cr_assert_str_eq(errors_text(), "{\"long\":[\"Ensure this field has no "
	    "more than 5 characters.\"]}");
}

Test(json, read_string_max_length_counts_characters_not_bytes)
{
	const char	*v = NULL;

	/* Five characters, ten bytes of UTF-8. */
	doc = parse("{\"name\": \"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xb0\","
	    " \"emoji\": \"\\ud83d\\ude00\\ud83d\\ude00\"}");
	cr_assert_eq(json_read_string(doc, "name", 0, 5, &a, &v, &fe), 1,
	    "%s", errors_text());
	cr_assert_eq(strlen(v), 10);
	cr_assert_eq(json_read_string(doc, "name", 0, 4, &a, &v, &fe), -1);
	cr_assert_eq(json_read_string(doc, "emoji", 0, 2, &a, &v, &fe), 1);
	cr_assert_eq(json_read_string(doc, "emoji", 0, 1, &a, &v, &fe), -1);
}

/* ---- json_read_int ---- */

static int
read_int(const char *body, int64_t min, int64_t max, int64_t *v)
{
	cJSON_Delete(doc);
	doc = parse(body);
	return json_read_int(doc, "n", JSON_REQUIRED, min, max, v, &fe);
}

Test(json, read_int_numbers_and_integral_strings)
{
	int64_t	v = 0;

	cr_assert_eq(read_int("{\"n\": 2}", 0, 10, &v), 1);
	cr_assert_eq(v, 2);
	cr_assert_eq(read_int("{\"n\": \"2\"}", 0, 10, &v), 1);
	cr_assert_eq(v, 2);
	cr_assert_eq(read_int("{\"n\": -7}", -10, 10, &v), 1);
	cr_assert_eq(v, -7);
	cr_assert_eq(read_int("{\"n\": \"-7\"}", -10, 10, &v), 1);
	cr_assert_eq(v, -7);
	cr_assert_eq(read_int("{\"n\": 2.0}", 0, 10, &v), 1);
	cr_assert_eq(v, 2);
	cr_assert_eq(read_int("{\"n\": 9007199254740992}", 0, INT64_MAX, &v),
	    1);
	cr_assert_eq(v, INT64_C(9007199254740992));
	cr_assert_eq(read_int("{\"n\": \"9223372036854775807\"}", 0,
	    INT64_MAX, &v), 1);
	cr_assert_eq(v, INT64_MAX);
	cr_assert_not(field_errors_any(&fe), "%s", errors_text());
}

Test(json, read_int_rejects_non_integers)
{
	static const char	*bad[] = {
		"{\"n\": 2.5}", "{\"n\": \"2.5\"}", "{\"n\": \"abc\"}",
		"{\"n\": \"2abc\"}", "{\"n\": \"\"}", "{\"n\": true}",
		"{\"n\": false}", "{\"n\": [2]}", "{\"n\": {}}",
		"{\"n\": 1e300}",
	};
	int64_t			 v = 99;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		field_errors_release(&fe);
		cr_assert_eq(read_int(bad[i], INT64_MIN, INT64_MAX, &v), -1,
		    "accepted %s", bad[i]);
		cr_assert(field_errors_any(&fe));
	}
	cr_assert_eq(v, 99);
	field_errors_release(&fe);
	read_int("{\"n\": \"abc\"}", 0, 10, &v);
	cr_assert_str_eq(errors_text(),
	    "{\"n\":[\"A valid integer is required.\"]}");
}

Test(json, read_int_range_messages)
{
	int64_t	v = 99;

	cr_assert_eq(read_int("{\"n\": 11}", 1, 10, &v), -1);
	cr_assert_eq(read_int("{\"n\": \"0\"}", 1, 10, &v), -1);
	cr_assert_eq(v, 99);
	cr_assert_str_eq(errors_text(), "{\"n\":["
	    "\"Ensure this value is less than or equal to 10.\","
	    "\"Ensure this value is greater than or equal to 1.\"]}");
}

Test(json, read_int_string_overflow_is_out_of_range)
{
	int64_t	v = 99;

	cr_assert_eq(read_int("{\"n\": \"99999999999999999999\"}", 0,
	    INT64_MAX, &v), -1);
	cr_assert_eq(read_int("{\"n\": \"-9999999999999999999\"}", INT64_MIN,
	    INT64_MAX, &v), -1);
	cr_assert_eq(read_int("{\"n\": \"9223372036854775808\"}", 0,
	    INT64_MAX, &v), -1);
	cr_assert_eq(v, 99);
#define LEQ_MAX	"\"Ensure this value is less than or equal to " \
		    "9223372036854775807.\""
	cr_assert_str_eq(errors_text(), "{\"n\":[" LEQ_MAX ","
	    "\"Ensure this value is greater than or equal to "
	    "-9223372036854775808.\"," LEQ_MAX "]}");
#undef LEQ_MAX
}

Test(json, read_int_null_and_absent)
{
	int64_t	v = 99;

	doc = parse("{\"n\": null}");
	cr_assert_eq(json_read_int(doc, "n", JSON_NULLABLE, 0, 10, &v, &fe), 0);
	cr_assert_eq(json_read_int(doc, "m", 0, 0, 10, &v, &fe), 0);
	cr_assert_eq(v, 99);
	cr_assert_not(field_errors_any(&fe));
	cr_assert_eq(json_read_int(doc, "n", 0, 0, 10, &v, &fe), -1);
	cr_assert_eq(json_read_int(doc, "m", JSON_REQUIRED, 0, 10, &v, &fe), 0);
	cr_assert_str_eq(errors_text(),
	    "{\"n\":[\"This field may not be null.\"],"
	    "\"m\":[\"This field is required.\"]}");
}

/* ---- json_read_bool ---- */

Test(json, read_bool)
{
	bool	v = false;

	doc = parse("{\"t\": true, \"f\": false, \"s\": \"true\", \"n\": 1,"
	    " \"z\": null}");
	cr_assert_eq(json_read_bool(doc, "t", JSON_REQUIRED, &v, &fe), 1);
	cr_assert(v);
	cr_assert_eq(json_read_bool(doc, "f", JSON_REQUIRED, &v, &fe), 1);
	cr_assert_not(v);
	cr_assert_eq(json_read_bool(doc, "z", JSON_NULLABLE, &v, &fe), 0);
	cr_assert_eq(json_read_bool(doc, "absent", 0, &v, &fe), 0);
	cr_assert_not(field_errors_any(&fe));
	cr_assert_eq(json_read_bool(doc, "s", 0, &v, &fe), -1);
	cr_assert_eq(json_read_bool(doc, "n", 0, &v, &fe), -1);
	cr_assert_eq(json_read_bool(doc, "z", 0, &v, &fe), -1);
	cr_assert_eq(json_read_bool(doc, "absent", JSON_REQUIRED, &v, &fe), 0);
	cr_assert_str_eq(errors_text(),
	    "{\"s\":[\"Must be a valid boolean.\"],"
	    "\"n\":[\"Must be a valid boolean.\"],"
	    "\"z\":[\"This field may not be null.\"],"
	    "\"absent\":[\"This field is required.\"]}");
}

Test(json, errors_of_several_fields_are_collected)
{
	const char	*s;
	int64_t		 n;

	doc = parse("{\"age\": \"old\"}");
	json_read_string(doc, "username", JSON_REQUIRED, 150, &a, &s, &fe);
	json_read_int(doc, "age", JSON_REQUIRED, 0, 200, &n, &fe);
	json_read_string(doc, "password", JSON_REQUIRED, 128, &a, &s, &fe);
	cr_assert_str_eq(errors_text(),
	    "{\"username\":[\"This field is required.\"],"
	    "\"age\":[\"A valid integer is required.\"],"
	    "\"password\":[\"This field is required.\"]}");
}

/* ---- writers ---- */

Test(json, add_time_int_and_string_or_null)
{
	char	*s;

	cr_assert_not_null(doc = cJSON_CreateObject());
	cr_assert_not_null(json_add_time(doc, "at",
	    INT64_C(1452761819152335)));
	cr_assert_not_null(json_add_time(doc, "never", 0));
	cr_assert_not_null(json_add_int(doc, "id", INT64_C(9007199254740992)));
	cr_assert_not_null(json_add_int(doc, "neg", -3));
	cr_assert_not_null(json_add_int(doc, "us", INT64_C(1452761819152335)));
	cr_assert_not_null(json_add_int(doc, "big", INT64_C(-999999999999999)));
	cr_assert_not_null(json_add_string_or_null(doc, "s", "x\"y"));
	cr_assert_not_null(json_add_string_or_null(doc, "none", NULL));
	s = cJSON_PrintUnformatted(doc);
	cr_assert_str_eq(s, "{\"at\":\"2016-01-14T08:56:59.152335Z\","
	    "\"never\":null,\"id\":9007199254740992,\"neg\":-3,"
	    "\"us\":1452761819152335,\"big\":-999999999999999,"
	    "\"s\":\"x\\\"y\",\"none\":null}");
	free(s);
}

Test(json, add_int_keeps_ordinary_ids_as_numbers)
{
	cJSON	*it;

	cr_assert_not_null(doc = cJSON_CreateObject());
	cr_assert_not_null(it = json_add_int(doc, "id", 42));
	cr_assert(cJSON_IsNumber(it));
	cr_assert_eq(it->valuedouble, 42.0);
	cr_assert_not_null(it = json_add_int(doc, "max", 999999999999999));
	cr_assert(cJSON_IsNumber(it));
}

/* RFC 8259 strictly: what cJSON would take but DRF refuses is refused. */
Test(json, parse_is_strict_rfc_8259)
{
	static const struct {
		const char	*text;
		const char	*why;
	} bad[] = {
		{ "{\"a\": 1, \"a\": 2}", "JSON parse error - duplicate key in "
		    "an object" },
		{ "[{\"x\": {\"b\": 1, \"b\": 1}}]", "JSON parse error - "
		    "duplicate key in an object" },
		{ "{\"a\": \"tab\there\"}", "JSON parse error - control "
		    "character in a string" },
		{ "{\"a\": \"new\nline\"}", "JSON parse error - control "
		    "character in a string" },
		{ "\xef\xbb\xbf{}", "JSON parse error - byte order mark" },
		{ "{\"n\": 012}", "JSON parse error - leading zero in a number" },
		{ "{\"n\": -01}", "JSON parse error - leading zero in a number" },
		{ "{\"n\": 1.}", "JSON parse error - malformed number" },
		{ "{\"n\": .5}", "JSON parse error - malformed JSON" },
		{ "{\"n\": +1}", "JSON parse error - malformed JSON" },
		{ "{\"n\": 1e}", "JSON parse error - malformed number" },
		{ "{\"s\": \"\\x41\"}", "JSON parse error - bad escape" },
		{ "{\"s\": \"\\u12G4\"}", "JSON parse error - bad \\u escape" },
		{ "[1, 2,]", "JSON parse error - malformed JSON" },
		{ "{\"a\" 1}", "JSON parse error - malformed JSON" },
		{ "{'a': 1}", "JSON parse error - malformed JSON" },
		{ "[tru]", "JSON parse error - malformed JSON" },
		{ "NaN", "JSON parse error - malformed JSON" },
		{ "{\"n\": -}", "JSON parse error - malformed number" },
	};
	cJSON	*j;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_rejected(bad[i].text, strlen(bad[i].text), bad[i].why);
	/* and what is JSON still is */
	j = parse("{\"n\": -0, \"e\": 1.5E+3, \"f\": 0.25, \"u\": \"\\u00e9\\/\", "
	    "\"l\": [true, false, null, {}, []], \"o\": {\"a\": {\"a\": 1}}}");
	cJSON_Delete(j);
}

Test(json, parse_bounds_the_depth)
{
	char	text[2 * 600 + 1];
	cJSON	*j;

	memset(text, '[', 600);
	memset(text + 600, ']', 600);
	text[1200] = '\0';
	assert_rejected(text, 1200, "JSON parse error - nested too deep");
	memset(text, '[', 100);
	memset(text + 100, ']', 100);
	text[200] = '\0';
	j = parse(text);
	cJSON_Delete(j);
}
