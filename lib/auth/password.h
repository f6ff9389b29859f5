/*
 * Password hashing with argon2id (libargon2), in the PHC string format
 * ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash").
 */
#ifndef MT_PASSWORD_H
#define MT_PASSWORD_H

#include <stddef.h>
#include <stdint.h>

#include "core/conf.h"

#define PASSWORD_HASH_MAX	256
#define PASSWORD_MAX_LEN	1024	/* longer passwords are refused */
#define PASSWORD_MIN_LEN	8	/* shorter ones too */

struct password_params {
	uint32_t	memory_kib;
	uint32_t	iterations;
	uint32_t	parallelism;
};

void	password_params_from_conf(struct password_params *p,
	    const struct conf *c);
/*
 * The rule every new password meets, for the API and mentorshipctl
 * alike: NULL when pw is acceptable, else the sentence that says why not.
 */
const char	*password_check(const char *pw);
/* Hashes pw with a fresh random salt into out.  0 or -1. */
int	password_hash(const struct password_params *p, const char *pw,
	    char out[PASSWORD_HASH_MAX]);
/*
 * Checks pw against an encoded hash (the parameters come from the hash
 * itself).  1 match, 0 no match, -1 the hash is malformed.
 */
int	password_verify(const char *encoded, const char *pw);
/* How many argon2 verifications this process ran (tests, logs). */
unsigned long	password_verify_count(void);
/*
 * Writes a random password of len characters (letters and digits, about
 * 5.9 bits each) into out (len + 1 bytes).  0 or -1.
 */
int	password_generate(char *out, size_t len);
/* Fills buf with n cryptographically random bytes.  0 or -1. */
int	random_bytes(void *buf, size_t n);

#endif
