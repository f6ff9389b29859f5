#!/usr/bin/env python3
"""Faults under load (standard library only), run by ./dev.sh faults.

While threads keep up a load of the API and the webhooks (the mentor's
/auth/me, messages the mentor sends, SMS webhooks from the provider), the
parts of the stack fail one after another:

  baseline        nothing
  fcgi_worker     a FastCGI worker is SIGKILLed (the master replaces it)
  worker_daemon   mentorship-worker is SIGKILLed, started again after 5 s
  database        MariaDB stops for 5 s and starts again
  provider_500    the SMS provider answers 500 for a minute
  provider_hang   ... hangs for a minute
  provider_close  ... drops every connection for a minute
  disk_full       the log's file system (a tmpfs of its own) is full

Then it waits for the outbox to drain and checks that nothing was lost:
every message the API accepted (201) and every webhook it accepted (200)
is in the database once, and every outgoing SMS was delivered by the
provider exactly once.  The worker may send an entry twice (it dies, or
the database goes away, after the provider accepted it and before "sent"
committed: docs/worker.md), so at most once in each of those two phases;
the repeat carries the same Idempotency-Key and the fake OnionDev answers
it without sending again, as the real one must.
Failures may only be 503 with a JSON body, and only in the phases that
take a part of the request path away (fcgi_worker, database).  Prints a table per phase and writes it to MT_VAR/faults.md;
exits 1 when a rule does not hold.

Environment (from dev.sh): MT_BASE_URL, MT_VAR, MT_CONF, MT_STACK,
MT_WORKER_BIN, MT_FCGI_BIN, MT_FCGI_PID, MT_WORKER_PID, MT_FAKE_PORT,
MT_FAKE_RECORD, MT_MENTOR_USER/PASS, MT_PROVIDER_USER/PASS,
MT_MENTEE_MSISDN, MT_FAULT_SECONDS (per phase, default 12),
MT_PROVIDER_FAULT_SECONDS (per provider phase, default 60).
"""

import base64
import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True

E = os.environ
BASE = urllib.parse.urlsplit(E["MT_BASE_URL"])
PHASE_S = float(E.get("MT_FAULT_SECONDS", "12"))
PROVIDER_S = float(E.get("MT_PROVIDER_FAULT_SECONDS", "60"))
THREADS = 6
PAUSE_S = 0.01          # between two requests of a thread
# Where the worker may send an entry again: it is killed, or the database
# goes away, between the provider's answer and the commit of "sent" (one
# entry each time: it sends one at a time).
SENT_AGAIN_MAX = 2      # the worker_daemon and database phases
DB = ["mariadb", "--no-defaults", "--socket=" + os.path.join(E["MT_VAR"], "run",
      "mysqld.sock"), "-u", "root", "mentorship", "-N", "-B", "-e"]


def basic(user, pw):
    return "Basic " + base64.b64encode(("%s:%s" % (user, pw)).encode()).decode()


MENTOR = basic(E["MT_MENTOR_USER"], E["MT_MENTOR_PASS"])
PROVIDER = basic(E["MT_PROVIDER_USER"], E["MT_PROVIDER_PASS"])


