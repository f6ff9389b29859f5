#!/usr/bin/env python3
"""A fake SMTP server, for tests (standard library only).

  fake_smtp.py PORT RECORD_FILE [--tls-cert FILE --tls-key FILE]
      [--implicit-tls] [--require-starttls] [--auth USER:PASS]
      [--reject-rcpt ADDR ...] [--tempfail N] [--pidfile FILE]

It speaks EHLO, HELO, STARTTLS, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA,
RSET, NOOP and QUIT, enough for libcurl's SMTP client.

  --tls-cert, --tls-key  the certificate (PEM) for STARTTLS or implicit
                         TLS; without them STARTTLS is not offered
  --implicit-tls         TLS from the first byte, like port 465
  --require-starttls     530 to AUTH and MAIL before STARTTLS
  --auth USER:PASS       offer AUTH PLAIN LOGIN and require it before
                         MAIL; 535 for other credentials
  --reject-rcpt ADDR     550 to RCPT TO that address (repeatable)
  --tempfail N           451 to the first N MAIL FROM commands
  --pidfile FILE         run as the dev stack's mail catcher: write the
                         pid there and outlive the parent

Every message accepted is appended to RECORD_FILE as one JSON line:
{"mail_from", "rcpt_to": [...], "data": the text as received with CRLF
kept and leading dots unstuffed, "tls", "auth_user" (null without AUTH),
"ehlo", "time"}.  Commands that fail are not recorded.

Once it listens the fake prints the port on a line of its own on standard
output; it exits when its parent process goes away (unless --pidfile).
"""

import argparse
import base64
import binascii
import json
import os
import socketserver
import ssl
import sys
import threading
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakebase import serve  # noqa: E402

LINE_MAX = 4096             # a command line, RFC 5321 says 512
DATA_MAX = 10 * 1024 * 1024
IDLE_SECONDS = 60


class Closed(Exception):
    """The client went away."""


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, options):
        super().__init__(("127.0.0.1", port), SMTPHandler)
        self.options = options
        self.lock = threading.Lock()
        self.tempfail = options.tempfail
        self.queued = 0
        self.tls = None
        if options.tls_cert is not None:
            self.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.tls.load_cert_chain(options.tls_cert, options.tls_key)
        self.reject = {a.lower() for a in options.reject_rcpt}
        self.auth = None
        if options.auth is not None:
            user, sep, password = options.auth.partition(":")
            if not sep:
                raise SystemExit("--auth wants USER:PASS")
            self.auth = (user, password)
        # Truncate: one recording per run.
        open(options.record, "w").close()

    def record(self, entry):
        line = json.dumps(entry, sort_keys=True)
        with self.lock:
            with open(self.options.record, "a") as f:
                f.write(line + "\n")
                f.flush()

    def take_tempfail(self):
        with self.lock:
            if self.tempfail > 0:
                self.tempfail -= 1
                return True
            return False

    def next_queue_id(self):
        with self.lock:
            self.queued += 1
            return self.queued


def address(arg, keyword):
    """The address of "FROM:<a@b> PARAMS" (keyword "FROM"), or None."""
    if not arg.upper().startswith(keyword + ":"):
        return None
    rest = arg[len(keyword) + 1:].strip()
    if not rest.startswith("<") or ">" not in rest:
        return None
    return rest[1:rest.index(">")]


