/*
 * Times: ISO 8601 in (any offset, Z or none) and out (UTC, microseconds,
 * Z), MariaDB DATETIME text, and OnionDev's Asia/Calcutta local time.
 */
#include "config.h"

#include <stdint.h>
#include <time.h>

#include <criterion/criterion.h>

#include "core/timeutil.h"

/* 2016-01-14T08:56:59.152335Z */
#define T_2016	(INT64_C(1452761819) * TIME_US + 152335)
/* 2017-04-20T12:03:42.899903Z */
#define T_2017	(INT64_C(1492689822) * TIME_US + 899903)

static void
assert_iso(const char *in, int64_t want)
{
	int64_t	got = -42;

	cr_assert_eq(time_parse_iso(in, &got), 0, "rejected \"%s\"", in);
	cr_assert_eq(got, want, "\"%s\": got %lld, want %lld", in,
	    (long long)got, (long long)want);
}

static void
assert_iso_out(const char *in, const char *want)
{
	char	out[TIME_ISO_LEN];
	int64_t	t;

	cr_assert_eq(time_parse_iso(in, &t), 0, "rejected \"%s\"", in);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, want, "\"%s\"", in);
}

static void
assert_iso_rejected(const char *in)
{
	int64_t	t = 7;

	cr_assert_eq(time_parse_iso(in, &t), -1, "accepted \"%s\"", in);
	cr_assert_eq(t, 7, "\"%s\" changed the output", in);
}

/* ---- formatting ---- */

Test(timeutil, format_iso_is_utc_with_six_digits_and_z)
{
	char	out[TIME_ISO_LEN];

	cr_assert_eq(time_format_iso(T_2016, out), 0);
	cr_assert_str_eq(out, "2016-01-14T08:56:59.152335Z");
	cr_assert_eq(time_format_iso(0, out), 0);
	cr_assert_str_eq(out, "1970-01-01T00:00:00.000000Z");
	cr_assert_eq(time_format_iso(INT64_C(1456704000) * TIME_US + 7, out),
	    0);
	cr_assert_str_eq(out, "2016-02-29T00:00:00.000007Z");
}

Test(timeutil, format_before_1970)
{
	char	out[TIME_ISO_LEN];

	cr_assert_eq(time_format_iso(-1, out), 0);
	cr_assert_str_eq(out, "1969-12-31T23:59:59.999999Z");
	cr_assert_eq(time_format_iso(-TIME_US, out), 0);
	cr_assert_str_eq(out, "1969-12-31T23:59:59.000000Z");
	cr_assert_eq(time_format_iso(INT64_C(-62135596800) * TIME_US, out), 0);
	cr_assert_str_eq(out, "0001-01-01T00:00:00.000000Z");
}

Test(timeutil, format_sql)
{
	char	out[TIME_SQL_LEN];

	cr_assert_eq(time_format_sql(T_2016, out), 0);
	cr_assert_str_eq(out, "2016-01-14 08:56:59.152335");
}

Test(timeutil, format_outside_years_1_to_9999_fails)
{
	char	iso[TIME_ISO_LEN], sql[TIME_SQL_LEN];
	int64_t	last = INT64_C(253402300799) * TIME_US + 999999;
	int64_t	first = INT64_C(-62135596800) * TIME_US;

	cr_assert_eq(time_format_iso(last, iso), 0);
	cr_assert_str_eq(iso, "9999-12-31T23:59:59.999999Z");
	cr_assert_eq(time_format_iso(last + 1, iso), -1);
	cr_assert_str_eq(iso, "");
	cr_assert_eq(time_format_sql(first - 1, sql), -1);
	cr_assert_str_eq(sql, "");
	cr_assert_eq(time_format_iso(INT64_MAX, iso), -1);
	cr_assert_eq(time_format_iso(INT64_MIN, iso), -1);
}

/* ---- ISO 8601 in ---- */

Test(timeutil, parse_iso_with_z)
{
	assert_iso("2016-01-14T08:56:59.152335Z", T_2016);
	assert_iso("2016-01-14t08:56:59.152335z", T_2016);
}

Test(timeutil, parse_iso_without_offset_is_utc)
{
	assert_iso("2016-01-14T08:56:59.152335", T_2016);
	assert_iso("2016-01-14 08:56:59.152335", T_2016);
}

Test(timeutil, parse_iso_with_offsets)
{
	assert_iso("2016-01-14T14:26:59.152335+05:30", T_2016);
	assert_iso("2016-01-14T14:26:59.152335+0530", T_2016);
	assert_iso("2016-01-14T00:56:59.152335-08:00", T_2016);
	assert_iso("2016-01-14T00:56:59.152335-08", T_2016);
	assert_iso("2016-01-14T08:56:59.152335+00:00", T_2016);
	assert_iso("2016-01-14T08:56:59.152335-00:00", T_2016);
	/* An offset that crosses the date line and the year. */
	assert_iso_out("2017-01-01T01:00:00+02:00",
	    "2016-12-31T23:00:00.000000Z");
	assert_iso_out("2016-12-31T20:00:00-05:00",
	    "2017-01-01T01:00:00.000000Z");
}

