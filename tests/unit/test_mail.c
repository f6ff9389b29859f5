/*
 * mail_send() against tests/fakes/fake_smtp.py on 127.0.0.1, which
 * records every message it accepts: the tests assert the envelope and
 * the message that arrive, that TLS and AUTH are used as configured and
 * never skipped, and what the caller learns when the server or the
 * input is at fault.
 *
 * Each test makes a self-signed certificate for localhost and 127.0.0.1
 * with the openssl command in a directory of its own and trusts it
 * through [smtp] ca_file.  The fake runs under $PYTHON if set, else
 * python3 from PATH.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "core/conf.h"
#include "core/outcome.h"
#include "core/timeutil.h"
#include "providers/mail.h"
#include "fakes.h"

#ifndef TEST_FAKES_DIR
#error "TEST_FAKES_DIR must name tests/fakes"
#endif

#define USER		"mentorship"
#define PASS		"s3cret-Smtp-pass"
#define FROM_ADDR	"no-reply@example.org"
#define FROM_NAMED	"Mentoring Tool <" FROM_ADDR ">"
#define TO		"mentor@example.com"
/* "Réinitialisez votre mot de passe" and its base64. */
#define SUBJECT_UTF8	"R\xc3\xa9initialisez votre mot de passe"
#define SUBJECT_B64	"UsOpaW5pdGlhbGlzZXogdm90cmUgbW90IGRlIHBhc3Nl"
/* A line of only "." would end DATA if libcurl did not stuff it. */
#define TEXT		"Hello,\n\n.leading dot\n..two dots\n.\nBye\n"
#define TEXT_CRLF	"Hello,\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nBye\r\n"

static struct fake	smtp;
static struct conf	conf;
static bool		conf_up;
static char		dir[64];
static char		cert[128], key[128];

/* ---- set-up ---- */

/* Runs argv with its output thrown away; asserts it exits 0. */
static void
run(char *const argv[])
{
	pid_t	pid;
	int	status, fd;

	cr_assert_neq(pid = fork(), -1);
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "%s failed (is it installed?)", argv[0]);
}

/*
 * A self-signed certificate and its key in dir/<name>.pem and
 * dir/<name>.key, for the names in san.
 */
static void
make_cert(const char *name, const char *cn, const char *san, char *certp,
    size_t certsz, char *keyp, size_t keysz)
{
	char	subj[128], ext[256];

	snprintf(certp, certsz, "%s/%s.pem", dir, name);
	snprintf(keyp, keysz, "%s/%s.key", dir, name);
	snprintf(subj, sizeof(subj), "/CN=%s", cn);
	snprintf(ext, sizeof(ext), "subjectAltName=%s", san);
	run((char *const[]){ "openssl", "req", "-x509", "-newkey", "rsa:2048",
	    "-nodes", "-days", "2", "-subj", subj, "-addext", ext, "-keyout",
	    keyp, "-out", certp, NULL });
}

static void
set_str(char **field, const char *v)
{
	free(*field);
	cr_assert_not_null(*field = strdup(v));
}

static void
setup(void)
{
	static const char *const proxies[] = { "smtp_proxy", "smtps_proxy",
	    "all_proxy", "ALL_PROXY" };

	/* libcurl would take an SMTP connection through these. */
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	snprintf(dir, sizeof(dir), "/tmp/test_mail.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	make_cert("server", "localhost", "DNS:localhost,IP:127.0.0.1", cert,
	    sizeof(cert), key, sizeof(key));

	conf_defaults(&conf);
	conf_up = true;
	set_str(&conf.smtp_host, "127.0.0.1");
	set_str(&conf.smtp_ca_file, cert);
	set_str(&conf.smtp_from, FROM_NAMED);
	conf.smtp_security = SMTP_STARTTLS;
	conf.smtp_connect_timeout_ms = 5000;
	conf.smtp_timeout_ms = 20000;
}

