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
#include "providers/webhook.h"

#define PROVIDER_ID_MAX		256
#define PROVIDER_ERROR_MAX	256

struct provider_result {
	char	partner_id[PROVIDER_ID_MAX];	/* the provider's id, if any */
	char	error[PROVIDER_ERROR_MAX];	/* why it failed */
};

struct provider;

struct provider_ops {
	const char	*name;
	/*
	 * Optional: checks p->conf and sets up p->state (a CURL handle, a
	 * token cache) once per process.  0, or -1 with the reason in why.
	 */
	int	(*init)(struct provider *p, char *why, size_t whysz);
	/* Optional: frees p->state; called even after a failed init. */
	void	(*release)(struct provider *p);
	/*
	 * Each returns 0, or -1 with res->error set (never a credential, a
	 * token or a full phone number).  A provider that fails or times
	 * out returns -1: the caller records the failure and goes on.
	 */
	int	(*start_call)(struct provider *p, const char *from,
		    const char *to, struct provider_result *res);
	/*
	 * key names this SMS for good (the same on every retry), or is
	 * NULL: a provider that takes idempotency keys answers a repeat
	 * without sending it again.
	 */
	int	(*send_sms)(struct provider *p, const char *to,
		    const char *text, const char *key,
		    struct provider_result *res);
	int	(*send_push)(struct provider *p, const char *token,
		    const char *title, const char *body, const char *data_json,
		    struct provider_result *res);
	/* The webhooks this provider posts (ended by a NULL endpoint), or
	 * NULL for none. */
	const struct webhook_kind	*webhooks;
};

struct provider {
	const struct provider_ops	*ops;
	const struct conf		*conf;	/* borrowed */
	struct db			*db;	/* borrowed */
	void				*state;	/* the implementation's */
};

/* The providers of one process: one per kind of work. */
struct providers {
	struct provider	voice;
	struct provider	sms;
	struct provider	push;
};

/*
 * Sets up the providers named in c; kinds served by the same provider
 * share its state (one CURL handle per provider per process).  0, or -1
 * with the reason (an unknown name, a bad setting) in why and nothing
 * left to release.  providers_release() frees what a successful init
 * set up; it is harmless on a zeroed or already released ps.
 */
int	providers_init(struct providers *ps, const struct conf *c,
	    struct db *db, char *why, size_t whysz);
void	providers_release(struct providers *ps);

int	provider_start_call(struct providers *ps, const char *from,
	    const char *to, struct provider_result *res);
int	provider_send_sms(struct providers *ps, const char *to,
	    const char *text, const char *key, struct provider_result *res);
int	provider_send_push(struct providers *ps, const char *token,
	    const char *title, const char *body, const char *data_json,
	    struct provider_result *res);

extern const struct provider_ops provider_example_ops;
extern const struct provider_ops provider_oniondev_ops;
extern const struct provider_ops provider_fcm_ops;

#endif
