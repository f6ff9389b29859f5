#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "providers/provider.h"

static const struct provider_ops *const provider_table[] = {
	&provider_example_ops,
	&provider_oniondev_ops,
	&provider_fcm_ops,
};

static const struct provider_ops *
provider_find(const char *name)
{
	for (size_t i = 0; i < sizeof(provider_table) /
	    sizeof(provider_table[0]); i++)
		if (strcmp(provider_table[i]->name, name) == 0)
			return provider_table[i];
	return NULL;
}

/*
 * Sets up p as the provider called name for kind.  When an earlier kind
 * (in ps, up to but not including p) uses the same provider, p shares its
 * state instead of making its own.
 */
static int
provider_setup(struct providers *ps, struct provider *p, const char *kind,
    const char *name, const struct conf *c, struct db *db, char *why,
    size_t whysz)
{
	struct provider	*earlier[] = { &ps->voice, &ps->sms, &ps->push };
	char		 reason[256];

	if ((p->ops = provider_find(name)) == NULL) {
		snprintf(why, whysz, "unknown %s provider '%s'", kind, name);
		return -1;
	}
	p->conf = c;
	p->db = db;
	p->state = NULL;
	for (size_t i = 0; i < sizeof(earlier) / sizeof(earlier[0]) &&
	    earlier[i] != p; i++)
		if (earlier[i]->ops == p->ops) {
			p->state = earlier[i]->state;
			return 0;
		}
	if (p->ops->init != NULL && p->ops->init(p, reason,
	    sizeof(reason)) == -1) {
		snprintf(why, whysz, "%s provider %s: %s", kind, name, reason);
		if (p->ops->release != NULL)
			p->ops->release(p);
		p->state = NULL;
		p->ops = NULL;
		return -1;
	}
	return 0;
}

int
providers_init(struct providers *ps, const struct conf *c, struct db *db,
    char *why, size_t whysz)
{
	memset(ps, 0, sizeof(*ps));
	if (provider_setup(ps, &ps->voice, "voice", c->providers_voice, c, db,
	    why, whysz) == -1 ||
	    provider_setup(ps, &ps->sms, "sms", c->providers_sms, c, db, why,
	    whysz) == -1 ||
	    provider_setup(ps, &ps->push, "push", c->providers_push, c, db,
	    why, whysz) == -1) {
		providers_release(ps);
		return -1;
	}
	return 0;
}

void
providers_release(struct providers *ps)
{
	struct provider	*all[] = { &ps->voice, &ps->sms, &ps->push };
	bool		 owner[sizeof(all) / sizeof(all[0])];
	size_t		 n = sizeof(all) / sizeof(all[0]);

	/* Release each state once: later kinds may share an earlier's.
	 * Decide who owns what before anything is freed. */
	for (size_t i = 0; i < n; i++) {
		owner[i] = all[i]->ops != NULL && all[i]->ops->release != NULL;
		for (size_t j = 0; j < i; j++)
			if (all[j]->ops == all[i]->ops &&
			    all[j]->state == all[i]->state)
				owner[i] = false;
	}
	for (size_t i = 0; i < n; i++)
		if (owner[i])
			all[i]->ops->release(all[i]);
	for (size_t i = 0; i < n; i++)
		all[i]->state = NULL;
}

const struct webhook_kind *
webhook_kind_find(const char *endpoint)
{
	for (size_t i = 0; i < sizeof(provider_table) /
	    sizeof(provider_table[0]); i++) {
		const struct webhook_kind	*k = provider_table[i]->webhooks;

		for (; k != NULL && k->endpoint != NULL; k++)
			if (strcmp(k->endpoint, endpoint) == 0)
				return k;
	}
	return NULL;
}

static int
provider_unsupported(struct provider_result *res, const char *name,
    const char *what)
{
	snprintf(res->error, sizeof(res->error), "provider %s cannot %s",
	    name, what);
	return -1;
}

int
provider_start_call(struct providers *ps, const char *from, const char *to,
    struct provider_result *res)
{
	memset(res, 0, sizeof(*res));
	if (ps->voice.ops->start_call == NULL)
		return provider_unsupported(res, ps->voice.ops->name,
		    "start calls");
	return ps->voice.ops->start_call(&ps->voice, from, to, res);
}

int
provider_send_sms(struct providers *ps, const char *to, const char *text,
    const char *key, struct provider_result *res)
{
	memset(res, 0, sizeof(*res));
	if (ps->sms.ops->send_sms == NULL)
		return provider_unsupported(res, ps->sms.ops->name, "send SMS");
	return ps->sms.ops->send_sms(&ps->sms, to, text, key, res);
}

int
provider_send_push(struct providers *ps, const char *token, const char *title,
    const char *body, const char *data_json, struct provider_result *res)
{
	memset(res, 0, sizeof(*res));
	if (ps->push.ops->send_push == NULL)
		return provider_unsupported(res, ps->push.ops->name,
		    "send push notifications");
	return ps->push.ops->send_push(&ps->push, token, title, body,
	    data_json, res);
}