/* Removes dir and the files in it (only certificates go there). */
static void
remove_dir(void)
{
	static const char *const names[] = { "server", "other", "wrongname" };
	char			 p[160];

	if (dir[0] == '\0')
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s.pem", dir, names[i]);
		unlink(p);
		snprintf(p, sizeof(p), "%s/%s.key", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	dir[0] = '\0';
}

static void
teardown(void)
{
	fake_stop(&smtp);
	if (conf_up)
		conf_release(&conf);
	conf_up = false;
	remove_dir();
}

TestSuite(mail, .init = setup, .fini = teardown);

/* ---- helpers ---- */

static enum outcome
send_mail(const char *to, const char *subject, const char *text,
    struct outcome_detail *d)
{
	struct mail_message	m = { .to = to, .subject = subject,
	    .text = text };

	return mail_send(&conf, &m, d);
}

static void
use_fake(void)
{
	conf.smtp_port = (unsigned)smtp.port;
}

/* The messages the fake accepted; asserts there are n of them. */
static cJSON *
records(int n)
{
	cJSON	*all = fake_requests(&smtp);

	cr_assert_eq(cJSON_GetArraySize(all), n,
	    "the fake recorded %d messages, not %d",
	    cJSON_GetArraySize(all), n);
	return all;
}

static const char *
rec_str(const cJSON *r, const char *name)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(r, name);

	cr_assert(cJSON_IsString(v), "no string %s in the record", name);
	return v->valuestring;
}

/* Whether the header block of data holds the line "line\r\n". */
static bool
has_header(const char *data, const char *line)
{
	const char	*end = strstr(data, "\r\n\r\n");
	size_t		 n = strlen(line);

	cr_assert_not_null(end, "no end of headers in the message");
	for (const char *p = data; p <= end; p = strstr(p, "\r\n") + 2)
		if (strncmp(p, line, n) == 0 && strncmp(p + n, "\r\n", 2) == 0)
			return true;
	return false;
}

/* The value of the header name (first line only), or NULL. */
static const char *
header_value(const char *data, const char *name, char *out, size_t outsz)
{
	const char	*end = strstr(data, "\r\n\r\n");
	size_t		 n = strlen(name);

	for (const char *p = data; p <= end; p = strstr(p, "\r\n") + 2)
		if (strncmp(p, name, n) == 0 && strncmp(p + n, ": ", 2) == 0) {
			snprintf(out, outsz, "%.*s",
			    (int)strcspn(p + n + 2, "\r\n"), p + n + 2);
			return out;
		}
	return NULL;
}

static const char *
body_of(const char *data)
{
	const char	*end = strstr(data, "\r\n\r\n");

	cr_assert_not_null(end);
	return end + 4;
}

static void
assert_crlf_only(const char *data)
{
	for (const char *p = data; (p = strchr(p, '\n')) != NULL; p++)
		cr_assert(p > data && p[-1] == '\r', "a bare LF at byte %td",
		    p - data);
}

/* A socket listening on 127.0.0.1 that nobody accepts on. */
static int
silent_listener(int *port)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof(sin);
	int			s;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_neq(s = socket(AF_INET, SOCK_STREAM, 0), -1);
	cr_assert_eq(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	cr_assert_eq(listen(s, 8), 0);
	cr_assert_eq(getsockname(s, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return s;
}

/* ---- sending ---- */

Test(mail, starttls_with_auth)
{
	struct outcome_detail	 d;
	cJSON			*all, *r, *rcpt;
	const char		*data;
	char			 v[256], hex[64], dom[64];
	struct tm		 tm;
	time_t			 sent;

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--require-starttls", "--auth", USER ":" PASS,
	    NULL);
	use_fake();
	set_str(&conf.smtp_username, USER);
	set_str(&conf.smtp_password, PASS);

	cr_assert_eq(send_mail(TO, SUBJECT_UTF8, TEXT, &d), OUTCOME_OK,
	    "mail_send: %s", d.text);
	all = records(1);
	r = cJSON_GetArrayItem(all, 0);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "tls")));
	cr_assert_str_eq(rec_str(r, "auth_user"), USER);
	cr_assert_str_eq(rec_str(r, "mail_from"), FROM_ADDR);
	rcpt = cJSON_GetObjectItem(r, "rcpt_to");
	cr_assert_eq(cJSON_GetArraySize(rcpt), 1);
	cr_assert_str_eq(cJSON_GetArrayItem(rcpt, 0)->valuestring, TO);

	data = rec_str(r, "data");
	assert_crlf_only(data);
	cr_assert(has_header(data, "From: " FROM_NAMED), "%s", data);
	cr_assert(has_header(data, "To: " TO), "%s", data);
	cr_assert(has_header(data, "Subject: =?UTF-8?B?" SUBJECT_B64 "?="),
	    "%s", data);
	cr_assert(has_header(data, "MIME-Version: 1.0"));
	cr_assert(has_header(data,
	    "Content-Type: text/plain; charset=utf-8"));
	cr_assert(has_header(data, "Content-Transfer-Encoding: 8bit"));

	/* RFC 5322 date in UTC, within a minute of now. */
	cr_assert_not_null(header_value(data, "Date", v, sizeof(v)));
	memset(&tm, 0, sizeof(tm));
	cr_assert_not_null(strptime(v, "%a, %d %b %Y %H:%M:%S +0000", &tm),
	    "Date: %s", v);
	sent = timegm(&tm);
	cr_assert_lt(labs((long)(sent - time(NULL))), 60L, "Date: %s", v);

	/* A random id at the domain of [smtp] from. */
	cr_assert_not_null(header_value(data, "Message-ID", v, sizeof(v)));
	cr_assert_eq(sscanf(v, "<%63[0-9a-f]@%63[^>]>", hex, dom), 2,
	    "Message-ID: %s", v);
	cr_assert_geq(strlen(hex), 16);
	cr_assert_str_eq(dom, "example.org");

	/* Dot-stuffed by libcurl, unstuffed by the server: intact. */
	cr_assert_str_eq(body_of(data), TEXT_CRLF);
	cJSON_Delete(all);
}

