#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/timeutil.h"

#define CALCUTTA_OFFSET_S	(5 * 3600 + 30 * 60)
#define SECS_PER_DAY		INT64_C(86400)

static int64_t	fake_now_us;

int64_t
time_now_us(void)
{
	struct timespec	ts;

	if (fake_now_us != 0)
		return fake_now_us;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * TIME_US + ts.tv_nsec / 1000;
}

void
time_set_now(int64_t us)
{
	fake_now_us = us;
}

int64_t
time_monotonic_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * TIME_US + ts.tv_nsec / 1000;
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * algorithm): no dependency on TZ or on the C library's timegm().
 */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

static unsigned
days_in_month(int y, unsigned m)
{
	static const unsigned	 dm[] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return dm[m - 1];
}

static int
time_split(int64_t us, int *y, unsigned *mo, unsigned *d, unsigned *h,
    unsigned *mi, unsigned *s, unsigned *frac)
{
	int64_t	secs, days, rem;

	secs = us / TIME_US;
	rem = us % TIME_US;
	if (rem < 0) {
		rem += TIME_US;
		secs--;
	}
	days = secs / SECS_PER_DAY;
	if (secs % SECS_PER_DAY < 0)
		days--;
	secs -= days * SECS_PER_DAY;
	civil_from_days(days, y, mo, d);
	if (*y < 1 || *y > 9999)
		return -1;
	*h = (unsigned)(secs / 3600);
	*mi = (unsigned)(secs / 60 % 60);
	*s = (unsigned)(secs % 60);
	*frac = (unsigned)rem;
	return 0;
}

static int
time_format(int64_t us, char *out, size_t outsz, char sep, const char *tail)
{
	char		tmp[64];
	size_t		n;
	int		y;
	unsigned	mo, d, h, mi, s, frac;

	if (time_split(us, &y, &mo, &d, &h, &mi, &s, &frac) == -1) {
		out[0] = '\0';
		return -1;
	}
	/* The fields are in range, but the compiler cannot know it. */
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02u%c%02u:%02u:%02u.%06u%s",
	    y, mo, d, sep, h, mi, s, frac, tail);
	if ((n = strlen(tmp)) >= outsz)
		BUG("time buffer too small");
	memcpy(out, tmp, n + 1);
	return 0;
}

int
time_format_iso(int64_t us, char out[TIME_ISO_LEN])
{
	return time_format(us, out, TIME_ISO_LEN, 'T', "Z");
}

int
time_format_sql(int64_t us, char out[TIME_SQL_LEN])
{
	return time_format(us, out, TIME_SQL_LEN, ' ', "");
}

/* Reads exactly n digits; returns the next position or NULL. */
static const char *
read_digits(const char *p, int n, unsigned *out)
{
	unsigned	v = 0;

	for (int i = 0; i < n; i++, p++) {
		if (!isdigit((unsigned char)*p))
			return NULL;
		v = v * 10 + (unsigned)(*p - '0');
	}
	*out = v;
	return p;
}

/*
 * Parses "YYYY-MM-DD<sep>HH:MM[:SS[.f{1,9}]]" where sep is 'T' (or 't')
 * when iso, ' ' otherwise, and returns the position after it.  Seconds
 * are required unless iso.  The local civil time is stored in *out
 * without any offset applied.
 */
static const char *
parse_civil(const char *p, int iso, int64_t *out)
{
	unsigned	y, mo, d, h, mi, s = 0, frac = 0;
	int		ndig = 0;

	if ((p = read_digits(p, 4, &y)) == NULL || *p++ != '-' ||
	    (p = read_digits(p, 2, &mo)) == NULL || *p++ != '-' ||
	    (p = read_digits(p, 2, &d)) == NULL)
		return NULL;
	if (iso ? (*p != 'T' && *p != 't' && *p != ' ') : *p != ' ')
		return NULL;
	p++;
	if ((p = read_digits(p, 2, &h)) == NULL || *p++ != ':' ||
	    (p = read_digits(p, 2, &mi)) == NULL)
		return NULL;
	if (*p == ':') {
		if ((p = read_digits(p + 1, 2, &s)) == NULL)
			return NULL;
		if (*p == '.' || (iso && *p == ',')) {
			int	total = 0;

			p++;
			while (isdigit((unsigned char)*p)) {
				if (total < 6)
					frac = frac * 10 + (unsigned)(*p - '0');
				if (++total > 9)
					return NULL;
				p++;
			}
			if (total == 0)
				return NULL;
			ndig = total < 6 ? total : 6;
			for (int i = ndig; i < 6; i++)
				frac *= 10;
		}
	} else if (!iso)
		return NULL;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month((int)y, mo) || h > 23 || mi > 59 || s > 59)
		return NULL;
	*out = (days_from_civil(y, mo, d) * SECS_PER_DAY +
	    h * 3600 + mi * 60 + s) * TIME_US + frac;
	return p;
}

int
time_parse_iso(const char *s, int64_t *out)
{
	const char	*p;
	int64_t		 t;
	unsigned	 oh, om = 0;
	int		 sign;

	if (s == NULL || (p = parse_civil(s, 1, &t)) == NULL)
		return -1;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		/* +HH:MM, +HHMM or +HH */
		sign = *p++ == '-' ? -1 : 1;
		if ((p = read_digits(p, 2, &oh)) == NULL)
			return -1;
		if (*p == ':') {
			/* After a colon the minutes are not optional. */
			if ((p = read_digits(p + 1, 2, &om)) == NULL)
				return -1;
		} else if (isdigit((unsigned char)*p) &&
		    (p = read_digits(p, 2, &om)) == NULL)
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		t -= sign * (int64_t)(oh * 3600 + om * 60) * TIME_US;
	}
	/* No offset: UTC, as DRF does with USE_TZ and TIME_ZONE = UTC. */
	if (*p != '\0')
		return -1;
	/* An offset may push a year-1 or year-9999 time out of range. */
	{
		char	check[TIME_ISO_LEN];

		if (time_format_iso(t, check) == -1)
			return -1;
	}
	*out = t;
	return 0;
}

int
time_parse_sql(const char *s, int64_t *out)
{
	const char	*p;
	int64_t		 t;

	if (s == NULL || (p = parse_civil(s, 0, &t)) == NULL || *p != '\0')
		return -1;
	*out = t;
	return 0;
}

int
time_parse_calcutta(const char *s, int64_t *out)
{
	const char	*p;
	int64_t		 t;

	char		 check[TIME_ISO_LEN];

	if (s == NULL || (p = parse_civil(s, 0, &t)) == NULL || *p != '\0')
		return -1;
	t -= (int64_t)CALCUTTA_OFFSET_S * TIME_US;
	/* "0001-01-01 00:00:00" there is still year 0 in UTC. */
	if (time_format_iso(t, check) == -1)
		return -1;
	*out = t;
	return 0;
}
