/*
 * Logging: one line per event on a file descriptor (stderr by default),
 * written with a single write(2) so lines from several processes never
 * interleave.  Each line carries the time, the program, the pid, the
 * level and, while a request is being served, its request id:
 *
 *   2026-11-28T03:22:38.123456Z mentorship-fcgi[812] info rid=4f1c...: msg
 *
 * Never log a password, an Authorization header or a token; mask phone
 * numbers with log_mask_phone().
 */
#ifndef MT_LOG_H
#define MT_LOG_H

#include <stddef.h>
#include <stdlib.h>

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
	LOG_LEVEL__MAX
};

extern const char *const log_level_names[LOG_LEVEL__MAX];

void	log_init(const char *ident, enum log_level min, int fd);
void	log_set_level(enum log_level min);
/* Copies rid (up to 64 bytes); NULL clears it. */
void	log_set_request_id(const char *rid);
void	log_msg(enum log_level level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* "+27123456321" -> "+27******321"; out is always NUL-terminated. */
const char *log_mask_phone(const char *phone, char *out, size_t outsz);
/* Parses a level name; returns 0, or -1 when unknown. */
int	log_level_parse(const char *name, enum log_level *out);

#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_error(...)	log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)

/* A broken invariant: log it and abort, never carry on silently. */
#define BUG(msg) do {							\
	log_error("BUG: %s at %s:%d in %s", (msg), __FILE__, __LINE__,	\
	    __func__);							\
	abort();							\
} while (0)

#endif
