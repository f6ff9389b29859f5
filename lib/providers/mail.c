/*
 * One plain-text e-mail through the SMTP server of [smtp], with libcurl.
 * See mail.h.
 *
 * Each message gets a CURL handle of its own: mails (password resets) are
 * rare, and a connection kept open between two would only time out at
 * the server.  libcurl speaks the protocol, STARTTLS and AUTH included,
 * and dot-stuffs the upload; this file checks what goes into the
 * envelope and the headers, writes the message, and tells a refused
 * recipient (the caller's to fix) from a server that failed (retry).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "auth/password.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "providers/http.h"
#include "providers/mail.h"

#define MAIL_LOCAL_MAX		64	/* bytes of a local part, RFC 5321 */
#define MAIL_LABEL_MAX		63	/* bytes of a domain label */
#define MAIL_DOMAIN_MAX		253
#define MAIL_ADDR_MAX		254	/* local@domain */
#define MAIL_LINE_MAX		998	/* bytes before CRLF, RFC 5322 */
#define MAIL_SUBJECT_MAX	900	/* bytes: a plain one fits a line */
#define MAIL_HOST_MAX		253
#define MAIL_URL_MAX		(MAIL_HOST_MAX + 32)
#define MAIL_ID_BYTES		16	/* random bytes of a Message-ID */
/* Bytes per RFC 2047 word: 52 of base64, so "Subject: " and the word
 * stay within 76 columns. */
#define MAIL_WORD_BYTES		39
/* CRLF for LF at most doubles the body; the headers take the rest. */
#define MAIL_MESSAGE_MAX	(2 * MAIL_TEXT_MAX + 16 * 1024)

/* The command libcurl sent last: what a failing reply answered. */
enum mail_stage {
	MAIL_STAGE_CONNECT,
	MAIL_STAGE_HELLO,
	MAIL_STAGE_STARTTLS,
	MAIL_STAGE_AUTH,
	MAIL_STAGE_MAIL,
	MAIL_STAGE_RCPT,
	MAIL_STAGE_DATA,
	MAIL_STAGE__MAX
};

static const char *const mail_stage_names[MAIL_STAGE__MAX] = {
	"connecting", "EHLO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO",
	"DATA"
};

/* What the read callback hands libcurl: the rest of the message. */
struct mail_source {
	const char	*p;
	size_t		 len;
};

/* ---- checks ---- */

/* Whether s is one line without control bytes (tab included). */
static bool
mail_line_ok(const char *s)
{
	return http_header_value_ok(s) && strchr(s, '\t') == NULL;
}

static bool
mail_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

static bool
mail_alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9');
}

/*
 * Whether the len bytes at a are local@domain: a dot-atom local part (no
 * quoted strings, no UTF-8) and a host name of letters, digits and
 * hyphens (no address literals).  Stricter than RFC 5321 on purpose:
 * whatever passes is safe in a header and an SMTP command.
 */
static bool
mail_addr_ok(const char *a, size_t len)
{
	const char	*at, *dom;
	size_t		 local, dlen, label = 0;

	if (len > MAIL_ADDR_MAX || (at = memchr(a, '@', len)) == NULL)
		return false;
	local = (size_t)(at - a);
	if (local == 0 || local > MAIL_LOCAL_MAX)
		return false;
	for (size_t i = 0; i < local; i++)
		if (a[i] == '.') {
			if (i == 0 || i == local - 1 || a[i - 1] == '.')
				return false;
		} else if (!mail_alnum(a[i]) &&
		    strchr("!#$%&'*+-/=?^_`{|}~", a[i]) == NULL)
			return false;
	dom = at + 1;
	dlen = len - local - 1;
	if (dlen == 0 || dlen > MAIL_DOMAIN_MAX)
		return false;
	for (size_t i = 0; i <= dlen; i++)
		if (i == dlen || dom[i] == '.') {
			if (label == 0 || label > MAIL_LABEL_MAX ||
			    dom[i - 1] == '-')
				return false;
			label = 0;
		} else if (mail_alnum(dom[i]) || (dom[i] == '-' && label > 0))
			label++;
		else
			return false;
	return true;
}

/* The longest line of text in bytes, whatever ends its lines. */
static size_t
mail_longest_line(const char *text)
{
	size_t	n, max = 0;

	for (;;) {
		n = strcspn(text, "\r\n");
		if (n > max)
			max = n;
		text += n;
		if (*text == '\0')
			break;
		text += text[0] == '\r' && text[1] == '\n' ? 2 : 1;
	}
	return max;
}

