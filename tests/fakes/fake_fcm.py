#!/usr/bin/env python3
"""A fake of Google's OAuth2 token endpoint and the FCM HTTP v1 API, for
tests (standard library only).

  fake_fcm.py PORT RECORD_FILE [--project test-project]
      [--client-email E] [--token-path /token] [--expires-in 3600]

POST <token-path>  grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
                   &assertion=<JWT>
    The JWT must have three base64url parts, the header
    {"alg": "RS256", "typ": "JWT"} and the claims iss (the client e-mail
    when given), scope (firebase.messaging), aud (this endpoint's URL),
    iat (now, give or take 5 minutes) and exp (iat + 3600).  The signature
    is not verified here (no RSA in the standard library): the tests do
    that in C.  -> {"access_token": "fake-access-token-1",
    "expires_in": 3600, "token_type": "Bearer"}; 400 invalid_grant if not.
POST /v1/projects/<project>/messages:send
    Requires "Authorization: Bearer <a token issued and not revoked>"
    (401 UNAUTHENTICATED otherwise) and {"message": {"token": ...,
    "notification": {"title", "body"}?, "data": {string: string}?}}
    -> {"name": "projects/<project>/messages/<n>"}

Endpoints for "target": "token", "send".  Modes beyond fakebase's: "401"
(FCM answers 401), "unregistered" (404 UNREGISTERED), "crlftoken" (the
token endpoint issues a token holding CR LF).  Control settings:
{"revoke": true} forgets every token issued so far; {"expires_in": n}.
"""

import argparse
import base64
import binascii
import itertools
import json
import os
import re
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakebase import FakeHandler, FakeServer, serve  # noqa: E402

SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
B64URL = re.compile(r"^[A-Za-z0-9_-]+$")


def b64url_json(part):
    if not B64URL.match(part):
        raise ValueError("not base64url without padding")
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    return json.loads(raw)


class FcmServer(FakeServer):
    def control(self, c):
        with self.lock:
            if c.get("revoke"):
                self.tokens.clear()
            if "expires_in" in c:
                self.expires_in = int(c["expires_in"])


class FcmHandler(FakeHandler):
    def check_jwt(self, jwt):
        """None if the assertion is good, else what is wrong with it."""
        o = self.server.options
        parts = jwt.split(".")
        if len(parts) != 3:
            return "the assertion does not have three parts"
        try:
            header = b64url_json(parts[0])
            claims = b64url_json(parts[1])
            if not B64URL.match(parts[2]):
                raise ValueError("bad signature encoding")
            base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
        except (ValueError, binascii.Error) as e:
            return "bad assertion: %s" % e
        if header != {"alg": "RS256", "typ": "JWT"}:
            return "bad JWT header"
        aud = "http://127.0.0.1:%d%s" % (self.server.server_address[1],
                                         o.token_path)
        if not isinstance(claims.get("iss"), str) or not claims["iss"]:
            return "no iss"
        if o.client_email is not None and claims["iss"] != o.client_email:
            return "wrong iss"
        if claims.get("scope") != SCOPE:
            return "wrong scope"
        if claims.get("aud") != aud:
            return "wrong aud"
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int) or not isinstance(exp, int):
            return "iat and exp must be integers"
        if abs(iat - time.time()) > 300:
            return "iat is not now"
        if exp != iat + 3600:
            return "exp is not iat + 3600"
        return None

    def token(self, body, mode):
        ctype = self.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip() != "application/x-www-form-urlencoded":
            self.answer(400, {"error": "invalid_request",
                              "error_description": "bad content type"})
            return
        try:
            form = urllib.parse.parse_qs(body.decode(), strict_parsing=True)
        except ValueError:
            form = {}
        if form.get("grant_type") != [GRANT] or \
                len(form.get("assertion", [])) != 1:
            self.answer(400, {"error": "unsupported_grant_type",
                              "error_description": "bad grant"})
            return
        why = self.check_jwt(form["assertion"][0])
        if why is not None:
            self.answer(400, {"error": "invalid_grant",
                              "error_description": why})
            return
        tok = "fake-access-token-%d" % next(self.server.token_ids)
        if mode == "crlftoken":
            tok += "\r\nX-Injected: 1"
        with self.server.lock:
            self.server.tokens.add(tok)
            expires_in = self.server.expires_in
        self.answer(200, {"access_token": tok, "expires_in": expires_in,
                          "token_type": "Bearer"})

    def fcm_error(self, code, status, message, error_code=None):
        err = {"code": code, "message": message, "status": status}
        if error_code is not None:
            err["details"] = [{
                "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                "errorCode": error_code}]
        self.answer(code, {"error": err})

    def send(self, body, mode, project):
        auth = self.headers.get("Authorization", "")
        with self.server.lock:
            good = auth.startswith("Bearer ") and \
                auth[len("Bearer "):] in self.server.tokens
        if mode == "401" or not good:
            self.fcm_error(401, "UNAUTHENTICATED", "Request had invalid "
                           "authentication credentials.")
            return
        if project != self.server.options.project:
            self.fcm_error(403, "PERMISSION_DENIED", "wrong project")
            return
        ctype = self.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip() != "application/json":
            self.fcm_error(400, "INVALID_ARGUMENT", "not JSON")
            return
        try:
            req = json.loads(body)
            msg = req["message"]
            if not isinstance(msg.get("token"), str) or not msg["token"]:
                raise ValueError("message.token")
            n = msg.get("notification", {})
            if not isinstance(n, dict) or not all(
                    isinstance(n.get(k, ""), str) for k in ("title", "body")):
                raise ValueError("message.notification")
            d = msg.get("data", {})
            if not isinstance(d, dict) or not all(
                    isinstance(v, str) for v in d.values()):
                raise ValueError("message.data must map strings to strings")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            self.fcm_error(400, "INVALID_ARGUMENT", "bad message: %s" % e)
            return
        if mode == "unregistered":
            self.fcm_error(404, "NOT_FOUND", "Requested entity was not "
                           "found.", "UNREGISTERED")
            return
        self.answer(200, {"name": "projects/%s/messages/%d" % (
            project, next(self.server.message_ids))})

    def handle_request(self, body):
        o = self.server.options
        m = re.match(r"^/v1/projects/([^/]+)/messages:send$", self.path)
        if self.command != "POST":
            self.answer(405, {"detail": "method not allowed"})
            return
        if self.path == o.token_path:
            endpoint = "token"
        elif m:
            endpoint = "send"
        else:
            self.answer(404, {"detail": "not found"})
            return
        mode = self.server.take_fault(endpoint)
        if self.common_fault(mode):
            return
        if endpoint == "token":
            self.token(body, mode)
        else:
            self.send(body, mode, m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("record")
    ap.add_argument("--project", default="test-project")
    ap.add_argument("--client-email")
    ap.add_argument("--token-path", default="/token")
    ap.add_argument("--expires-in", type=int, default=3600)
    o = ap.parse_args()
    server = FcmServer(o.port, FcmHandler, o.record, o)
    server.tokens = set()
    server.expires_in = o.expires_in
    server.token_ids = itertools.count(1)
    server.message_ids = itertools.count(1)
    serve("fake_fcm", server)


if __name__ == "__main__":
    main()