class SMTPHandler(socketserver.BaseRequestHandler):
    def setup(self):
        self.sock = self.request
        self.sock.settimeout(IDLE_SECONDS)
        self.tls = False
        self.ehlo = None
        self.auth_user = None
        self.reset()

    def reset(self):
        self.mail_from = None
        self.rcpt_to = []

    # ---- the wire ----

    def reader(self):
        # Unbuffered so that nothing is read ahead of a STARTTLS.
        self.rfile = self.sock.makefile("rb", buffering=0)

    def readline(self, limit=LINE_MAX):
        line = self.rfile.readline(limit + 2)
        if not line:
            raise Closed()
        return line

    def reply(self, text):
        try:
            self.sock.sendall(text.encode() + b"\r\n")
        except OSError:
            raise Closed()

    def start_tls(self):
        try:
            self.sock = self.server.tls.wrap_socket(self.sock,
                                                    server_side=True)
        except (ssl.SSLError, OSError) as e:
            sys.stderr.write("fake_smtp: TLS handshake: %s\n" % e)
            raise Closed()
        self.tls = True
        self.reader()

    # ---- the session ----

    def handle(self):
        try:
            if self.server.options.implicit_tls:
                self.start_tls()
            self.reader()
            self.reply("220 fake-smtp ESMTP ready")
            while self.command():
                pass
        except (Closed, ConnectionError, TimeoutError, ssl.SSLError):
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def command(self):
        """Answers one command; False once the session is over."""
        raw = self.readline()
        if len(raw) > LINE_MAX or not raw.endswith(b"\r\n"):
            self.reply("500 5.5.2 line too long or not ended by CRLF")
            return True
        line = raw[:-2].decode("utf-8", "replace")
        verb, _, arg = line.partition(" ")
        verb = verb.upper()
        arg = arg.strip()
        handler = getattr(self, "do_" + verb, None)
        if handler is None:
            self.reply("500 5.5.2 command not recognized")
            return True
        return handler(arg) is not False

    def starttls_offered(self):
        return self.server.tls is not None and not self.tls

    def do_EHLO(self, arg):
        if not arg:
            self.reply("501 5.5.4 EHLO wants a domain")
            return
        self.ehlo = arg
        self.reset()
        lines = ["fake-smtp greets %s" % arg, "8BITMIME",
                 "SIZE %d" % DATA_MAX]
        if self.starttls_offered():
            lines.append("STARTTLS")
        if self.server.auth is not None:
            lines.append("AUTH PLAIN LOGIN")
        lines.append("HELP")
        for i, l in enumerate(lines):
            self.reply("250%s%s" % (" " if i == len(lines) - 1 else "-", l))

    def do_HELO(self, arg):
        if not arg:
            self.reply("501 5.5.4 HELO wants a domain")
            return
        self.ehlo = arg
        self.reset()
        self.reply("250 fake-smtp")

    def do_STARTTLS(self, arg):
        if not self.starttls_offered():
            self.reply("502 5.5.1 STARTTLS not offered")
            return
        if arg:
            self.reply("501 5.5.4 STARTTLS takes no argument")
            return
        self.reply("220 2.0.0 ready to start TLS")
        self.start_tls()
        # RFC 3207: the client starts over with EHLO.
        self.ehlo = None
        self.auth_user = None
        self.reset()

    def must_starttls(self):
        return self.server.options.require_starttls and not self.tls

    def do_AUTH(self, arg):
        if self.server.auth is None:
            self.reply("503 5.5.1 AUTH not offered")
            return
        if self.ehlo is None:
            self.reply("503 5.5.1 EHLO first")
            return
        if self.must_starttls():
            self.reply("530 5.7.0 must issue a STARTTLS command first")
            return
        if self.auth_user is not None:
            self.reply("503 5.5.1 already authenticated")
            return
        mech, _, initial = arg.partition(" ")
        mech = mech.upper()
        try:
            if mech == "PLAIN":
                creds = self.auth_plain(initial.strip())
            elif mech == "LOGIN":
                creds = self.auth_login(initial.strip())
            else:
                self.reply("504 5.5.4 unrecognized authentication type")
                return
        except ValueError:
            self.reply("501 5.5.2 cannot decode the response")
            return
        if creds is None:
            self.reply("501 5.7.0 authentication cancelled")
            return
        if creds != self.server.auth:
            self.reply("535 5.7.8 authentication credentials invalid")
            return
        self.auth_user = creds[0]
        self.reply("235 2.7.0 authentication successful")

    def challenge(self, prompt):
        """Sends 334 prompt; the decoded answer, or None when cancelled."""
        self.reply("334 " + base64.b64encode(prompt).decode())
        answer = self.readline().rstrip(b"\r\n")
        if answer == b"*":
            return None
        return decode64(answer)

    def auth_plain(self, initial):
        if initial == "":
            blob = self.challenge(b"")
            if blob is None:
                return None
        elif initial == "=":
            blob = b""
        else:
            blob = decode64(initial.encode())
        parts = blob.split(b"\0")
        if len(parts) != 3:
            raise ValueError("not authzid NUL user NUL password")
        return (parts[1].decode("utf-8", "replace"),
                parts[2].decode("utf-8", "replace"))

    def auth_login(self, initial):
        if initial:
            user = decode64(initial.encode())
        else:
            user = self.challenge(b"Username:")
            if user is None:
                return None
        password = self.challenge(b"Password:")
        if password is None:
            return None
        return (user.decode("utf-8", "replace"),
                password.decode("utf-8", "replace"))

    def do_MAIL(self, arg):
        if self.ehlo is None:
            self.reply("503 5.5.1 EHLO or HELO first")
            return
        if self.must_starttls():
            self.reply("530 5.7.0 must issue a STARTTLS command first")
            return
        if self.server.auth is not None and self.auth_user is None:
            self.reply("530 5.7.0 authentication required")
            return
        if self.mail_from is not None:
            self.reply("503 5.5.1 nested MAIL command")
            return
        a = address(arg, "FROM")
        if a is None:
            self.reply("501 5.5.4 syntax: MAIL FROM:<address>")
            return
        if self.server.take_tempfail():
            self.reply("451 4.3.0 temporary failure, try again later")
            return
        self.mail_from = a
        self.reply("250 2.1.0 sender ok")

    def do_RCPT(self, arg):
        if self.mail_from is None:
            self.reply("503 5.5.1 MAIL first")
            return
        a = address(arg, "TO")
        if a is None or a == "":
            self.reply("501 5.5.4 syntax: RCPT TO:<address>")
            return
        if a.lower() in self.server.reject:
            self.reply("550 5.1.1 <%s>: recipient address rejected" % a)
            return
        self.rcpt_to.append(a)
        self.reply("250 2.1.5 recipient ok")

    def do_DATA(self, arg):
        if self.mail_from is None:
            self.reply("503 5.5.1 MAIL first")
            return
        if not self.rcpt_to:
            self.reply("554 5.5.1 no valid recipients")
            return
        self.reply("354 end data with <CR><LF>.<CR><LF>")
        data = bytearray()
        too_big = False
        while True:
            line = self.readline(DATA_MAX)
            if line == b".\r\n":
                break
            if line.startswith(b"."):
                line = line[1:]
            if len(data) + len(line) > DATA_MAX:
                too_big = True
            else:
                data += line
        if too_big:
            self.reset()
            self.reply("552 5.3.4 message too big")
            return
        self.server.record({
            "mail_from": self.mail_from,
            "rcpt_to": self.rcpt_to,
            "data": data.decode("utf-8", "replace"),
            "tls": self.tls,
            "auth_user": self.auth_user,
            "ehlo": self.ehlo,
            "time": time.time(),
        })
        self.reset()
        self.reply("250 2.0.0 ok: queued as %d" %
                   self.server.next_queue_id())

    def do_RSET(self, arg):
        self.reset()
        self.reply("250 2.0.0 ok")

    def do_NOOP(self, arg):
        self.reply("250 2.0.0 ok")

    def do_QUIT(self, arg):
        self.reply("221 2.0.0 bye")
        return False


def decode64(b):
    try:
        return base64.b64decode(b, validate=True)
    except binascii.Error as e:
        raise ValueError(str(e))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("record")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--implicit-tls", action="store_true")
    ap.add_argument("--require-starttls", action="store_true")
    ap.add_argument("--auth")
    ap.add_argument("--reject-rcpt", action="append", default=[])
    ap.add_argument("--tempfail", type=int, default=0)
    ap.add_argument("--pidfile")
    o = ap.parse_args()
    if (o.tls_cert is None) != (o.tls_key is None):
        ap.error("--tls-cert and --tls-key go together")
    if (o.implicit_tls or o.require_starttls) and o.tls_cert is None:
        ap.error("--implicit-tls and --require-starttls need --tls-cert")
    serve("fake_smtp", SMTPServer(o.port, o), o.pidfile)


if __name__ == "__main__":
    main()
