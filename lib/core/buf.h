/*
 * Growable byte buffer with a hard maximum (curl's dynbuf rule).
 *
 * data is always NUL-terminated while len > 0 or after any append, so a
 * buffer holding text can be used as a C string.  Appending past max fails
 * with -1 and leaves the buffer as it was.
 */
#ifndef MT_BUF_H
#define MT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
};

void	 buf_init(struct buf *b, size_t max);
int	 buf_append(struct buf *b, const void *p, size_t n);
int	 buf_puts(struct buf *b, const char *s);
int	 buf_putc(struct buf *b, char c);
int	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Empties the buffer but keeps its memory. */
void	 buf_reset(struct buf *b);
/* Frees the memory; the buffer can be used again after buf_init(). */
void	 buf_release(struct buf *b);
/* Hands the NUL-terminated contents to the caller (free()), empties b. */
char	*buf_detach(struct buf *b);

#endif