/* Checks m before anything is sent.  OUTCOME_OK or OUTCOME_INVALID. */
static enum outcome
mail_check(const struct mail_message *m, struct outcome_detail *d)
{
	const char	*subject = m->subject != NULL ? m->subject : "";
	const char	*text = m->text != NULL ? m->text : "";

	if (m->to == NULL || *m->to == '\0')
		return outcome_fail(d, OUTCOME_INVALID, "to",
		    "No address to send to.");
	if (!mail_line_ok(m->to))
		return outcome_fail(d, OUTCOME_INVALID, "to",
		    "The address must not hold a line break or a control "
		    "character.");
	if (!mail_addr_ok(m->to, strlen(m->to)))
		return outcome_fail(d, OUTCOME_INVALID, "to",
		    "Enter an e-mail address of the form local@domain.");
	if (!mail_line_ok(subject))
		return outcome_fail(d, OUTCOME_INVALID, "subject",
		    "The subject must be one line without control "
		    "characters.");
	if (strlen(subject) > MAIL_SUBJECT_MAX)
		return outcome_fail(d, OUTCOME_INVALID, "subject",
		    "The subject is longer than %d bytes.", MAIL_SUBJECT_MAX);
	if (!utf8_valid((const unsigned char *)subject, strlen(subject)))
		return outcome_fail(d, OUTCOME_INVALID, "subject",
		    "The subject is not UTF-8.");
	if (strlen(text) > MAIL_TEXT_MAX)
		return outcome_fail(d, OUTCOME_INVALID, "text",
		    "The text is longer than %d bytes.", MAIL_TEXT_MAX);
	if (!utf8_valid((const unsigned char *)text, strlen(text)))
		return outcome_fail(d, OUTCOME_INVALID, "text",
		    "The text is not UTF-8.");
	if (mail_longest_line(text) > MAIL_LINE_MAX)
		return outcome_fail(d, OUTCOME_INVALID, "text",
		    "A line of the text is longer than %d bytes.",
		    MAIL_LINE_MAX);
	return OUTCOME_OK;
}

/*
 * Finds the addr-spec in [smtp] from, "Name <local@domain>" or
 * "local@domain", and copies it into addr; *namelen is the length of
 * the part before "<" without trailing blanks (0 for a bare address).
 * 0, or -1 when from is neither form or not one clean UTF-8 line.
 */
static int
mail_from_parse(const char *from, char addr[MAIL_ADDR_MAX + 1],
    size_t *namelen)
{
	const char	*lt, *gt, *start = from;
	size_t		 n = strlen(from);

	*namelen = 0;
	if (!mail_line_ok(from) || !utf8_valid((const unsigned char *)from, n))
		return -1;
	if ((lt = strchr(from, '<')) != NULL) {
		gt = strchr(from, '>');
		if (gt == NULL || gt < lt || gt[1] != '\0' ||
		    strchr(lt + 1, '<') != NULL)
			return -1;
		start = lt + 1;
		n = (size_t)(gt - start);
		*namelen = (size_t)(lt - from);
		while (*namelen > 0 && from[*namelen - 1] == ' ')
			(*namelen)--;
	} else if (strchr(from, '>') != NULL)
		return -1;
	if (!mail_addr_ok(start, n))
		return -1;
	memcpy(addr, start, n);
	addr[n] = '\0';
	return 0;
}

/*
 * Writes the smtps:// (security tls) or smtp:// URL of [smtp] host and
 * port into url.  The host must be a name or an address: it goes into a
 * URL.  0, or -1.
 */
