/*
 * What OnionDev answers our requests with, read by pure functions (the
 * adapter itself is reached through provider.h; these are for it, the
 * unit tests and tests/fuzz).
 */
#ifndef MT_ONIONDEV_H
#define MT_ONIONDEV_H

#include <stddef.h>

/*
 * Reads the call's id from the call response, {"scheduled_call_id": "123"}
 * (a JSON integer is accepted too): the id the call-end webhook later
 * sends as scheduledCallId, printable ASCII, into out.  0, or -1 with why
 * set.
 */
int	oniondev_read_call_id(const char *json, size_t len, char *out,
	    size_t outsz, char *why, size_t whysz);

#endif
