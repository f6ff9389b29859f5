/*
 * Per-request arena: many small allocations, freed together.
 *
 * Everything a request allocates lives here and is released in one place
 * when the request ends (nginx's pool idea).  arena_reset() keeps the first
 * chunk, so a worker that serves many small requests does not go back to
 * malloc for each one.  An arena has a maximum size; an allocation past it
 * fails (returns NULL) instead of growing without bound.
 */
#ifndef MT_ARENA_H
#define MT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;	/* newest chunk first */
	size_t			 total;	/* bytes held in all chunks */
	size_t			 max;	/* 0 = no limit */
};

void	 arena_init(struct arena *a, size_t max);
/* Zeroed memory owned by the arena, or NULL when the limit is reached. */
void	*arena_alloc(struct arena *a, size_t n);
char	*arena_strdup(struct arena *a, const char *s);
char	*arena_strndup(struct arena *a, const char *s, size_t n);
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Frees everything but the first chunk, which is kept for reuse. */
void	 arena_reset(struct arena *a);
/* Frees everything. */
void	 arena_release(struct arena *a);

#endif
