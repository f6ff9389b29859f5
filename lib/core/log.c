#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/timeutil.h"

#define LOG_LINE_MAX	2048

const char *const log_level_names[LOG_LEVEL__MAX] = {
	"debug", "info", "warn", "error"
};

static char		log_ident[32] = "mentorship";
static enum log_level	log_min = LOG_LEVEL_INFO;
static int		log_fd = 2;
static char		log_rid[65];

void
log_init(const char *ident, enum log_level min, int fd)
{
	snprintf(log_ident, sizeof(log_ident), "%s", ident);
	log_min = min;
	log_fd = fd;
}

void
log_set_level(enum log_level min)
{
	log_min = min;
}

void
log_set_request_id(const char *rid)
{
	if (rid == NULL)
		log_rid[0] = '\0';
	else
		snprintf(log_rid, sizeof(log_rid), "%s", rid);
}

int
log_level_parse(const char *name, enum log_level *out)
{
	for (int i = 0; i < LOG_LEVEL__MAX; i++)
		if (strcmp(name, log_level_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	return -1;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char		line[LOG_LINE_MAX], ts[TIME_ISO_LEN];
	va_list		ap;
	int		n, m;
	size_t		len;

	if (level < log_min)
		return;
	time_format_iso(time_now_us(), ts);
	if (log_rid[0] != '\0')
		n = snprintf(line, sizeof(line), "%s %s[%d] %s rid=%s: ", ts,
		    log_ident, (int)getpid(), log_level_names[level], log_rid);
	else
		n = snprintf(line, sizeof(line), "%s %s[%d] %s: ", ts,
		    log_ident, (int)getpid(), log_level_names[level]);
	if (n < 0)
		return;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	len = (size_t)n + (size_t)m;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	/* A message must stay on one line. */
	for (size_t i = (size_t)n; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	(void)!write(log_fd, line, len);
}

const char *
log_mask_phone(const char *phone, char *out, size_t outsz)
{
	size_t	len, i, keep_head, keep_tail;

	if (outsz == 0)
		return out;
	len = phone != NULL ? strlen(phone) : 0;
	/* Keep "+27" and the last three digits; mask everything between. */
	keep_head = len > 6 ? 3 : 0;
	keep_tail = len > 6 ? 3 : 0;
	for (i = 0; i < len && i + 1 < outsz; i++)
		out[i] = (i < keep_head || i >= len - keep_tail) ?
		    phone[i] : '*';
	out[i] = '\0';
	return out;
}