Test(mail, two_mails_get_two_message_ids)
{
	struct outcome_detail	 d;
	cJSON			*all;
	char			 a[256], b[256];

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, NULL);
	use_fake();
	cr_assert_eq(send_mail(TO, "One", "1\n", &d), OUTCOME_OK, "%s",
	    d.text);
	cr_assert_eq(send_mail(TO, "Two", "2\n", &d), OUTCOME_OK, "%s",
	    d.text);
	all = records(2);
	cr_assert_not_null(header_value(rec_str(cJSON_GetArrayItem(all, 0),
	    "data"), "Message-ID", a, sizeof(a)));
	cr_assert_not_null(header_value(rec_str(cJSON_GetArrayItem(all, 1),
	    "data"), "Message-ID", b, sizeof(b)));
	cr_assert_str_neq(a, b);
	cJSON_Delete(all);
}

Test(mail, implicit_tls)
{
	struct outcome_detail	 d;
	cJSON			*all, *r;
	const char		*data;

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--implicit-tls", NULL);
	use_fake();
	conf.smtp_security = SMTP_TLS;
	set_str(&conf.smtp_from, FROM_ADDR);

	cr_assert_eq(send_mail(TO, "Password reset", "Line one\nLine two",
	    &d), OUTCOME_OK, "mail_send: %s", d.text);
	all = records(1);
	r = cJSON_GetArrayItem(all, 0);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "tls")));
	/* No username: no AUTH. */
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r, "auth_user")));
	cr_assert_str_eq(rec_str(r, "mail_from"), FROM_ADDR);
	data = rec_str(r, "data");
	cr_assert(has_header(data, "From: " FROM_ADDR), "%s", data);
	cr_assert(has_header(data, "Subject: Password reset"), "%s", data);
	/* The last line gets its CRLF too. */
	cr_assert_str_eq(body_of(data), "Line one\r\nLine two\r\n");
	cJSON_Delete(all);
}

/* Decodes one "=?UTF-8?B?...?=" word at w (len bytes) onto out. */
static void
decode_word(const char *w, size_t len, char *out, size_t outsz)
{
	unsigned char	 raw[128];
	size_t		 b64len, have = strlen(out);
	int		 n;

	cr_assert(len > 12 && strncmp(w, "=?UTF-8?B?", 10) == 0 &&
	    strncmp(w + len - 2, "?=", 2) == 0, "not a word: %.*s",
	    (int)len, w);
	cr_assert_leq(len, 75, "a word longer than RFC 2047 allows");
	b64len = len - 12;
	cr_assert_lt(b64len, sizeof(raw));
	n = EVP_DecodeBlock(raw, (const unsigned char *)w + 10, (int)b64len);
	cr_assert_geq(n, 0);
	/* EVP_DecodeBlock counts the padding as bytes. */
	for (size_t i = b64len; i > 0 && w[10 + i - 1] == '='; i--)
		n--;
	cr_assert_lt(have + (size_t)n, outsz);
	memcpy(out + have, raw, (size_t)n);
	out[have + (size_t)n] = '\0';
}

