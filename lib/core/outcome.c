#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/outcome.h"

const char *const outcome_names[OUTCOME__MAX] = {
	"ok", "not found", "invalid", "conflict", "unauthorized",
	"unavailable", "busy", "provider failed", "error"
};

void
outcome_detail_init(struct outcome_detail *d)
{
	d->field = NULL;
	d->text[0] = '\0';
}

enum outcome
outcome_fail(struct outcome_detail *d, enum outcome o, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	if (d == NULL)
		return o;
	d->field = field;
	va_start(ap, fmt);
	vsnprintf(d->text, sizeof(d->text), fmt, ap);
	va_end(ap);
	return o;
}