Test(timeutil, parse_iso_fractions)
{
	assert_iso_out("2016-01-14T08:56:59Z", "2016-01-14T08:56:59.000000Z");
	assert_iso_out("2016-01-14T08:56:59.1Z", "2016-01-14T08:56:59.100000Z");
	assert_iso_out("2016-01-14T08:56:59.000001Z",
	    "2016-01-14T08:56:59.000001Z");
	assert_iso_out("2016-01-14T08:56:59,5Z", "2016-01-14T08:56:59.500000Z");
	/* Nanoseconds are truncated to microseconds. */
	assert_iso_out("2016-01-14T08:56:59.123456789Z",
	    "2016-01-14T08:56:59.123456Z");
	/* Seconds may be left out. */
	assert_iso_out("2016-01-14T08:56Z", "2016-01-14T08:56:00.000000Z");
}

Test(timeutil, parse_iso_leap_days)
{
	assert_iso_out("2016-02-29T12:00:00Z", "2016-02-29T12:00:00.000000Z");
	assert_iso_out("2000-02-29T12:00:00Z", "2000-02-29T12:00:00.000000Z");
	assert_iso_rejected("2017-02-29T12:00:00Z");
	assert_iso_rejected("1900-02-29T12:00:00Z");
	assert_iso_rejected("2100-02-29T12:00:00Z");
}

Test(timeutil, parse_iso_rejects_invalid_dates_and_times)
{
	assert_iso_rejected("2016-02-30T00:00:00Z");
	assert_iso_rejected("2016-04-31T00:00:00Z");
	assert_iso_rejected("2016-13-01T00:00:00Z");
	assert_iso_rejected("2016-00-10T00:00:00Z");
	assert_iso_rejected("2016-01-00T00:00:00Z");
	assert_iso_rejected("2016-01-32T00:00:00Z");
	assert_iso_rejected("0000-01-01T00:00:00Z");
	assert_iso_rejected("2016-01-14T24:00:00Z");
	assert_iso_rejected("2016-01-14T23:60:00Z");
	assert_iso_rejected("2016-01-14T23:59:60Z");
}

Test(timeutil, parse_iso_rejects_garbage)
{
	assert_iso_rejected("");
	assert_iso_rejected("now");
	assert_iso_rejected("2016-01-14");
	assert_iso_rejected("2016-01-14T");
	assert_iso_rejected("2016-1-14T08:56:59Z");
	assert_iso_rejected("16-01-14T08:56:59Z");
	assert_iso_rejected("2016/01/14T08:56:59Z");
	assert_iso_rejected("2016-01-14X08:56:59Z");
	assert_iso_rejected("2016-01-14T8:56:59Z");
	assert_iso_rejected("2016-01-14T08:56:5Z");
	assert_iso_rejected("2016-01-14T08:56:59.Z");
	assert_iso_rejected("2016-01-14T08:56:59.1234567890Z");
	assert_iso_rejected(" 2016-01-14T08:56:59Z");
	assert_iso_rejected("1452761819");
	cr_assert_eq(time_parse_iso(NULL, &(int64_t){ 0 }), -1);
}

Test(timeutil, parse_iso_rejects_trailing_junk)
{
	assert_iso_rejected("2016-01-14T08:56:59Zjunk");
	assert_iso_rejected("2016-01-14T08:56:59Z ");
	assert_iso_rejected("2016-01-14T08:56:59.1x");
	assert_iso_rejected("2016-01-14T08:56:59+05:30:00");
	assert_iso_rejected("2016-01-14T08:56:59+05:30Z");
	assert_iso_rejected("2016-01-14T08:56:59ZZ");
}

Test(timeutil, parse_iso_rejects_bad_offsets)
{
	assert_iso_rejected("2016-01-14T08:56:59+");
	assert_iso_rejected("2016-01-14T08:56:59+5");
	assert_iso_rejected("2016-01-14T08:56:59+05:");
	assert_iso_rejected("2016-01-14T08:56:59+05:3");
	assert_iso_rejected("2016-01-14T08:56:59+053");
	assert_iso_rejected("2016-01-14T08:56:59+24:00");
	assert_iso_rejected("2016-01-14T08:56:59+05:60");
	assert_iso_rejected("2016-01-14T08:56:59 +05:30");
}

Test(timeutil, iso_roundtrip)
{
	static const int64_t	 ts[] = {
		0, 1, -1, T_2016, T_2017, INT64_C(951782400) * TIME_US,
		INT64_C(253402300799) * TIME_US + 999999,
		INT64_C(-62135596800) * TIME_US,
	};
	char			 out[TIME_ISO_LEN];
	int64_t			 back;

	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		cr_assert_eq(time_format_iso(ts[i], out), 0);
		cr_assert_eq(time_parse_iso(out, &back), 0, "%s", out);
		cr_assert_eq(back, ts[i], "%s", out);
	}
}

