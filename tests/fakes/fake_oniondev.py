#!/usr/bin/env python3
"""A fake of OnionDev's outbound API, for tests (standard library only).

  fake_oniondev.py PORT RECORD_FILE [--username U --password P]
      [--api-key K [--api-key-header H]] [--call-path /calls]
      [--sms-path /sms]

POST <call-path> {"handler": MSISDN, "beneficiary": MSISDN}
    -> 200 {"scheduled_call_id": "1001"} (then 1002, ...)
POST <sms-path> {"mobile": MSISDN, "text": "..."}
    -> 200 {"status": "accepted", "sms_id": "5001"}
    With an Idempotency-Key header already accepted, the same answer
    again without sending (recorded with "repeat": true in the answers).

Credentials are checked when given on the command line (401 otherwise);
the body must be JSON (415, 400).  Endpoints for "target": "call", "sms".
Modes beyond fakebase's: "noid" (a call answer without scheduled_call_id),
"intid" (the id as a JSON integer), "401".
"""

import argparse
import base64
import itertools
import json
import os
import re
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakebase import FakeHandler, FakeServer, serve  # noqa: E402

MSISDN = re.compile(r"^[1-9][0-9]{7,14}$")


class OnionDevHandler(FakeHandler):
    def authorised(self):
        o = self.server.options
        if o.username is not None:
            want = "Basic " + base64.b64encode(
                ("%s:%s" % (o.username, o.password or "")).encode()).decode()
            if self.headers.get("Authorization") != want:
                return False
        if o.api_key is not None:
            if self.headers.get(o.api_key_header) != o.api_key:
                return False
        return True

    def handle_request(self, body):
        o = self.server.options
        if self.command != "POST":
            self.answer(405, {"detail": "method not allowed"})
            return
        if self.path == o.call_path:
            endpoint = "call"
        elif self.path == o.sms_path:
            endpoint = "sms"
        else:
            self.answer(404, {"detail": "not found"})
            return
        mode = self.server.take_fault(endpoint)
        if self.common_fault(mode):
            return
        if mode == "401" or not self.authorised():
            self.answer(401, {"detail": "invalid credentials"})
            return
        ctype = self.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip() != "application/json":
            self.answer(415, {"detail": "expected application/json"})
            return
        try:
            req = json.loads(body)
        except ValueError:
            self.answer(400, {"detail": "not JSON"})
            return
        if not isinstance(req, dict):
            self.answer(400, {"detail": "not an object"})
            return
        if endpoint == "call":
            for k in ("handler", "beneficiary"):
                if not isinstance(req.get(k), str) or \
                        not MSISDN.match(req[k]):
                    self.answer(400, {k: ["not an MSISDN"]})
                    return
            n = next(self.server.call_ids)
            if mode == "noid":
                self.answer(200, {"status": "scheduled"})
            elif mode == "intid":
                self.answer(200, {"scheduled_call_id": n})
            else:
                self.answer(200, {"scheduled_call_id": str(n)})
        else:
            if not isinstance(req.get("mobile"), str) or \
                    not MSISDN.match(req["mobile"]):
                self.answer(400, {"mobile": ["not an MSISDN"]})
                return
            if not isinstance(req.get("text"), str) or req["text"] == "":
                self.answer(400, {"text": ["required"]})
                return
            key = self.headers.get("Idempotency-Key")
            with self.server.lock:
                sms_id = self.server.sms_keys.get(key) if key else None
                self.repeat = sms_id is not None
                if sms_id is None:
                    sms_id = str(next(self.server.sms_ids))
                    if key:
                        self.server.sms_keys[key] = sms_id
            self.answer(200, {"status": "accepted", "sms_id": sms_id})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("record")
    ap.add_argument("--username")
    ap.add_argument("--password")
    ap.add_argument("--api-key")
    ap.add_argument("--api-key-header", default="X-API-Key")
    ap.add_argument("--call-path", default="/calls")
    ap.add_argument("--sms-path", default="/sms")
    o = ap.parse_args()
    server = FakeServer(o.port, OnionDevHandler, o.record, o)
    server.call_ids = itertools.count(1001)
    server.sms_ids = itertools.count(5001)
    server.sms_keys = {}
    serve("fake_oniondev", server)


if __name__ == "__main__":
    main()
