/*
 * Providers: who carries our voice calls, SMS and push notifications.
 *
 * One interface, three kinds of work; [providers] voice, sms and push in
 * the configuration choose an implementation for each.  Each
 * implementation is one file exposing one const struct provider_ops.
 * Services call providers; models never do.
 */
#ifndef MT_PROVIDER_H
#define MT_PROVIDER_H

#include <stddef.h>

#include "core/conf.h"
#include "db/db.h"

#define PROVIDER_ID_MAX		256
#define PROVIDER_ERROR_MAX	256

struct provider_result {
	char	partner_id[PROVIDER_ID_MAX];	/* the provider's id, if any */
	char	error[PROVIDER_ERROR_MAX];	/* why it failed */
};

struct provider;

struct provider_ops {
	const char	*name;
	/* Each returns 0, or -1 with res->error set. */
	int	(*start_call)(struct provider *p, const char *from,
		    const char *to, struct provider_result *res);
	int	(*send_sms)(struct provider *p, const char *to,
		    const char *text, struct provider_result *res);
	int	(*send_push)(struct provider *p, const char *token,
		    const char *title, const char *body, const char *data_json,
		    struct provider_result *res);
};

struct provider {
	const struct provider_ops	*ops;
	const struct conf		*conf;	/* borrowed */
	struct db			*db;	/* borrowed */
};

/* The providers of one process: one per kind of work. */
struct providers {
	struct provider	voice;
	struct provider	sms;
	struct provider	push;
};

/*
 * Sets up the providers named in c.  0, or -1 with the unknown name in
 * why.
 */
int	providers_init(struct providers *ps, const struct conf *c,
	    struct db *db, char *why, size_t whysz);

int	provider_start_call(struct providers *ps, const char *from,
	    const char *to, struct provider_result *res);
int	provider_send_sms(struct providers *ps, const char *to,
	    const char *text, struct provider_result *res);
int	provider_send_push(struct providers *ps, const char *token,
	    const char *title, const char *body, const char *data_json,
	    struct provider_result *res);

extern const struct provider_ops provider_example_ops;

#endif
