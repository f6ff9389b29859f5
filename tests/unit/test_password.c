/*
 * Passwords: argon2id hashes in PHC format, verification with the
 * parameters stored in the hash, and generated passwords.  Small argon2
 * parameters keep the tests fast.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "auth/password.h"
#include "core/conf.h"

static const struct password_params	fast = { 64, 1, 1 };

static void
hash_ok(const struct password_params *p, const char *pw,
    char out[PASSWORD_HASH_MAX])
{
	cr_assert_eq(password_hash(p, pw, out), 0, "cannot hash \"%s\"", pw);
}

Test(password, hash_is_argon2id_with_the_given_parameters)
{
	char	h[PASSWORD_HASH_MAX];

	hash_ok(&fast, "correct horse", h);
	cr_assert_eq(strncmp(h, "$argon2id$v=19$m=64,t=1,p=1$", 28), 0, "%s",
	    h);
	cr_assert_null(strstr(h, "correct horse"));
}

Test(password, hashes_are_salted)
{
	char	h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];

	hash_ok(&fast, "same", h1);
	hash_ok(&fast, "same", h2);
	cr_assert_str_neq(h1, h2);
	cr_assert_eq(password_verify(h1, "same"), 1);
	cr_assert_eq(password_verify(h2, "same"), 1);
}

Test(password, verify_roundtrip_and_wrong_password)
{
	char	h[PASSWORD_HASH_MAX];

	hash_ok(&fast, "s3cret:with spaces", h);
	cr_assert_eq(password_verify(h, "s3cret:with spaces"), 1);
	cr_assert_eq(password_verify(h, "s3cret:with space"), 0);
	cr_assert_eq(password_verify(h, "S3cret:with spaces"), 0);
	cr_assert_eq(password_verify(h, ""), 0);
}

Test(password, verify_uses_the_parameters_of_the_hash)
{
	static const struct password_params	other = { 128, 2, 2 };
	char					h[PASSWORD_HASH_MAX];

	hash_ok(&other, "pw", h);
	cr_assert_eq(strncmp(h, "$argon2id$v=19$m=128,t=2,p=2$", 29), 0);
	cr_assert_eq(password_verify(h, "pw"), 1);
	cr_assert_eq(password_verify(h, "pW"), 0);
}

Test(password, non_ascii_password)
{
	char	h[PASSWORD_HASH_MAX];

	hash_ok(&fast, "p\xc3\xa4ssw\xc3\xb6rd", h);
	cr_assert_eq(password_verify(h, "p\xc3\xa4ssw\xc3\xb6rd"), 1);
	cr_assert_eq(password_verify(h, "passw\xc3\xb6rd"), 0);
}

Test(password, malformed_hash_is_an_error)
{
	char	h[PASSWORD_HASH_MAX], cut[PASSWORD_HASH_MAX];

	cr_assert_eq(password_verify("", "pw"), -1);
	cr_assert_eq(password_verify("plain text", "pw"), -1);
	cr_assert_eq(password_verify("pbkdf2_sha256$36000$salt$hash", "pw"),
	    -1);
	hash_ok(&fast, "pw", h);
	/* argon2i, not argon2id */
	snprintf(cut, sizeof(cut), "$argon2i$%s", h + 10);
	cr_assert_eq(password_verify(cut, "pw"), -1);
	/* The hash part cut off, or not base64. */
	snprintf(cut, sizeof(cut), "%.*s", (int)(strrchr(h, '$') - h), h);
	cr_assert_eq(password_verify(cut, "pw"), -1, "%s", cut);
	snprintf(cut, sizeof(cut), "%s", h);
	*(strrchr(cut, '$') + 5) = '!';
	cr_assert_eq(password_verify(cut, "pw"), -1, "%s", cut);
	cr_assert_eq(password_verify("$argon2id$v=19$m=64,t=1,p=1$", "pw"), -1);
	cr_assert_eq(password_verify("$argon2id$garbage", "pw"), -1);
}

Test(password, verify_count_counts_verifications)
{
	char		h[PASSWORD_HASH_MAX];
	unsigned long	before;

	hash_ok(&fast, "pw", h);
	before = password_verify_count();
	password_verify(h, "pw");
	cr_assert_eq(password_verify_count(), before + 1);
	password_verify(h, "wrong");
	cr_assert_eq(password_verify_count(), before + 2);
	/* Hashing is not verifying. */
	hash_ok(&fast, "pw", h);
	cr_assert_eq(password_verify_count(), before + 2);
}

Test(password, overlong_password_is_refused)
{
	char	h[PASSWORD_HASH_MAX], pw[PASSWORD_MAX_LEN + 2];
	unsigned long	before;

	memset(pw, 'a', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	cr_assert_eq(password_hash(&fast, pw, h), -1);
	pw[PASSWORD_MAX_LEN] = '\0';
	hash_ok(&fast, pw, h);
	cr_assert_eq(password_verify(h, pw), 1);
	pw[PASSWORD_MAX_LEN] = 'a';
	before = password_verify_count();
	cr_assert_eq(password_verify(h, pw), 0);
	cr_assert_eq(password_verify_count(), before,
	    "argon2 ran on an overlong password");
}

Test(password, bad_parameters_fail)
{
	static const struct password_params	none = { 0, 0, 0 };
	char					h[PASSWORD_HASH_MAX];

	cr_assert_eq(password_hash(&none, "pw", h), -1);
}

Test(password, params_from_conf)
{
	struct conf		c;
	struct password_params	p;

	conf_defaults(&c);
	c.auth_argon2_memory_kib = 1024;
	c.auth_argon2_iterations = 3;
	c.auth_argon2_parallelism = 2;
	password_params_from_conf(&p, &c);
	cr_assert_eq(p.memory_kib, 1024);
	cr_assert_eq(p.iterations, 3);
	cr_assert_eq(p.parallelism, 2);
	conf_release(&c);
}

Test(password, generate_length_and_alphabet)
{
	static const char	allowed[] =
	    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	char			pw[65], other[65];

	for (size_t len = 0; len <= 64; len += 8) {
		memset(pw, '#', sizeof(pw));
		cr_assert_eq(password_generate(pw, len), 0);
		cr_assert_eq(strlen(pw), len);
		cr_assert_eq(strspn(pw, allowed), len, "bad character in %s",
		    pw);
	}
	/* No look-alikes that a user would mistype. */
	cr_assert_null(strpbrk(allowed, "0O1lI"));
	cr_assert_eq(password_generate(other, 64), 0);
	cr_assert_str_neq(pw, other);
}

Test(password, generate_uses_the_whole_alphabet)
{
	char	pw[4001];
	int	seen[256] = { 0 };
	int	distinct = 0;

	cr_assert_eq(password_generate(pw, 4000), 0);
	for (size_t i = 0; i < 4000; i++)
		if (seen[(unsigned char)pw[i]]++ == 0)
			distinct++;
	cr_assert_eq(distinct, 57);
}

Test(password, random_bytes_differ)
{
	unsigned char	a[32], b[32];

	cr_assert_eq(random_bytes(a, sizeof(a)), 0);
	cr_assert_eq(random_bytes(b, sizeof(b)), 0);
	cr_assert_neq(memcmp(a, b, sizeof(a)), 0);
	cr_assert_eq(random_bytes(a, 0), 0);
}
