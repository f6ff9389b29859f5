/*
 * What the providers we call answer, as our clients read it: OnionDev's
 * call response, Google's OAuth token response and FCM's refusals (the
 * first byte chooses).  SMTP answers are libcurl's to read: mail.c only
 * looks at the reply code libcurl gives it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "providers/fcm.h"
#include "providers/oniondev.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*body = (const char *)data + 1;
	char		 out[256], why[256], *token;
	int		 expires;

	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		if (oniondev_read_call_id(body, size - 1, out, sizeof(out), why,
		    sizeof(why)) == 0 && strlen(out) >= sizeof(out))
			abort();
		break;
	case 1:
		if (fcm_read_token(body, size - 1, &token, &expires, why,
		    sizeof(why)) == 0) {
			if (expires < 1 || strpbrk(token, "\r\n") != NULL)
				abort();
			free(token);
		}
		break;
	default:
		fcm_read_error(body, size - 1, out, sizeof(out));
		break;
	}
	return 0;
}
