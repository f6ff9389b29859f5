#include "config.h"

#include <ctype.h>
#include <string.h>

#include "core/phone.h"

/* Checks "+" then 8-15 digits, first not 0, and copies it to out. */
static int
phone_check(const char *digits, size_t n, char out[PHONE_E164_LEN])
{
	if (n < 8 || n > 15 || digits[0] == '0')
		return -1;
	out[0] = '+';
	memcpy(out + 1, digits, n);
	out[n + 1] = '\0';
	return 0;
}

int
phone_normalize(const char *in, char out[PHONE_E164_LEN])
{
	char		digits[32];
	size_t		n = 0;
	const char	*p = in;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+')
		p++;
	else if (p[0] == '0' && p[1] == '0')
		p += 2;
	else
		return -1;
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n == sizeof(digits))
				return -1;
			digits[n++] = *p;
		} else if (!strchr(" -.()", *p))
			return -1;
	}
	return phone_check(digits, n, out);
}

int
phone_from_msisdn(const char *in, char out[PHONE_E164_LEN])
{
	size_t	n;

	if (*in == '+')
		in++;
	n = strlen(in);
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)in[i]))
			return -1;
	return phone_check(in, n, out);
}
