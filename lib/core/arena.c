#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define ARENA_CHUNK_SIZE	(16 * 1024)
#define ARENA_ALIGN		16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;	/* usable bytes in data */
	size_t			 used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void
arena_init(struct arena *a, size_t max)
{
	a->head = NULL;
	a->total = 0;
	a->max = max;
}

static struct arena_chunk *
arena_chunk_new(struct arena *a, size_t need)
{
	struct arena_chunk	*c;
	size_t			 size = need > ARENA_CHUNK_SIZE ? need : ARENA_CHUNK_SIZE;

	/* Written so that no sum can wrap around. */
	if (a->max != 0) {
		if (a->total > a->max || need > a->max - a->total)
			return NULL;
		/* Under a small limit, a chunk is what is left of it. */
		if (size > a->max - a->total)
			size = a->max - a->total;
	}
	if (size > SIZE_MAX - sizeof(*c))
		return NULL;
	if ((c = malloc(sizeof(*c) + size)) == NULL)
		return NULL;
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	a->total += size;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk	*c = a->head;
	size_t			 off;
	void			*p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	off = c != NULL ? c->used : 0;
	if (c == NULL || c->size - off < n) {
		/*
		 * A large allocation gets a chunk of its own behind the
		 * current one, so the space left in the current chunk is
		 * not wasted.
		 */
		if (c != NULL && n > ARENA_CHUNK_SIZE / 4) {
			struct arena_chunk *big;

			if ((big = arena_chunk_new(a, n)) == NULL)
				return NULL;
			a->head = c;
			big->next = c->next;
			c->next = big;
			big->used = n;
			memset(big->data, 0, n);
			return big->data;
		}
		if ((c = arena_chunk_new(a, n)) == NULL)
			return NULL;
		off = 0;
	}
	p = c->data + off;
	c->used = off + n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 len;
	char	*p;

	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0 || (p = arena_alloc(a, (size_t)len + 1)) == NULL)
		return NULL;
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk	*c, *keep = NULL;

	/* Keep the oldest standard-size chunk: it is the one reused most. */
	while ((c = a->head) != NULL) {
		a->head = c->next;
		if (c->size == ARENA_CHUNK_SIZE && keep == NULL) {
			keep = c;
			continue;
		}
		a->total -= c->size;
		free(c);
	}
	if (keep != NULL) {
		keep->used = 0;
		keep->next = NULL;
		a->head = keep;
	}
}

void
arena_release(struct arena *a)
{
	struct arena_chunk	*c;

	while ((c = a->head) != NULL) {
		a->head = c->next;
		free(c);
	}
	a->total = 0;
}
