/*
 * A fake FCM server (tests/fakes/fake_fcm.py) on 127.0.0.1 with a service
 * account of a fresh RSA key, and the environment a mentorship-worker
 * needs to push through it.
 */
#ifndef MT_TEST_FCM_H
#define MT_TEST_FCM_H

#include "fakes.h"

struct fcm_fake {
	struct fake	 fake;
	char		 vars[4][400];
	/* MENTORSHIP_* assignments for putenv, NULL-ended. */
	const char	*env[6];
};

void	fcm_fake_start(struct fcm_fake *f);
void	fcm_fake_stop(struct fcm_fake *f);
/* The messages FCM was sent (JSON array; the caller deletes it). */
cJSON	*fcm_fake_sent(struct fcm_fake *f);

#endif
