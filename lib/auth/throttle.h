/*
 * Throttling of failed logins, shared through the database by every
 * worker and app server.  Two counters per failure, in fixed windows of
 * auth.throttle_window_seconds: one for the login name from that address
 * (limit auth.throttle_max_failures) and one for the address alone (ten
 * times that), so that one client can neither guess one password nor
 * sweep many accounts.
 */
#ifndef MT_THROTTLE_H
#define MT_THROTTLE_H

#include <stdint.h>

#include "core/conf.h"
#include "db/db.h"

/*
 * Whether a login attempt may go ahead: *wait_seconds is 0 when it may,
 * else how long to wait (Retry-After).
 */
enum outcome throttle_check(struct db *db, const struct conf *c,
	    const char *login, const char *ip, int64_t now_us,
	    unsigned *wait_seconds);
/* Counts one failure for login and ip. */
enum outcome throttle_record_failure(struct db *db, const struct conf *c,
	    const char *login, const char *ip, int64_t now_us);

#endif