static int
mail_url(const struct conf *c, char *url, size_t urlsz)
{
	const char	*h = c->smtp_host;
	size_t		 n = strlen(h);
	bool		 v6;
	int		 r;

	if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
		h++;
		n -= 2;
	}
	if (n == 0 || n > MAIL_HOST_MAX)
		return -1;
	v6 = memchr(h, ':', n) != NULL;
	if (strspn(h, v6 ? "0123456789abcdefABCDEF:." :
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-._") < n)
		return -1;
	r = snprintf(url, urlsz, "%s://%s%.*s%s:%u",
	    c->smtp_security == SMTP_TLS ? "smtps" : "smtp", v6 ? "[" : "",
	    (int)n, h, v6 ? "]" : "", c->smtp_port);
	return r < 0 || (size_t)r >= urlsz ? -1 : 0;
}

/* ---- the message ---- */

/*
 * Appends the len bytes of UTF-8 at s as RFC 2047 encoded words
 * ("=?UTF-8?B?...?="), folded between words.  0 or -1.
 */
static int
mail_put_words(struct buf *b, const char *s, size_t len)
{
	unsigned char	 w[(MAIL_WORD_BYTES + 2) / 3 * 4 + 1];
	size_t		 i = 0, n;

	while (i < len) {
		n = len - i < MAIL_WORD_BYTES ? len - i : MAIL_WORD_BYTES;
		/* A word holds whole characters only (RFC 2047, 5). */
		while (n > 1 && n < len - i &&
		    ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(w, (const unsigned char *)s + i, (int)n);
		if ((i > 0 && buf_puts(b, "\r\n ") == -1) ||
		    buf_printf(b, "=?UTF-8?B?%s?=", (const char *)w) == -1)
			return -1;
		i += n;
	}
	return 0;
}

/* "Date: Sat, 28 Nov 2026 03:22:38 +0000" (RFC 5322, 3.3), in UTC. */
static int
mail_put_date(struct buf *b)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t		 t = (time_t)(time_now_us() / TIME_US);
	struct tm	 tm;

	/* Names from tables: strftime's %a and %b follow the locale. */
	if (gmtime_r(&t, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11)
		return -1;
	return buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/*
 * "From:" with [smtp] from as configured; a display name that is not
 * ASCII goes as encoded words, since 8-bit headers need SMTPUTF8.
 */
static int
mail_put_from(struct buf *b, const char *from, size_t namelen,
    const char *addr)
{
	const char	*name = from;
	size_t		 n = namelen;

	if (n == 0 || mail_ascii(from, strlen(from)))
		return buf_printf(b, "From: %s\r\n", from);
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		name++;
		n -= 2;
	}
	if (buf_puts(b, "From: ") == -1 || mail_put_words(b, name, n) == -1)
		return -1;
	return buf_printf(b, " <%s>\r\n", addr);
}

/* "Subject:", as encoded words unless plain ASCII. */
static int
mail_put_subject(struct buf *b, const char *subject)
{
	size_t	n = strlen(subject);

	/* Plain text that holds "=?" would be read as an encoded word. */
	if (mail_ascii(subject, n) && strstr(subject, "=?") == NULL)
		return buf_printf(b, "Subject: %s\r\n", subject);
	if (buf_puts(b, "Subject: ") == -1 ||
	    mail_put_words(b, subject, n) == -1)
		return -1;
	return buf_puts(b, "\r\n");
}

/* "Message-ID: <32 random hex digits@domain>". */
static int
mail_put_message_id(struct buf *b, const char *domain)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 id[MAIL_ID_BYTES];
	char			 s[2 * MAIL_ID_BYTES + 1];

	if (random_bytes(id, sizeof(id)) == -1) {
		log_error("%s: no random bytes", __func__);
		return -1;
	}
	for (size_t i = 0; i < sizeof(id); i++) {
		s[2 * i] = hex[id[i] >> 4];
		s[2 * i + 1] = hex[id[i] & 15];
	}
	s[sizeof(s) - 1] = '\0';
	return buf_printf(b, "Message-ID: <%s@%s>\r\n", s, domain);
}

/* The body with every line ended by CRLF, as SMTP wants (RFC 5321). */
static int
mail_put_body(struct buf *b, const char *text)
{
	size_t	n;

	while (*text != '\0') {
		n = strcspn(text, "\r\n");
		if (buf_append(b, text, n) == -1 || buf_puts(b, "\r\n") == -1)
			return -1;
		text += n;
		if (*text != '\0')
			text += text[0] == '\r' && text[1] == '\n' ? 2 : 1;
	}
	return 0;
}

/*
 * Writes the whole message, headers and body, into b.  addr is the
 * addr-spec of [smtp] from, namelen the length of its display name.
 * 0, or -1 (out of memory, no random bytes).
 */
static int
mail_compose(const struct conf *c, const struct mail_message *m,
    const char *addr, size_t namelen, struct buf *b)
{
	if (mail_put_date(b) == -1 ||
	    mail_put_from(b, c->smtp_from, namelen, addr) == -1 ||
	    buf_printf(b, "To: %s\r\n", m->to) == -1 ||
	    mail_put_subject(b, m->subject != NULL ? m->subject : "") == -1 ||
	    mail_put_message_id(b, strchr(addr, '@') + 1) == -1 ||
	    buf_puts(b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "\r\n") == -1 ||
	    mail_put_body(b, m->text != NULL ? m->text : "") == -1)
		return -1;
	return 0;
}

/* ---- the transfer ---- */

static size_t
mail_read(char *out, size_t size, size_t n, void *arg)
{
	struct mail_source	*s = arg;
	size_t			 k = size * n;

	if (k > s->len)
		k = s->len;
	if (k > 0)
		memcpy(out, s->p, k);
	s->p += k;
	s->len -= k;
	return k;
}

/* Whether the command line cmd (len bytes, CRLF included) is verb. */
static bool
mail_is_cmd(const char *cmd, size_t len, const char *verb)
{
	size_t	n = strlen(verb);

	return len > n && strncasecmp(cmd, verb, n) == 0 &&
	    (verb[n - 1] == ':' || cmd[n] == ' ' || cmd[n] == '\r');
}

/*
 * libcurl's debug callback, only to learn which command a failing
 * reply answered.  The lines of AUTH carry credentials: they are matched
 * against command names and never copied or logged.
 */
static int
mail_trace(CURL *curl, curl_infotype type, char *data, size_t size,
    void *arg)
{
	static const struct {
		const char	*verb;
		enum mail_stage	 stage;
	} cmds[] = {
		{ "EHLO", MAIL_STAGE_HELLO },
		{ "HELO", MAIL_STAGE_HELLO },
		{ "STARTTLS", MAIL_STAGE_STARTTLS },
		{ "AUTH", MAIL_STAGE_AUTH },
		{ "MAIL FROM:", MAIL_STAGE_MAIL },
		{ "RCPT TO:", MAIL_STAGE_RCPT },
		{ "DATA", MAIL_STAGE_DATA },
	};
	enum mail_stage	*stage = arg;

	/* QUIT, RSET and AUTH's continuation lines leave the stage. */
	if (type == CURLINFO_HEADER_OUT)
		for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (mail_is_cmd(data, size, cmds[i].verb)) {
				*stage = cmds[i].stage;
				break;
			}
	return 0;
}

/*
 * What a failed transfer comes to: OUTCOME_INVALID for a 5xx to RCPT
 * TO, else OUTCOME_PROVIDER_FAILED.  cerr is libcurl's error buffer: it
 * names hosts and codes, never a credential (those are set as options,
 * not in the URL).
 */
static enum outcome
mail_failed(CURL *curl, const struct conf *c, CURLcode cc, const char *cerr,
    enum mail_stage stage, const char *to, struct outcome_detail *d)
{
	const char	*why = cerr[0] != '\0' ? cerr : curl_easy_strerror(cc);
	long		 code = 0;

	/* The code of the last reply: stale after a TLS or socket error. */
	if (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		code = 0;
	if (stage == MAIL_STAGE_RCPT && code >= 500 && code <= 599) {
		log_info("smtp: %s:%u refused the recipient @%s: %ld",
		    c->smtp_host, c->smtp_port, strchr(to, '@') + 1, code);
		return outcome_fail(d, OUTCOME_INVALID, "to",
		    "The mail server refused this address (%ld).", code);
	}
	if (cc == CURLE_OPERATION_TIMEDOUT)
		why = "timed out";
	if (code >= 400 && code <= 599) {
		log_warn("smtp: %s:%u answered %ld to %s: %s", c->smtp_host,
		    c->smtp_port, code, mail_stage_names[stage], why);
		return outcome_fail(d, OUTCOME_PROVIDER_FAILED, NULL,
		    "The mail server answered %ld to %s.", code,
		    mail_stage_names[stage]);
	}
	log_warn("smtp: %s:%u: %s (%s %s)", c->smtp_host, c->smtp_port, why,
	    stage == MAIL_STAGE_CONNECT ? "while" : "after",
	    mail_stage_names[stage]);
	return outcome_fail(d, OUTCOME_PROVIDER_FAILED, NULL,
	    "Cannot send mail: %s (%s %s).", why,
	    stage == MAIL_STAGE_CONNECT ? "while" : "after",
	    mail_stage_names[stage]);
}

/*
 * Sends the message in msg from the envelope sender from ("<a@b>") to
 * the recipients rcpt on a fresh handle.
 */
static enum outcome
mail_transfer(CURL *curl, const struct conf *c, const char *url,
    const char *from, struct curl_slist *rcpt, const struct buf *msg,
    const char *to, struct outcome_detail *d)
{
	struct mail_source	 src;
	enum mail_stage		 stage = MAIL_STAGE_CONNECT;
	char			 cerr[CURL_ERROR_SIZE];
	CURLcode		 cc = CURLE_OK;

	src.p = msg->data;
	src.len = msg->len;
	cerr[0] = '\0';
#define SET(opt, val) do {						\
	if (cc == CURLE_OK)						\
		cc = curl_easy_setopt(curl, opt, val);			\
} while (0)
	SET(CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	SET(CURLOPT_NOSIGNAL, 1L);
	/* ALL: no STARTTLS is a failure, never a fall-back to plain text. */
	SET(CURLOPT_USE_SSL, c->smtp_security == SMTP_NONE ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (*c->smtp_ca_file != '\0')
		SET(CURLOPT_CAINFO, c->smtp_ca_file);
	SET(CURLOPT_CONNECTTIMEOUT_MS, (long)c->smtp_connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, (long)c->smtp_timeout_ms);
	SET(CURLOPT_ERRORBUFFER, cerr);
	/* Verbose only feeds mail_trace(); nothing goes to stderr. */
	SET(CURLOPT_DEBUGFUNCTION, mail_trace);
	SET(CURLOPT_DEBUGDATA, &stage);
	SET(CURLOPT_VERBOSE, 1L);
	SET(CURLOPT_MAIL_FROM, from);
	SET(CURLOPT_MAIL_RCPT, rcpt);
	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, mail_read);
	SET(CURLOPT_READDATA, &src);
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	if (*c->smtp_username != '\0') {
		SET(CURLOPT_USERNAME, c->smtp_username);
		SET(CURLOPT_PASSWORD, c->smtp_password);
	}
#undef SET
	if (cc != CURLE_OK) {
		log_error("%s: libcurl refused an option: %s", __func__,
		    curl_easy_strerror(cc));
		return outcome_fail(d, OUTCOME_ERROR, NULL,
		    "libcurl refused an option.");
	}
	if ((cc = curl_easy_perform(curl)) != CURLE_OK)
		return mail_failed(curl, c, cc, cerr, stage, to, d);
	log_info("smtp: %s:%u accepted a mail to @%s", c->smtp_host,
	    c->smtp_port, strchr(to, '@') + 1);
	return OUTCOME_OK;
}

enum outcome
mail_send(const struct conf *c, const struct mail_message *m,
    struct outcome_detail *d)
{
	CURL			*curl = NULL;
	struct curl_slist	*rcpt = NULL;
	struct buf		 msg;
	char			 addr[MAIL_ADDR_MAX + 1], url[MAIL_URL_MAX];
	char			 from[MAIL_ADDR_MAX + 3], to[MAIL_ADDR_MAX + 3];
	size_t			 namelen;
	bool			 global = false;
	enum outcome		 rc;

	if (d != NULL)
		outcome_detail_init(d);
	buf_init(&msg, MAIL_MESSAGE_MAX);
	if ((rc = mail_check(m, d)) != OUTCOME_OK)
		goto out;
	if (mail_from_parse(c->smtp_from, addr, &namelen) == -1) {
		log_error("smtp: [smtp] from is neither \"Name <local@domain>\" "
		    "nor \"local@domain\"");
		rc = outcome_fail(d, OUTCOME_PROVIDER_FAILED, NULL,
		    "[smtp] from is not an e-mail address.");
		goto out;
	}
	if (mail_url(c, url, sizeof(url)) == -1) {
		log_error("smtp: [smtp] host is not a host name or address");
		rc = outcome_fail(d, OUTCOME_PROVIDER_FAILED, NULL,
		    "[smtp] host is not a host name or address.");
		goto out;
	}
	/* Both addresses passed mail_addr_ok(): they fit. */
	snprintf(from, sizeof(from), "<%s>", addr);
	snprintf(to, sizeof(to), "<%s>", m->to);
	rc = OUTCOME_ERROR;
	if (mail_compose(c, m, addr, namelen, &msg) == -1 ||
	    (rcpt = curl_slist_append(NULL, to)) == NULL) {
		outcome_fail(d, rc, NULL, "Cannot write the message.");
		goto out;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		outcome_fail(d, rc, NULL, "Cannot initialise libcurl.");
		goto out;
	}
	global = true;
	if ((curl = curl_easy_init()) == NULL) {
		outcome_fail(d, rc, NULL, "Cannot create a libcurl handle.");
		goto out;
	}
	rc = mail_transfer(curl, c, url, from, rcpt, &msg, m->to, d);
out:
	/* Closes the connection (QUIT) and drops the copied password. */
	if (curl != NULL)
		curl_easy_cleanup(curl);
	if (global)
		curl_global_cleanup();
	curl_slist_free_all(rcpt);
	/* The body may hold a reset link. */
	if (msg.data != NULL)
		explicit_bzero(msg.data, msg.len);
	buf_release(&msg);
	return rc;
}
