/*
 * Per-process cache of recently verified credentials, so that argon2 runs
 * once per login and not on every Basic Auth request.
 *
 * An entry is the HMAC-SHA256, under a random secret made when the cache
 * is created, of the account id, its password stamp (password_changed_at
 * and the stored hash) and the password given.  The password itself is
 * never kept.  Changing the password changes the stamp, so every entry
 * made with the old one stops matching at once; entries also expire after
 * the TTL.  The table is direct-mapped: a collision simply evicts.
 */
#ifndef MT_CREDCACHE_H
#define MT_CREDCACHE_H

#include <stddef.h>
#include <stdint.h>

struct credcache;

/* entries > 0; ttl_s 0 disables caching.  NULL on failure. */
struct credcache	*credcache_new(size_t entries, unsigned ttl_s);
void			 credcache_free(struct credcache *cc);
/* 1 when (user, stamp, password) was verified within the TTL, else 0. */
int	credcache_check(struct credcache *cc, int64_t user_id,
	    int64_t changed_at, const char *hash, const char *password,
	    int64_t now_us);
/* Records a successful verification. */
void	credcache_store(struct credcache *cc, int64_t user_id,
	    int64_t changed_at, const char *hash, const char *password,
	    int64_t now_us);
/* Drops every entry (after SIGHUP, say). */
void	credcache_clear(struct credcache *cc);

#endif
