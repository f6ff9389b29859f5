/*
 * The growable buffer: text stays NUL-terminated, and an append past the
 * maximum fails and leaves the buffer as it was.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/buf.h"

Test(buf, appends_accumulate_as_a_c_string)
{
	struct buf	b;

	buf_init(&b, 1024);
	cr_assert_eq(buf_puts(&b, "abc"), 0);
	cr_assert_eq(buf_putc(&b, '-'), 0);
	cr_assert_eq(buf_append(&b, "xyz123", 3), 0);
	cr_assert_eq(buf_printf(&b, "[%d:%s]", 42, "z"), 0);
	cr_assert_eq(b.len, 13);
	cr_assert_str_eq(b.data, "abc-xyz[42:z]");
	buf_release(&b);
}

Test(buf, holds_binary_data)
{
	struct buf	b;

	buf_init(&b, 64);
	cr_assert_eq(buf_append(&b, "a\0b", 3), 0);
	cr_assert_eq(b.len, 3);
	cr_assert_eq(memcmp(b.data, "a\0b", 4), 0);
	buf_release(&b);
}

Test(buf, grows_past_the_initial_capacity)
{
	struct buf	b;

	buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(buf_putc(&b, (char)('a' + i % 26)), 0);
	cr_assert_eq(b.len, 10000);
	cr_assert_eq(strlen(b.data), 10000);
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(b.data[i], (char)('a' + i % 26));
	buf_release(&b);
}

Test(buf, append_up_to_max_succeeds)
{
	struct buf	b;
	char		src[100];

	memset(src, 'x', sizeof(src));
	buf_init(&b, 100);
	cr_assert_eq(buf_append(&b, src, 60), 0);
	cr_assert_eq(buf_append(&b, src, 40), 0);
	cr_assert_eq(b.len, 100);
	cr_assert_eq(b.data[100], '\0');
	cr_assert_eq(buf_append(&b, "", 0), 0);
	buf_release(&b);
}

Test(buf, append_past_max_fails_and_leaves_buffer_unchanged)
{
	struct buf	b;

	buf_init(&b, 10);
	cr_assert_eq(buf_puts(&b, "12345678"), 0);
	cr_assert_eq(buf_puts(&b, "abc"), -1);
	cr_assert_eq(buf_putc(&b, '9'), 0);
	cr_assert_eq(buf_putc(&b, '0'), 0);
	cr_assert_eq(buf_putc(&b, 'X'), -1);
	cr_assert_eq(buf_printf(&b, "%d", 1), -1);
	cr_assert_eq(b.len, 10);
	cr_assert_str_eq(b.data, "1234567890");
	buf_release(&b);
}

Test(buf, printf_past_max_fails_and_leaves_buffer_unchanged)
{
	struct buf	b;

	buf_init(&b, 16);
	cr_assert_eq(buf_puts(&b, "head:"), 0);
	cr_assert_eq(buf_printf(&b, "%s", "this is far too long"), -1);
	cr_assert_eq(b.len, 5);
	cr_assert_str_eq(b.data, "head:");
	cr_assert_eq(buf_printf(&b, "%05d", 7), 0);
	cr_assert_str_eq(b.data, "head:00007");
	buf_release(&b);
}

Test(buf, huge_append_is_refused)
{
	struct buf	b;

	buf_init(&b, 1024);
	cr_assert_eq(buf_puts(&b, "x"), 0);
	cr_assert_eq(buf_append(&b, "y", SIZE_MAX), -1);
	cr_assert_eq(buf_append(&b, "y", SIZE_MAX - 1), -1);
	cr_assert_str_eq(b.data, "x");
	buf_release(&b);
}

Test(buf, reset_empties_but_keeps_memory)
{
	struct buf	 b;
	char		*before;

	buf_init(&b, 1024);
	cr_assert_eq(buf_puts(&b, "some text"), 0);
	before = b.data;
	buf_reset(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.data, "");
	cr_assert_eq(b.data, before);
	cr_assert_eq(buf_puts(&b, "new"), 0);
	cr_assert_str_eq(b.data, "new");
	buf_release(&b);
}

Test(buf, reset_of_an_unused_buffer)
{
	struct buf	b;

	buf_init(&b, 8);
	buf_reset(&b);
	cr_assert_eq(b.len, 0);
	buf_release(&b);
}

Test(buf, detach_hands_over_the_string)
{
	struct buf	 b;
	char		*s;

	buf_init(&b, 64);
	cr_assert_eq(buf_printf(&b, "n=%u", 5u), 0);
	s = buf_detach(&b);
	cr_assert_str_eq(s, "n=5");
	cr_assert_null(b.data);
	cr_assert_eq(b.len, 0);
	/* The buffer is usable again and independent of s. */
	cr_assert_eq(buf_puts(&b, "next"), 0);
	cr_assert_str_eq(s, "n=5");
	cr_assert_str_eq(b.data, "next");
	free(s);
	buf_release(&b);
}

Test(buf, detach_of_an_empty_buffer_is_an_empty_string)
{
	struct buf	 b;
	char		*s;

	buf_init(&b, 64);
	cr_assert_not_null(s = buf_detach(&b));
	cr_assert_str_eq(s, "");
	free(s);
	buf_init(&b, 0);
	cr_assert_not_null(s = buf_detach(&b));
	cr_assert_str_eq(s, "");
	free(s);
}

Test(buf, release_then_init_reuses)
{
	struct buf	b;

	buf_init(&b, 32);
	cr_assert_eq(buf_puts(&b, "one"), 0);
	buf_release(&b);
	cr_assert_null(b.data);
	cr_assert_eq(b.len, 0);
	buf_release(&b);
	buf_init(&b, 32);
	cr_assert_eq(buf_puts(&b, "two"), 0);
	cr_assert_str_eq(b.data, "two");
	buf_release(&b);
}