Test(mail, plain_relay_and_utf8_headers)
{
	struct outcome_detail	 d;
	cJSON			*all, *r;
	const char		*data, *p, *end;
	char			 subject[512], decoded[512];
	size_t			 n;
	int			 words = 0;

	/* 70 two-byte characters: a character must not be cut in two. */
	for (int i = 0; i < 70; i++)
		memcpy(subject + 2 * i, "\xc3\xa9", 2);
	subject[140] = '\0';
	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", NULL);
	use_fake();
	conf.smtp_security = SMTP_NONE;
	/* "Équipe Mentorat": 8-bit headers would need SMTPUTF8. */
	set_str(&conf.smtp_from, "\xc3\x89quipe Mentorat <" FROM_ADDR ">");

	cr_assert_eq(send_mail(TO, subject, "x\n", &d), OUTCOME_OK,
	    "mail_send: %s", d.text);
	all = records(1);
	r = cJSON_GetArrayItem(all, 0);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r, "tls")));
	data = rec_str(r, "data");
	assert_crlf_only(data);
	cr_assert(has_header(data, "From: =?UTF-8?B?w4lxdWlwZSBNZW50b3JhdA==?= "
	    "<" FROM_ADDR ">"), "%s", data);
	cr_assert_not_null(p = strstr(data, "\r\nSubject: "));
	p += strlen("\r\nSubject: ");
	decoded[0] = '\0';
	for (;;) {
		end = strstr(p, "\r\n");
		n = (size_t)(end - p);
		decode_word(p, n, decoded, sizeof(decoded));
		words++;
		if (end[2] != ' ')
			break;
		p = end + 3;	/* folded: CRLF SP */
	}
	cr_assert_gt(words, 1, "140 bytes in one word");
	cr_assert_str_eq(decoded, subject);
	cJSON_Delete(all);
}

/* ---- failures of the server ---- */

Test(mail, starttls_not_offered_is_a_failure)
{
	struct outcome_detail	 d;

	/* No certificate: the fake does not offer STARTTLS. */
	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", NULL);
	use_fake();
	set_str(&conf.smtp_username, USER);
	set_str(&conf.smtp_password, PASS);

	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cr_assert_neq(d.text[0], '\0');
	cr_assert_null(strstr(d.text, PASS));
	cJSON_Delete(records(0));
}

Test(mail, wrong_password)
{
	struct outcome_detail	 d;

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--auth", USER ":right-password", NULL);
	use_fake();
	set_str(&conf.smtp_username, USER);
	set_str(&conf.smtp_password, PASS);

	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cr_assert_neq(d.text[0], '\0');
	cr_assert_null(strstr(d.text, PASS), "the password in: %s", d.text);
	cr_assert_null(d.field);
	cJSON_Delete(records(0));
}

Test(mail, rejected_recipient_is_invalid)
{
	struct outcome_detail	 d;

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--reject-rcpt", "gone@example.com", NULL);
	use_fake();

	cr_assert_eq(send_mail("gone@example.com", "Hi", TEXT, &d),
	    OUTCOME_INVALID, "%s", d.text);
	cr_assert_str_eq(d.field, "to");
	cr_assert_neq(d.text[0], '\0');
	cJSON_Delete(records(0));
}

Test(mail, tempfail_then_ok)
{
	struct outcome_detail	 d;

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", cert,
	    "--tls-key", key, "--tempfail", "1", NULL);
	use_fake();

	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cr_assert_not_null(strstr(d.text, "451"), "%s", d.text);
	cJSON_Delete(records(0));
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_OK, "%s", d.text);
	cJSON_Delete(records(1));
}

Test(mail, refused_port_fails_fast)
{
	struct outcome_detail	 d;
	int64_t			 t0;
	int			 s, port;

	/* A port that was free a moment ago: connections are refused. */
	s = silent_listener(&port);
	close(s);
	conf.smtp_port = (unsigned)port;
	t0 = time_monotonic_us();
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cr_assert_lt(time_monotonic_us() - t0, 3 * TIME_US);
	cr_assert_neq(d.text[0], '\0');
}

Test(mail, silent_server_hits_the_connect_timeout)
{
	struct outcome_detail	 d;
	int64_t			 t0, took;
	int			 s, port;

	/* The kernel completes the handshake; no greeting ever comes. */
	s = silent_listener(&port);
	conf.smtp_port = (unsigned)port;
	conf.smtp_connect_timeout_ms = 500;
	t0 = time_monotonic_us();
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	took = time_monotonic_us() - t0;
	close(s);
	cr_assert_geq(took, 400 * 1000, "gave up after %lld us",
	    (long long)took);
	cr_assert_lt(took, 5 * TIME_US, "waited %lld us", (long long)took);
	cr_assert_not_null(strstr(d.text, "timed out"), "%s", d.text);
}

Test(mail, certificate_from_another_ca)
{
	struct outcome_detail	 d;
	char			 ocert[128], okey[128];

	make_cert("other", "localhost", "DNS:localhost,IP:127.0.0.1", ocert,
	    sizeof(ocert), okey, sizeof(okey));
	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", ocert,
	    "--tls-key", okey, NULL);
	use_fake();
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cJSON_Delete(records(0));
	fake_stop(&smtp);

	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", ocert,
	    "--tls-key", okey, "--implicit-tls", NULL);
	use_fake();
	conf.smtp_security = SMTP_TLS;
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cJSON_Delete(records(0));
}

