/*
 * SHA-256 as lowercase hex: the form in which secrets and keys that must
 * not be stored in clear (session tokens, throttle keys) reach the database.
 */
#ifndef MT_DIGEST_H
#define MT_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_HEX_LEN	65	/* 64 hex digits and the NUL */

/* Writes the hex SHA-256 of data into out. */
void	digest_sha256_hex(const void *data, size_t len,
	    char out[DIGEST_HEX_LEN]);

/*
 * Whether hex (lowercase or not) is the HMAC-SHA256 under key of the
 * bytes of prefix followed by data: compared in constant time.
 */
bool	digest_hmac_sha256_matches(const char *key, const char *prefix,
	    const void *data, size_t len, const char *hex);

#endif
