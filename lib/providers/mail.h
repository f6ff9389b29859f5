/*
 * Outbound e-mail: one plain-text message at a time through the SMTP
 * server of the configuration ([smtp]), with libcurl.
 *
 * The connection is protected as [smtp] security says: STARTTLS that
 * must succeed (never a fall-back to plain text), TLS from the first
 * byte, or none for a relay on this machine.  The server's certificate
 * and host name are always verified, against [smtp] ca_file when set.
 * AUTH is used only when [smtp] username is set.  Nothing logged or
 * returned holds the password or the body of a message (a password
 * reset link is a secret).
 */
#ifndef MT_MAIL_H
#define MT_MAIL_H

#include "core/conf.h"
#include "core/outcome.h"

#define MAIL_TEXT_MAX	(256 * 1024)	/* bytes of body, before CRLF */

/* Borrowed strings: mail_send() copies what it needs. */
struct mail_message {
	const char	*to;		/* one address, addr-spec only */
	const char	*subject;	/* UTF-8, one line */
	const char	*text;		/* UTF-8 body, lines end in \n */
};

/*
 * Sends m through the SMTP server of c ([smtp]).  OUTCOME_OK once the
 * server accepted it; OUTCOME_INVALID (d->field "to" or "subject", text
 * why) when m cannot be sent as given (an address or subject with CR/LF or
 * other control characters, an address that is not local@domain, a
 * permanent 5xx refusal of the recipient); OUTCOME_PROVIDER_FAILED with
 * d->text (no secret in it) when the server cannot be reached, refuses
 * TLS/AUTH, times out or answers 4xx (the caller retries later).
 *
 * Also OUTCOME_INVALID with d->field "text" for a body that is not UTF-8,
 * has a line over 998 bytes or is over MAIL_TEXT_MAX bytes;
 * OUTCOME_PROVIDER_FAILED for a 5xx to anything but RCPT (the sender or
 * the message refused: a matter for the operator) and for an [smtp] host
 * or from that cannot be used; OUTCOME_ERROR when memory runs out.  m is
 * checked before any connection is made.  d may be NULL.
 */
enum outcome	mail_send(const struct conf *c, const struct mail_message *m,
		    struct outcome_detail *d);

#endif
