/*
 * The credential cache: a hit only for the same account, password stamp
 * and password, within the TTL.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "auth/credcache.h"
#include "auth/password.h"
#include "core/timeutil.h"

#define NOW	(INT64_C(1492689822) * TIME_US)
#define TTL	300
#define CHANGED	(INT64_C(1452761819) * TIME_US)

static const char	hash[] = "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA";
static struct credcache	*cc;

static void
setup(void)
{
	cr_assert_not_null(cc = credcache_new(1024, TTL));
}

static void
teardown(void)
{
	credcache_free(cc);
}

TestSuite(credcache, .init = setup, .fini = teardown);

Test(credcache, miss_when_empty)
{
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW), 0);
}

Test(credcache, hit_after_store)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW), 1);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW + 1), 1);
	/* A hit does not consume the entry. */
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW + 2), 1);
}

Test(credcache, miss_for_another_password)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pW", NOW), 0);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw ", NOW), 0);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "p", NOW), 0);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "", NOW), 0);
	/* The right one still hits after the misses. */
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW), 1);
}

Test(credcache, miss_for_another_user)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(cc, 2, CHANGED, hash, "pw", NOW), 0);
	cr_assert_eq(credcache_check(cc, -1, CHANGED, hash, "pw", NOW), 0);
}

Test(credcache, miss_after_a_password_change)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	/* A new password_changed_at... */
	cr_assert_eq(credcache_check(cc, 1, CHANGED + 1, hash, "pw", NOW), 0);
	/* ...or a new stored hash invalidates the entry. */
	cr_assert_eq(credcache_check(cc, 1, CHANGED,
	    "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaB", "pw", NOW), 0);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, "", "pw", NOW), 0);
}

Test(credcache, fields_do_not_run_together)
{
	/* ("ab", "c") and ("a", "bc") are different credentials. */
	credcache_store(cc, 1, CHANGED, "ab", "c", NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, "a", "bc", NOW), 0);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, "ab", "c", NOW), 1);
}

Test(credcache, miss_after_the_ttl)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw",
	    NOW + TTL * TIME_US - 1), 1);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw",
	    NOW + TTL * TIME_US), 0);
	/* An expired entry stays expired. */
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw",
	    NOW + TTL * TIME_US - 1), 0);
}

Test(credcache, store_again_renews_the_ttl)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW + 200 * TIME_US);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw",
	    NOW + 400 * TIME_US), 1);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw",
	    NOW + 500 * TIME_US), 0);
}

Test(credcache, ttl_zero_disables_caching)
{
	struct credcache	*off;

	cr_assert_not_null(off = credcache_new(16, 0));
	credcache_store(off, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(off, 1, CHANGED, hash, "pw", NOW), 0);
	credcache_free(off);
}

Test(credcache, clear_drops_everything)
{
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	credcache_store(cc, 2, CHANGED, hash, "other", NOW);
	credcache_clear(cc);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, "pw", NOW), 0);
	cr_assert_eq(credcache_check(cc, 2, CHANGED, hash, "other", NOW), 0);
}

Test(credcache, many_users_in_a_big_table)
{
	char	pw[32];
	int	hits = 0;

	for (int i = 0; i < 50; i++) {
		snprintf(pw, sizeof(pw), "pw-%d", i);
		credcache_store(cc, i, CHANGED, hash, pw, NOW);
	}
	for (int i = 0; i < 50; i++) {
		snprintf(pw, sizeof(pw), "pw-%d", i);
		hits += credcache_check(cc, i, CHANGED, hash, pw, NOW);
		cr_assert_eq(credcache_check(cc, i, CHANGED, hash, "pw-x",
		    NOW), 0);
	}
	/* Direct-mapped: a collision may evict, but most must survive. */
	cr_assert_geq(hits, 40, "only %d of 50 entries hit", hits);
}

Test(credcache, one_slot_table_evicts)
{
	struct credcache	*one;

	cr_assert_not_null(one = credcache_new(1, TTL));
	credcache_store(one, 1, CHANGED, hash, "a", NOW);
	credcache_store(one, 2, CHANGED, hash, "b", NOW);
	cr_assert_eq(credcache_check(one, 1, CHANGED, hash, "a", NOW), 0);
	cr_assert_eq(credcache_check(one, 2, CHANGED, hash, "b", NOW), 1);
	credcache_free(one);
}

Test(credcache, overlong_password_is_never_cached)
{
	char	pw[PASSWORD_MAX_LEN + 2];

	memset(pw, 'a', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	credcache_store(cc, 1, CHANGED, hash, pw, NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, pw, NOW), 0);
	pw[PASSWORD_MAX_LEN] = '\0';
	credcache_store(cc, 1, CHANGED, hash, pw, NOW);
	cr_assert_eq(credcache_check(cc, 1, CHANGED, hash, pw, NOW), 1);
}

Test(credcache, new_refuses_zero_entries_and_null_is_a_miss)
{
	cr_assert_null(credcache_new(0, TTL));
	cr_assert_eq(credcache_check(NULL, 1, CHANGED, hash, "pw", NOW), 0);
	credcache_store(NULL, 1, CHANGED, hash, "pw", NOW);
	credcache_free(NULL);
}

Test(credcache, caches_are_independent)
{
	struct credcache	*other;

	cr_assert_not_null(other = credcache_new(1024, TTL));
	credcache_store(cc, 1, CHANGED, hash, "pw", NOW);
	cr_assert_eq(credcache_check(other, 1, CHANGED, hash, "pw", NOW), 0);
	credcache_free(other);
}
