/*
 * Logging: one line per event with time, program, pid, level and request
 * id; phone numbers masked.  Lines are read back from a pipe.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/log.h"
#include "core/timeutil.h"

/* 2017-04-20T12:03:42.899903Z */
#define T_2017	(INT64_C(1492689822) * TIME_US + 899903)

static int	pfd[2] = { -1, -1 };

static void
setup(void)
{
	cr_assert_eq(pipe(pfd), 0);
	cr_assert_neq(fcntl(pfd[0], F_SETFL, O_NONBLOCK), -1);
	log_init("unit", LOG_LEVEL_INFO, pfd[1]);
	log_set_request_id(NULL);
	time_set_now(T_2017);
}

static void
teardown(void)
{
	log_init("unit", LOG_LEVEL_INFO, 2);
	time_set_now(0);
	close(pfd[0]);
	close(pfd[1]);
}

TestSuite(log, .init = setup, .fini = teardown);

/* Everything logged so far, NUL-terminated in buf. */
static const char *
drain(char *buf, size_t sz)
{
	size_t	len = 0;
	ssize_t	n;

	while (len + 1 < sz &&
	    (n = read(pfd[0], buf + len, sz - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	return buf;
}

static size_t
count_lines(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

Test(log, line_has_time_program_pid_and_level)
{
	char	got[4096], want[256];

	log_info("user %d logged in", 7);
	snprintf(want, sizeof(want),
	    "2017-04-20T12:03:42.899903Z unit[%d] info: user 7 logged in\n",
	    (int)getpid());
	cr_assert_str_eq(drain(got, sizeof(got)), want);
}

Test(log, line_carries_the_request_id)
{
	char	got[4096], want[512];

	log_set_request_id("4f1c0a");
	log_warn("slow");
	log_set_request_id(NULL);
	log_error("after");
	snprintf(want, sizeof(want),
	    "2017-04-20T12:03:42.899903Z unit[%1$d] warn rid=4f1c0a: slow\n"
	    "2017-04-20T12:03:42.899903Z unit[%1$d] error: after\n",
	    (int)getpid());
	cr_assert_str_eq(drain(got, sizeof(got)), want);
}

Test(log, long_request_id_is_cut_at_64)
{
	char	got[4096], rid[100];

	memset(rid, 'a', sizeof(rid) - 1);
	rid[sizeof(rid) - 1] = '\0';
	log_set_request_id(rid);
	log_info("x");
	drain(got, sizeof(got));
	cr_assert_not_null(strstr(got, " rid=aaaa"));
	cr_assert_eq(strcspn(strstr(got, "rid=") + 4, ":"), 64);
}

Test(log, levels_below_the_minimum_are_dropped)
{
	char	got[4096];

	log_debug("hidden");
	cr_assert_str_eq(drain(got, sizeof(got)), "");
	log_set_level(LOG_LEVEL_ERROR);
	log_warn("hidden too");
	cr_assert_str_eq(drain(got, sizeof(got)), "");
	log_set_level(LOG_LEVEL_DEBUG);
	log_debug("shown");
	drain(got, sizeof(got));
	cr_assert_not_null(strstr(got, " debug: shown\n"), "%s", got);
}

Test(log, message_stays_on_one_line)
{
	char	got[4096];

	log_info("first\nsecond\r\nthird\n");
	drain(got, sizeof(got));
	cr_assert_eq(count_lines(got), 1, "%s", got);
	cr_assert_not_null(strstr(got, ": first second  third \n"), "%s", got);
}

Test(log, long_message_is_cut_to_one_line)
{
	char	got[8192], big[5000];

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_info("%s", big);
	log_info("next");
	drain(got, sizeof(got));
	cr_assert_eq(count_lines(got), 2);
	cr_assert_leq(strcspn(got, "\n"), 2047);
	cr_assert_eq(got[strcspn(got, "\n") - 1], 'z');
	cr_assert_not_null(strstr(got, "info: next\n"));
}

Test(log, mask_phone_keeps_prefix_and_last_three)
{
	char	out[32];

	cr_assert_str_eq(log_mask_phone("+27123456321", out, sizeof(out)),
	    "+27******321");
	cr_assert_str_eq(log_mask_phone("0821234567", out, sizeof(out)),
	    "082****567");
	cr_assert_str_eq(log_mask_phone("+2712345", out, sizeof(out)),
	    "+27**345");
}

Test(log, mask_phone_hides_short_numbers_entirely)
{
	char	out[32];

	cr_assert_str_eq(log_mask_phone("123456", out, sizeof(out)), "******");
	cr_assert_str_eq(log_mask_phone("12", out, sizeof(out)), "**");
	cr_assert_str_eq(log_mask_phone("", out, sizeof(out)), "");
	cr_assert_str_eq(log_mask_phone(NULL, out, sizeof(out)), "");
}

Test(log, mask_phone_truncates_to_the_buffer)
{
	char	out[8];

	memset(out, 'Q', sizeof(out));
	cr_assert_str_eq(log_mask_phone("+27123456321", out, sizeof(out)),
	    "+27****");
	cr_assert_str_eq(log_mask_phone("+27123456321", out, 1), "");
	out[0] = 'Q';
	cr_assert_eq(log_mask_phone("+27123456321", out, 0), out);
	cr_assert_eq(out[0], 'Q');
}

Test(log, masked_phone_in_a_log_line)
{
	char	got[4096], m[32];

	log_info("sms to %s failed", log_mask_phone("+27123456321", m,
	    sizeof(m)));
	drain(got, sizeof(got));
	cr_assert_not_null(strstr(got, "sms to +27******321 failed\n"));
	cr_assert_null(strstr(got, "123456"));
}

Test(log, level_names_parse)
{
	enum log_level	l = LOG_LEVEL__MAX;

	for (int i = 0; i < LOG_LEVEL__MAX; i++) {
		cr_assert_eq(log_level_parse(log_level_names[i], &l), 0);
		cr_assert_eq(l, (enum log_level)i);
	}
	cr_assert_str_eq(log_level_names[LOG_LEVEL_WARN], "warn");
	cr_assert_eq(log_level_parse("verbose", &l), -1);
	cr_assert_eq(log_level_parse("", &l), -1);
	cr_assert_eq(log_level_parse("information", &l), -1);
	cr_assert_eq(l, LOG_LEVEL_ERROR);
}

Test(log, bug_aborts, .signal = SIGABRT)
{
	BUG("test invariant");
}
