/*
 * The per-request arena: zeroed, aligned memory that stays valid until
 * the arena is reset or released, and a hard maximum that makes an
 * allocation fail instead of growing without bound.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/arena.h"

#define CHUNK	(16 * 1024)	/* ARENA_CHUNK_SIZE in arena.c */

static int
all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

Test(arena, alloc_returns_zeroed_aligned_memory)
{
	struct arena	 a;
	unsigned char	*p;

	arena_init(&a, 0);
	for (size_t n = 0; n < 100; n += 7) {
		p = arena_alloc(&a, n);
		cr_assert_not_null(p);
		cr_assert_eq((uintptr_t)p % 16, 0, "size %zu not aligned", n);
		cr_assert(all_zero(p, n));
		memset(p, 0xa5, n);
	}
	arena_release(&a);
}

Test(arena, allocations_do_not_overlap_across_chunks)
{
	struct arena	 a;
	unsigned char	*p[400];

	arena_init(&a, 0);
	/* 400 * 100 bytes spans several 16 KiB chunks. */
	for (size_t i = 0; i < 400; i++) {
		cr_assert_not_null(p[i] = arena_alloc(&a, 100));
		memset(p[i], (int)(i & 0xff), 100);
	}
	for (size_t i = 0; i < 400; i++)
		for (size_t j = 0; j < 100; j++)
			cr_assert_eq(p[i][j], (unsigned char)(i & 0xff),
			    "allocation %zu overwritten", i);
	arena_release(&a);
}

Test(arena, large_allocation_keeps_earlier_data)
{
	struct arena	 a;
	char		*small, *big, *after;

	arena_init(&a, 0);
	cr_assert_not_null(small = arena_strdup(&a, "before"));
	cr_assert_not_null(big = arena_alloc(&a, 3 * CHUNK));
	cr_assert(all_zero((unsigned char *)big, 3 * CHUNK));
	memset(big, 'x', 3 * CHUNK);
	cr_assert_not_null(after = arena_strdup(&a, "after"));
	cr_assert_str_eq(small, "before");
	cr_assert_str_eq(after, "after");
	cr_assert_eq(big[3 * CHUNK - 1], 'x');
	arena_release(&a);
}

Test(arena, strdup_strndup_printf_copy)
{
	struct arena	 a;
	char		 src[] = "hello world";
	char		*d, *n, *f;

	arena_init(&a, 0);
	d = arena_strdup(&a, src);
	n = arena_strndup(&a, src, 5);
	f = arena_printf(&a, "%s=%d;%05.1f", "x", -42, 3.14159);
	src[0] = 'J';
	cr_assert_str_eq(d, "hello world");
	cr_assert_str_eq(n, "hello");
	cr_assert_str_eq(f, "x=-42;003.1");
	cr_assert_str_eq(arena_strdup(&a, ""), "");
	cr_assert_str_eq(arena_printf(&a, "%s", ""), "");
	arena_release(&a);
}

Test(arena, printf_of_long_text)
{
	struct arena	 a;
	char		 big[CHUNK * 2];
	char		*p;

	arena_init(&a, 0);
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cr_assert_not_null(p = arena_printf(&a, "<%s>", big));
	cr_assert_eq(strlen(p), sizeof(big) + 1);
	cr_assert_eq(p[0], '<');
	cr_assert_eq(p[sizeof(big)], '>');
	arena_release(&a);
}

Test(arena, limit_makes_allocation_fail)
{
	struct arena	 a;
	char		*keep;
	size_t		 got = 0;

	arena_init(&a, 4 * CHUNK);
	cr_assert_not_null(keep = arena_strdup(&a, "kept"));
	while (arena_alloc(&a, 1000) != NULL) {
		got += 1000;
		cr_assert_leq(got, 4 * CHUNK, "arena grew past its limit");
	}
	cr_assert_geq(got, 3 * CHUNK, "limit hit too early (%zu)", got);
	cr_assert_leq(a.total, 4 * CHUNK);
	cr_assert_null(arena_alloc(&a, 5 * CHUNK));
	cr_assert_str_eq(keep, "kept");
	arena_release(&a);
}

Test(arena, limit_smaller_than_a_chunk_still_allows_small_allocations)
{
	struct arena	 a;
	char		*p;

	arena_init(&a, 4096);
	cr_assert_not_null(p = arena_strdup(&a, "fits"),
	    "a 5-byte allocation failed in a 4096-byte arena");
	cr_assert_str_eq(p, "fits");
	cr_assert_null(arena_alloc(&a, 8192));
	cr_assert_leq(a.total, 4096);
	arena_release(&a);
}

Test(arena, huge_sizes_fail_cleanly)
{
	struct arena	a;

	arena_init(&a, 0);
	cr_assert_null(arena_alloc(&a, SIZE_MAX));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 16));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 40));
	/* Once there is a current chunk, the large-allocation path. */
	cr_assert_not_null(arena_alloc(&a, 10));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 16));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 40));
	arena_release(&a);

	/* With a limit, the sum of total and size must not wrap. */
	arena_init(&a, 64 * 1024 * 1024);
	cr_assert_not_null(arena_alloc(&a, 10));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 100));
	cr_assert_null(arena_alloc(&a, SIZE_MAX - 16));
	arena_release(&a);
}

Test(arena, reset_keeps_one_chunk_and_gives_zeroed_memory)
{
	struct arena	 a;
	unsigned char	*p;

	arena_init(&a, 0);
	for (int i = 0; i < 100; i++)
		memset(arena_alloc(&a, 1000), 0xff, 1000);
	memset(arena_alloc(&a, 5 * CHUNK), 0xff, 5 * CHUNK);
	cr_assert_gt(a.total, 5 * CHUNK);
	arena_reset(&a);
	cr_assert_eq(a.total, CHUNK, "reset kept %zu bytes", a.total);
	cr_assert_not_null(p = arena_alloc(&a, 1000));
	cr_assert(all_zero(p, 1000), "memory after reset is not zeroed");
	arena_release(&a);
}

Test(arena, reset_of_an_empty_arena)
{
	struct arena	a;

	arena_init(&a, 0);
	arena_reset(&a);
	cr_assert_eq(a.total, 0);
	cr_assert_str_eq(arena_strdup(&a, "ok"), "ok");
	arena_release(&a);
}

Test(arena, release_then_reuse)
{
	struct arena	a;

	arena_init(&a, 0);
	cr_assert_not_null(arena_alloc(&a, 100));
	arena_release(&a);
	cr_assert_eq(a.total, 0);
	cr_assert_null(a.head);
	cr_assert_str_eq(arena_strdup(&a, "again"), "again");
	arena_release(&a);
	arena_release(&a);
}