/* ---- SQL DATETIME ---- */

Test(timeutil, parse_sql)
{
	int64_t	t;
	char	out[TIME_SQL_LEN];

	cr_assert_eq(time_parse_sql("2016-01-14 08:56:59.152335", &t), 0);
	cr_assert_eq(t, T_2016);
	cr_assert_eq(time_parse_sql("2016-01-14 08:56:59", &t), 0);
	cr_assert_eq(t, T_2016 - 152335);
	cr_assert_eq(time_format_sql(T_2017, out), 0);
	cr_assert_eq(time_parse_sql(out, &t), 0);
	cr_assert_eq(t, T_2017);
}

Test(timeutil, parse_sql_rejects_other_shapes)
{
	int64_t	t = 7;

	cr_assert_eq(time_parse_sql("2016-01-14T08:56:59", &t), -1);
	cr_assert_eq(time_parse_sql("2016-01-14 08:56:59Z", &t), -1);
	cr_assert_eq(time_parse_sql("2016-01-14 08:56", &t), -1);
	cr_assert_eq(time_parse_sql("2016-01-14 08:56:59,5", &t), -1);
	cr_assert_eq(time_parse_sql("2016-02-30 00:00:00", &t), -1);
	cr_assert_eq(time_parse_sql("0000-00-00 00:00:00", &t), -1);
	cr_assert_eq(time_parse_sql("", &t), -1);
	cr_assert_eq(time_parse_sql(NULL, &t), -1);
	cr_assert_eq(t, 7);
}

/* ---- Asia/Calcutta ---- */

Test(timeutil, calcutta_is_five_and_a_half_hours_ahead)
{
	int64_t	t;
	char	out[TIME_ISO_LEN];

	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42.899903", &t), 0);
	cr_assert_eq(t, T_2017);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, "2017-04-20T12:03:42.899903Z");
}

Test(timeutil, calcutta_fraction_is_optional)
{
	int64_t	t;
	char	out[TIME_ISO_LEN];

	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42", &t), 0);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, "2017-04-20T12:03:42.000000Z");
	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42.5", &t), 0);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, "2017-04-20T12:03:42.500000Z");
}

Test(timeutil, calcutta_early_morning_is_the_previous_day_in_utc)
{
	int64_t	t;
	char	out[TIME_ISO_LEN];

	cr_assert_eq(time_parse_calcutta("2017-01-01 02:00:00", &t), 0);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, "2016-12-31T20:30:00.000000Z");
	cr_assert_eq(time_parse_calcutta("2016-03-01 05:29:59.999999", &t), 0);
	cr_assert_eq(time_format_iso(t, out), 0);
	cr_assert_str_eq(out, "2016-02-29T23:59:59.999999Z");
}

Test(timeutil, calcutta_rejects_invalid_text)
{
	int64_t	t = 7;

	cr_assert_eq(time_parse_calcutta("2017-02-30 10:00:00", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-13-01 10:00:00", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20 25:00:00", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42.", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42.899903+05:30",
	    &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33:42 IST", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20T17:33:42", &t), -1);
	cr_assert_eq(time_parse_calcutta("2017-04-20 17:33", &t), -1);
	cr_assert_eq(time_parse_calcutta("yesterday", &t), -1);
	cr_assert_eq(time_parse_calcutta("", &t), -1);
	cr_assert_eq(time_parse_calcutta(NULL, &t), -1);
	cr_assert_eq(t, 7);
}

/* ---- clocks ---- */

Test(timeutil, fake_clock)
{
	struct timespec	ts;
	int64_t		real;

	time_set_now(T_2017);
	cr_assert_eq(time_now_us(), T_2017);
	cr_assert_eq(time_now_us(), T_2017);
	time_set_now(0);
	clock_gettime(CLOCK_REALTIME, &ts);
	real = (int64_t)ts.tv_sec * TIME_US + ts.tv_nsec / 1000;
	cr_assert_geq(time_now_us(), real);
	cr_assert_lt(time_now_us() - real, 10 * TIME_US);
}

Test(timeutil, monotonic_clock_does_not_go_back)
{
	int64_t	a, b;

	a = time_monotonic_us();
	b = time_monotonic_us();
	cr_assert_geq(b, a);
	cr_assert_gt(a, 0);
}

Test(timeutil, calcutta_times_before_year_1_utc_are_refused)
{
	int64_t	t;

	/* 00:00 there is the day before in UTC: year 0, which no DATETIME
	 * holds */
	cr_assert_eq(time_parse_calcutta("0001-01-01 00:00:00", &t), -1);
	cr_assert_eq(time_parse_calcutta("0001-01-01 05:29:59", &t), -1);
	cr_assert_eq(time_parse_calcutta("0001-01-01 05:30:00", &t), 0);
	cr_assert_eq(time_parse_calcutta("9999-12-31 23:59:59", &t), 0);
}