Test(mail, certificate_for_another_host)
{
	struct outcome_detail	 d;
	char			 wcert[128], wkey[128];

	/* Trusted, but not for 127.0.0.1: the host name is checked too. */
	make_cert("wrongname", "mail.example.net", "DNS:mail.example.net",
	    wcert, sizeof(wcert), wkey, sizeof(wkey));
	set_str(&conf.smtp_ca_file, wcert);
	fake_start(&smtp, TEST_FAKES_DIR, "fake_smtp.py", "--tls-cert", wcert,
	    "--tls-key", wkey, NULL);
	use_fake();
	cr_assert_eq(send_mail(TO, "Hi", TEXT, &d), OUTCOME_PROVIDER_FAILED);
	cJSON_Delete(records(0));
}

/* ---- input refused before any connection ---- */

Test(mail, bad_input_is_refused_without_connecting)
{
	static const struct {
		const char	*to, *subject, *text, *field;
	} cases[] = {
		{ TO "\r\nBcc: x@example.org", "Hi", "x", "to" },
		{ TO "\n", "Hi", "x", "to" },
		{ TO "\r", "Hi", "x", "to" },
		{ "mentor\t@example.com", "Hi", "x", "to" },
		{ "", "Hi", "x", "to" },
		{ NULL, "Hi", "x", "to" },
		{ "not-an-address", "Hi", "x", "to" },
		{ "a@b@example.org", "Hi", "x", "to" },
		{ "<" TO ">", "Hi", "x", "to" },
		{ "Mentor <" TO ">", "Hi", "x", "to" },
		{ ".mentor@example.com", "Hi", "x", "to" },
		{ "men..tor@example.com", "Hi", "x", "to" },
		{ "mentor@-example.com", "Hi", "x", "to" },
		{ "mentor@example.com.", "Hi", "x", "to" },
		{ "mentor@[127.0.0.1]", "Hi", "x", "to" },
		{ "m\xc3\xa9ntor@example.com", "Hi", "x", "to" },
		{ TO, "Hi\r\nBcc: x@example.org", "x", "subject" },
		{ TO, "Hi\nthere", "x", "subject" },
		{ TO, "Hi\tthere", "x", "subject" },
		{ TO, "Hi\x01", "x", "subject" },
		{ TO, "Hi\x7f", "x", "subject" },
		{ TO, "\xc3\x28", "x", "subject" },
		{ TO, "Hi", "\xff\n", "text" },
	};
	struct outcome_detail	 d;
	struct pollfd		 pfd;
	char			*longline;
	int			 s, port;

	s = silent_listener(&port);
	conf.smtp_port = (unsigned)port;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_assert_eq(send_mail(cases[i].to, cases[i].subject,
		    cases[i].text, &d), OUTCOME_INVALID, "case %zu", i);
		cr_assert_str_eq(d.field, cases[i].field, "case %zu", i);
		cr_assert_neq(d.text[0], '\0', "case %zu", i);
	}
	cr_assert_not_null(longline = malloc(1001));
	memset(longline, 'a', 999);
	longline[999] = '\n';
	longline[1000] = '\0';
	cr_assert_eq(send_mail(TO, "Hi", longline, &d), OUTCOME_INVALID);
	cr_assert_str_eq(d.field, "text");
	free(longline);

	/* Nobody knocked. */
	pfd.fd = s;
	pfd.events = POLLIN;
	cr_assert_eq(poll(&pfd, 1, 200), 0, "mail_send connected");
	close(s);
}

Test(mail, bad_from_is_refused_without_connecting)
{
	static const char *const froms[] = { "Mentoring Tool",
	    "Mentoring Tool <no-reply@example.org", "<>",
	    "Tool <a@example.org> <b@example.org>",
	    "Tool\r\nBcc: x@example.org <a@example.org>" };
	struct outcome_detail	 d;
	struct pollfd		 pfd;
	int			 s, port;

	s = silent_listener(&port);
	conf.smtp_port = (unsigned)port;
	for (size_t i = 0; i < sizeof(froms) / sizeof(froms[0]); i++) {
		set_str(&conf.smtp_from, froms[i]);
		cr_assert_eq(send_mail(TO, "Hi", "x", &d),
		    OUTCOME_PROVIDER_FAILED, "from %zu", i);
	}
	pfd.fd = s;
	pfd.events = POLLIN;
	cr_assert_eq(poll(&pfd, 1, 200), 0, "mail_send connected");
	close(s);
}
