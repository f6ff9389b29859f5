#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
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
