/*
 * What FCM and Google's token endpoint answer, read by pure functions
 * (the adapter itself is reached through provider.h; these are for it,
 * the unit tests and tests/fuzz).
 */
#ifndef MT_FCM_H
#define MT_FCM_H

#include <stddef.h>

/*
 * Reads {"access_token": "...", "expires_in": 3599, "token_type":
 * "Bearer"}: 0 with *token (malloc'd; wipe and free it) and *expires_in
 * (seconds), or -1 with err.  A token with a CR, LF or control byte, or
 * longer than 4096 bytes, is refused: it goes into a header.
 */
int	fcm_read_token(const char *json, size_t len, char **token,
	    int *expires_in, char *err, size_t errsz);
/*
 * FCM's error status and code of a refused push ({"error": {"status",
 * "details": [{"errorCode"}]}}) as " (NOT_FOUND UNREGISTERED)" into out,
 * or "" when the body says neither.
 */
void	fcm_read_error(const char *body, size_t len, char *out, size_t outsz);

#endif
