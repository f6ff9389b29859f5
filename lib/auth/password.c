#include "config.h"

#include <string.h>

#include <argon2.h>
#include <openssl/rand.h>

#include "auth/password.h"
#include "core/log.h"

#define SALT_LEN	16
#define HASH_LEN	32

static unsigned long	verify_count;

const char *
password_check(const char *pw)
{
	if (strlen(pw) < PASSWORD_MIN_LEN)
		return "Ensure this field has at least 8 characters.";
	if (strlen(pw) > PASSWORD_MAX_LEN)
		return "Ensure this field has no more than 1024 characters.";
	return NULL;
}

void
password_params_from_conf(struct password_params *p, const struct conf *c)
{
	p->memory_kib = c->auth_argon2_memory_kib;
	p->iterations = c->auth_argon2_iterations;
	p->parallelism = c->auth_argon2_parallelism;
}

int
random_bytes(void *buf, size_t n)
{
	if (n > INT32_MAX || RAND_bytes(buf, (int)n) != 1)
		return -1;
	return 0;
}

int
password_hash(const struct password_params *p, const char *pw,
    char out[PASSWORD_HASH_MAX])
{
	unsigned char	salt[SALT_LEN];
	size_t		len = strlen(pw);
	int		rc;

	if (len > PASSWORD_MAX_LEN || random_bytes(salt, sizeof(salt)) == -1)
		return -1;
	rc = argon2id_hash_encoded(p->iterations, p->memory_kib,
	    p->parallelism, pw, len, salt, sizeof(salt), HASH_LEN, out,
	    PASSWORD_HASH_MAX);
	explicit_bzero(salt, sizeof(salt));
	if (rc != ARGON2_OK) {
		log_error("argon2id_hash_encoded: %s", argon2_error_message(rc));
		return -1;
	}
	return 0;
}

int
password_verify(const char *encoded, const char *pw)
{
	size_t	len = strlen(pw);
	int	rc;

	if (len > PASSWORD_MAX_LEN)
		return 0;
	if (strncmp(encoded, "$argon2id$", 10) != 0)
		return -1;
	verify_count++;
	rc = argon2id_verify(encoded, pw, len);
	if (rc == ARGON2_OK)
		return 1;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return 0;
	log_error("argon2id_verify: %s", argon2_error_message(rc));
	return -1;
}

unsigned long
password_verify_count(void)
{
	return verify_count;
}

int
password_generate(char *out, size_t len)
{
	static const char	alphabet[] =
	    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	const size_t		n = sizeof(alphabet) - 1;
	unsigned char		r;
	size_t			i = 0;

	/* Rejection sampling keeps every character equally likely. */
	while (i < len) {
		if (random_bytes(&r, 1) == -1)
			return -1;
		if (r >= 256 - 256 % n)
			continue;
		out[i++] = alphabet[r % n];
	}
	out[len] = '\0';
	return 0;
}
