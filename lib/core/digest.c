#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "core/digest.h"

void
digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN])
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		md[SHA256_DIGEST_LENGTH];
	unsigned int		mdlen = 0;

	/* EVP_Digest only fails when out of memory: the zero digest then
	 * matches nothing that was stored. */
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		memset(md, 0, sizeof(md));
	for (size_t i = 0; i < sizeof(md); i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * sizeof(md)] = '\0';
}

bool
digest_hmac_sha256_matches(const char *key, const char *prefix,
    const void *data, size_t len, const char *hex)
{
	unsigned char	 md[SHA256_DIGEST_LENGTH], want[SHA256_DIGEST_LENGTH];
	unsigned int	 mdlen = 0;
	size_t		 plen = strlen(prefix);
	unsigned char	*msg;
	bool		 ok = false;

	if (strlen(hex) != 2 * sizeof(want))
		return false;
	for (size_t i = 0; i < sizeof(want); i++) {
		unsigned	v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1 ||
		    strchr("0123456789abcdefABCDEF", hex[2 * i]) == NULL ||
		    strchr("0123456789abcdefABCDEF", hex[2 * i + 1]) == NULL)
			return false;
		want[i] = (unsigned char)v;
	}
	if ((msg = malloc(plen + len + 1)) == NULL)
		return false;
	memcpy(msg, prefix, plen);
	if (len > 0)
		memcpy(msg + plen, data, len);
	if (HMAC(EVP_sha256(), key, (int)strlen(key), msg, plen + len, md,
	    &mdlen) != NULL && mdlen == sizeof(md))
		ok = CRYPTO_memcmp(md, want, sizeof(md)) == 0;
	free(msg);
	return ok;
}