class Load:
    """Threads that send requests and keep what every answer was."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "start"
        self.results = []       # (phase, op, t, status, is_json)
        self.sent = []          # texts the API accepted to send
        self.received = []      # texts the webhook accepted
        self.stop = False
        self.seq = 0
        self.ctx = ssl.create_default_context(
            cafile=os.path.join(E["MT_VAR"], "tls", "cert.pem"))

    def next_text(self, kind):
        with self.lock:
            self.seq += 1
            return "fault %s %d %d" % (kind, os.getpid(), self.seq)

    def request(self, conn, method, path, auth, body):
        headers = {"Authorization": auth, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        try:
            parsed = json.loads(raw) if raw else None
            is_json = r.getheader("Content-Type", "").startswith(
                "application/json") and parsed is not None
        except ValueError:
            is_json = False
        return r.status, is_json

    def run(self, n):
        conn = None
        while not self.stop:
            if conn is None:
                conn = http.client.HTTPSConnection(BASE.hostname, BASE.port,
                                                   context=self.ctx, timeout=30)
            n += 1
            kind = n % 10
            text = None
            try:
                if kind < 4:
                    op = "auth_me"
                    status, js = self.request(conn, "GET", "/auth/me", MENTOR,
                                              None)
                elif kind < 7:
                    op = "message"
                    text = self.next_text("out")
                    status, js = self.request(conn, "POST", "/mentor/message/",
                                              MENTOR, {"content": text})
                else:
                    op = "webhook"
                    text = self.next_text("in")
                    status, js = self.request(
                        conn, "POST", "/comms/onion_dev_message/", PROVIDER,
                        {"message": text, "mobile": E["MT_MENTEE_MSISDN"]})
            except (OSError, http.client.HTTPException):
                status, js = 0, False
                conn.close()
                conn = None
                time.sleep(0.05)
            time.sleep(PAUSE_S)
            with self.lock:
                self.results.append((self.phase, op, time.time(), status, js))
                if op == "message" and status == 201:
                    self.sent.append(text)
                if op == "webhook" and status == 200:
                    self.received.append(text)

    def start(self):
        self.threads = [threading.Thread(target=self.run, args=(i * 1000,),
                                         daemon=True) for i in range(THREADS)]
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop = True
        for t in self.threads:
            t.join(60)


def sql(q):
    out = subprocess.run(DB + [q], capture_output=True, text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def pid_of(path):
    with open(path) as f:
        return int(f.read().strip())


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                         text=True).stdout.split()
    return [int(p) for p in out]


def fake_control(mode):
    c = http.client.HTTPConnection("127.0.0.1", int(E["MT_FAKE_PORT"]),
                                   timeout=5)
    c.request("POST", "/_control", body=json.dumps({"mode": mode}),
              headers={"Content-Type": "application/json"})
    c.getresponse().read()
    c.close()


def stack(*args):
    subprocess.run([E["MT_STACK"]] + list(args), check=True,
                   stdout=subprocess.DEVNULL)


def start_worker():
    log = open(os.path.join(E["MT_VAR"], "log", "worker.log"), "a")
    subprocess.Popen([E["MT_WORKER_BIN"], "-c", E["MT_CONF"], "-p",
                      E["MT_WORKER_PID"]], stdin=subprocess.DEVNULL,
                     stdout=log, stderr=log, start_new_session=True)


def phase(load, name, fault=None, undo=None, hold=PHASE_S):
    with load.lock:
        load.phase = name
    t0 = time.time()
    if fault:
        fault()
    time.sleep(hold)
    t1 = time.time()
    if undo:
        undo()
    time.sleep(2)   # what the phase leaves behind is its own
    return t0, t1


def main():
    load = Load()
    marks = {}
    load.start()
    marks["baseline"] = phase(load, "baseline")

    def kill_fcgi_worker():
        kids = children(pid_of(E["MT_FCGI_PID"]))
        os.kill(kids[0], signal.SIGKILL)
    marks["fcgi_worker"] = phase(load, "fcgi_worker", kill_fcgi_worker)

    def kill_worker():
        os.kill(pid_of(E["MT_WORKER_PID"]), signal.SIGKILL)
    marks["worker_daemon"] = phase(load, "worker_daemon", kill_worker,
                                   start_worker)

    marks["database"] = phase(load, "database", lambda: stack("db", "stop"),
                              lambda: stack("db", "start"), hold=5)
    for mode in ("500", "hang", "close"):
        marks["provider_" + mode] = phase(load, "provider_" + mode,
                                          lambda m=mode: fake_control(m),
                                          lambda: fake_control("ok"),
                                          hold=PROVIDER_S)

    fill = os.path.join(E["MT_VAR"], "log", "fill")

    def fill_disk():
        subprocess.run(["dd", "if=/dev/zero", "of=" + fill, "bs=64k"],
                       stderr=subprocess.DEVNULL)

    logs = [os.path.join(E["MT_VAR"], "log", n)
            for n in ("fcgi.log", "nginx-access.log")]
    sizes = {}

    def empty_disk():
        os.unlink(fill)
        sizes.update((n, os.path.getsize(n)) for n in logs)
    marks["disk_full"] = phase(load, "disk_full", fill_disk, empty_disk)
    # with room again, the logs go on (phase() gave the load 2 s)
    silent = [os.path.basename(n) for n in logs
              if os.path.getsize(n) <= sizes[n]]
    load.finish()

    # Every accepted SMS reaches the provider, once.
    deadline = time.time() + 300
    while time.time() < deadline:
        pending = int(sql("SELECT COUNT(*) FROM outbox WHERE status = "
                          "'pending'")[0][0])
        if pending == 0:
            break
        time.sleep(1)
    drained = time.time()
    report(load, marks, pending, drained, silent)


def report(load, marks, pending, drained, silent):
    problems = ["%s was not written to once the disk had room again" % n
                for n in silent]
    phases = list(marks)
    lines = ["| phase | seconds | requests | answered/s (to baseline) | "
             "failed | failures | back after |",
             "|---|---:|---:|---:|---:|---|---:|"]
    base_rate = None
    for p in phases:
        rs = [r for r in load.results if r[0] == p]
        # the phase's time: from its fault to the next phase's start
        secs = max(r[2] for r in rs) - marks[p][0] if rs else 0
        rate = sum(1 for r in rs if 200 <= r[3] < 300) / secs if secs else 0
        base_rate = base_rate or rate
        bad = [r for r in rs if not (200 <= r[3] < 300)]
        kinds = {}
        for r in bad:
            key = "%s%s" % (r[3] or "no answer", "" if r[4] else " (not JSON)")
            kinds[key] = kinds.get(key, 0) + 1
        # seconds from the fault's end to the first good answer after it
        t0, t1 = marks[p]
        after = [r[2] for r in rs if r[2] >= t1 and 200 <= r[3] < 300]
        back = "%.1f s" % (min(after) - t1) if bad and after else "-"
        lines.append("| %s | %.0f | %d | %.0f (%.2f) | %d | %s | %s |" % (
            p, secs, len(rs), rate, rate / base_rate if base_rate else 0,
            len(bad),
            ", ".join("%s x%d" % kv for kv in sorted(kinds.items())) or "-",
            back))
        for r in bad:
            if r[3] != 503 or not r[4]:
                problems.append("%s: %s answered %s%s" % (
                    p, r[1], r[3] or "nothing",
                    "" if r[4] else " without JSON"))
                break
        if bad and p not in ("fcgi_worker", "database"):
            problems.append("%s: %d requests failed" % (p, len(bad)))
    # Nothing lost, nothing twice.
    stored = {row[0]: int(row[1]) for row in sql(
        "SELECT content, COUNT(*) FROM messages WHERE content LIKE "
        "'fault %' GROUP BY content")}
    lost = [t for t in load.sent + load.received if stored.get(t, 0) != 1]
    if lost:
        problems.append("%d accepted messages not stored once (first: %s)" %
                        (len(lost), lost[0]))
    delivered, repeats = {}, {}
    with open(E["MT_FAKE_RECORD"] + ".answers") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("path") != "/sms" or rec.get("status") != 200:
                continue
            try:
                text = json.loads(rec.get("body") or "{}").get("text")
            except ValueError:
                continue
            seen = repeats if rec.get("repeat") else delivered
            seen[text] = seen.get(text, 0) + 1
    missing = [t for t in load.sent if delivered.get(t, 0) == 0]
    twice = [t for t in load.sent if delivered.get(t, 0) > 1]
    if pending:
        problems.append("%d outbox entries still pending" % pending)
    if missing:
        problems.append("%d SMS never reached the provider" % len(missing))
    if twice:
        problems.append("%d SMS were delivered twice" % len(twice))
    sent_again = sum(repeats.get(t, 0) for t in load.sent)
    if sent_again > SENT_AGAIN_MAX:
        problems.append("%d SMS were sent to the provider again (at most "
                        "%d may: one when the worker is killed, one when "
                        "the database goes)" % (sent_again, SENT_AGAIN_MAX))
    total = len(load.results)
    summary = ("%d requests; %d messages and %d webhooks accepted, all "
               "stored once: %s; SMS delivered exactly once: %d of %d "
               "(missing %d, twice %d; sent again and answered as a "
               "repeat by its key: %d); outbox drained %.0f s after the "
               "load stopped" % (
                   total, len(load.sent), len(load.received),
                   "yes" if not lost else "NO", len(load.sent) -
                   len(missing) - len(twice), len(load.sent), len(missing),
                   len(twice), sent_again,
                   drained - max(m[1] for m in marks.values())))
    out = "\n".join(lines) + "\n\n" + summary + "\n"
    if problems:
        out += "\nProblems:\n" + "\n".join("* " + p for p in problems) + "\n"
    print(out)
    with open(os.path.join(E["MT_VAR"], "faults.md"), "w") as f:
        f.write(out)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
