/*
 * Time: microseconds since the Unix epoch, UTC, in an int64_t.
 *
 * On the wire times are ISO 8601 in UTC with microseconds and a Z
 * ("2016-01-14T08:56:59.152335Z"); requests may use any offset.  In
 * MariaDB they are DATETIME(6) in UTC ("2016-01-14 08:56:59.152335").
 * OnionDev sends Asia/Calcutta local time (+05:30, no DST) as
 * "%Y-%m-%d %H:%M:%S.%f" with an optional fraction.
 */
#ifndef MT_TIMEUTIL_H
#define MT_TIMEUTIL_H

#include <stdint.h>

#define TIME_ISO_LEN	28	/* "YYYY-MM-DDTHH:MM:SS.ffffffZ" + NUL */
#define TIME_SQL_LEN	27	/* "YYYY-MM-DD HH:MM:SS.ffffff" + NUL */
#define TIME_US		INT64_C(1000000)

/* Now, or the time set with time_set_now() (tests, the worker's clock). */
int64_t	 time_now_us(void);
/* Sets a fixed "now" for this process; 0 goes back to the real clock. */
void	 time_set_now(int64_t us);
/* Monotonic microseconds, for durations only. */
int64_t	 time_monotonic_us(void);

/* All formatters write a NUL-terminated string; return 0, or -1 when the
 * time is outside years 0001-9999. */
int	 time_format_iso(int64_t us, char out[TIME_ISO_LEN]);
int	 time_format_sql(int64_t us, char out[TIME_SQL_LEN]);

/* Parsers return 0 and set *out, or -1 when s is not a valid time. */
int	 time_parse_iso(const char *s, int64_t *out);
int	 time_parse_sql(const char *s, int64_t *out);
int	 time_parse_calcutta(const char *s, int64_t *out);

#endif
