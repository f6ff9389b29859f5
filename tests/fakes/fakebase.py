"""Shared machinery of the fake provider servers (Python 3 standard library).

A fake listens on 127.0.0.1, records every request it receives as one JSON
line (method, path, headers, body, client_port, time) in a file, and
answers like the real service.  The tests read the recording to assert the
exact requests our adapters send.

Control (never recorded): POST /_control with a JSON object:

  {"mode": "ok"}          answer normally (the default)
  {"mode": "500"}         answer 500 with a JSON error
  {"mode": "hang"}        read the request, then never answer
  {"mode": "close"}       read the request, then drop the connection
  {"mode": "badjson"}     answer 200 with a body that is not JSON
  {"mode": "redirect"}    answer 302 to another URL
  {"mode": "huge"}        answer 200 with a 1 MiB body
  ... and the modes of each fake (see its docstring).

  "target": "<endpoint>"  apply the mode to one endpoint only
  "times": n              apply it to the next n requests, then back to ok
  "delay_ms": n           wait that long before every answer

Start: fake_X.py PORT RECORD_FILE [options].  PORT 0 picks a free port.
Once it listens the fake prints the port on a line of its own on standard
output.  It exits when its parent process goes away.
"""

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1024 * 1024
HANG_SECONDS = 60


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, handler, record_path, options):
        super().__init__(("127.0.0.1", port), handler)
        self.record_path = record_path
        self.options = options
        self.lock = threading.Lock()
        self.fault = {"mode": "ok"}
        self.delay_ms = 0
        # Truncate: one recording per run.
        open(record_path, "w").close()
        open(record_path + ".answers", "w").close()

    def record(self, entry, suffix=""):
        line = json.dumps(entry, sort_keys=True)
        with self.lock:
            with open(self.record_path + suffix, "a") as f:
                f.write(line + "\n")
                f.flush()

    def control(self, c):
        """Fake-specific settings of a /_control request."""

    def take_fault(self, endpoint):
        """The mode that applies to this request to endpoint."""
        with self.lock:
            fault = self.fault
            if fault.get("mode", "ok") == "ok":
                return "ok"
            target = fault.get("target")
            if target is not None and target != endpoint:
                return "ok"
            times = fault.get("times")
            if times is not None:
                if times <= 0:
                    return "ok"
                fault["times"] = times - 1
            return fault["mode"]


class FakeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeProvider/1"
    # The headers and the body are two writes: with Nagle's algorithm and
    # the client's delayed ACK each answer on a kept-alive connection
    # would wait 40 ms for nothing.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        sys.stderr.write("%s: %s\n" % (self.server.name, fmt % args))

    # ---- helpers for the fakes ----

    def read_body(self):
        n = self.headers.get("Content-Length")
        if n is None:
            return None
        n = int(n)
        if n < 0 or n > MAX_BODY:
            return None
        return self.rfile.read(n)

    def answer(self, status, obj=None, raw=None, headers=None,
               content_type="application/json; charset=UTF-8"):
        if self.server.delay_ms:
            time.sleep(self.server.delay_ms / 1000.0)
        body = raw if raw is not None else (
            json.dumps(obj).encode() if obj is not None else b"")
        # What was answered, beside the recording of what was asked:
        # RECORD_FILE.answers, one line per answer sent.
        req = getattr(self, "request_body", None)
        self.server.record({
            "path": self.path, "status": status,
            "body": req.decode("utf-8", "replace") if req is not None
            else None, "repeat": getattr(self, "repeat", False),
            "time": time.time()}, ".answers")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def common_fault(self, mode):
        """Carries out a mode every fake knows; True when it answered."""
        if mode == "500":
            self.answer(500, {"error": "internal server error"})
        elif mode == "hang":
            time.sleep(HANG_SECONDS)
            self.close_connection = True
        elif mode == "close":
            self.close_connection = True
        elif mode == "badjson":
            self.answer(200, raw=b"this is not {json")
        elif mode == "redirect":
            self.answer(302, {"detail": "moved"}, headers={
                "Location": "http://127.0.0.1:9/elsewhere"})
        elif mode == "huge":
            self.answer(200, raw=b'{"pad": "' + b"x" * MAX_BODY + b'"}')
        else:
            return False
        return True

    # ---- the request loop ----

    def do_POST(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def handle_any(self):
        # one handler serves every request of a kept-alive connection
        self.repeat = False
        self.request_body = None
        body = self.read_body()
        if self.path == "/_control":
            self.control(body)
            return
        headers = {}
        for k, v in self.headers.items():
            headers[k] = headers[k] + ", " + v if k in headers else v
        self.server.record({
            "method": self.command,
            "path": self.path,
            "headers": headers,
            "body": body.decode("utf-8", "replace") if body is not None
            else None,
            "client_port": self.client_address[1],
            "time": time.time(),
        })
        self.request_body = body
        if body is None:
            self.answer(411, {"detail": "Content-Length required."})
            return
        self.handle_request(body)

    def control(self, body):
        try:
            c = json.loads(body or b"{}")
            if not isinstance(c, dict):
                raise ValueError("not an object")
        except ValueError as e:
            self.answer(400, {"detail": str(e)})
            return
        with self.server.lock:
            if "mode" in c:
                self.server.fault = {k: c[k] for k in
                                     ("mode", "target", "times") if k in c}
            if "delay_ms" in c:
                self.server.delay_ms = int(c["delay_ms"])
        self.server.control(c)
        self.answer(200, {"ok": True})

    def handle_request(self, body):
        raise NotImplementedError


def watch_parent():
    """Exits when the process that started us is gone."""
    parent = os.getppid()
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            os._exit(0)


def serve(name, server, pidfile=None):
    """Serves until killed; with pidfile (a stack's mail catcher, which
    outlives the script that started it) the pid is written there and
    the parent is not watched."""
    server.name = name
    if pidfile is None:
        threading.Thread(target=watch_parent, daemon=True).start()
    else:
        with open(pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
