#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth/credcache.h"
#include "auth/password.h"
#include "core/timeutil.h"

#define CC_KEY_LEN	32

struct credcache_entry {
	unsigned char	mac[CC_KEY_LEN];
	int64_t		expires_us;	/* 0 = empty */
};

struct credcache {
	unsigned char		 secret[32];
	size_t			 n;
	int64_t			 ttl_us;
	struct credcache_entry	*e;
};

struct credcache *
credcache_new(size_t entries, unsigned ttl_s)
{
	struct credcache	*cc;

	if (entries == 0 || (cc = calloc(1, sizeof(*cc))) == NULL)
		return NULL;
	if ((cc->e = calloc(entries, sizeof(*cc->e))) == NULL ||
	    random_bytes(cc->secret, sizeof(cc->secret)) == -1) {
		credcache_free(cc);
		return NULL;
	}
	cc->n = entries;
	cc->ttl_us = (int64_t)ttl_s * TIME_US;
	return cc;
}

void
credcache_free(struct credcache *cc)
{
	if (cc == NULL)
		return;
	explicit_bzero(cc->secret, sizeof(cc->secret));
	free(cc->e);
	free(cc);
}

void
credcache_clear(struct credcache *cc)
{
	memset(cc->e, 0, cc->n * sizeof(*cc->e));
}

/*
 * The entry's MAC over id, stamp, hash and password; the NUL after each
 * string keeps the fields unambiguous.  0, or -1 when the input is too
 * long to be a real credential.
 */
static int
credcache_mac(const struct credcache *cc, int64_t user_id,
    int64_t changed_at, const char *hash, const char *password,
    unsigned char mac[CC_KEY_LEN])
{
	unsigned char	 msg[2 * sizeof(int64_t) + PASSWORD_HASH_MAX +
			    PASSWORD_MAX_LEN + 2];
	size_t		 hlen = strlen(hash), plen = strlen(password), off;
	unsigned int	 len = CC_KEY_LEN;
	int		 rc = -1;

	if (hlen >= PASSWORD_HASH_MAX || plen > PASSWORD_MAX_LEN)
		return -1;
	memcpy(msg, &user_id, sizeof(user_id));
	memcpy(msg + 8, &changed_at, sizeof(changed_at));
	off = 16;
	memcpy(msg + off, hash, hlen + 1);
	off += hlen + 1;
	memcpy(msg + off, password, plen + 1);
	off += plen + 1;
	if (HMAC(EVP_sha256(), cc->secret, sizeof(cc->secret), msg, off,
	    mac, &len) != NULL)
		rc = 0;
	explicit_bzero(msg, off);
	return rc;
}

static struct credcache_entry *
credcache_slot(struct credcache *cc, const unsigned char mac[CC_KEY_LEN])
{
	uint64_t	idx;

	memcpy(&idx, mac, sizeof(idx));
	return &cc->e[idx % cc->n];
}

int
credcache_check(struct credcache *cc, int64_t user_id, int64_t changed_at,
    const char *hash, const char *password, int64_t now_us)
{
	unsigned char		 mac[CC_KEY_LEN];
	struct credcache_entry	*e;
	int			 hit;

	if (cc == NULL || cc->ttl_us == 0 ||
	    credcache_mac(cc, user_id, changed_at, hash, password, mac) == -1)
		return 0;
	e = credcache_slot(cc, mac);
	hit = e->expires_us > now_us &&
	    CRYPTO_memcmp(e->mac, mac, sizeof(mac)) == 0;
	if (!hit && e->expires_us != 0 && e->expires_us <= now_us)
		memset(e, 0, sizeof(*e));
	explicit_bzero(mac, sizeof(mac));
	return hit;
}

void
credcache_store(struct credcache *cc, int64_t user_id, int64_t changed_at,
    const char *hash, const char *password, int64_t now_us)
{
	unsigned char		 mac[CC_KEY_LEN];
	struct credcache_entry	*e;

	if (cc == NULL || cc->ttl_us == 0 ||
	    credcache_mac(cc, user_id, changed_at, hash, password, mac) == -1)
		return;
	e = credcache_slot(cc, mac);
	memcpy(e->mac, mac, sizeof(mac));
	e->expires_us = now_us + cc->ttl_us;
	explicit_bzero(mac, sizeof(mac));
}
