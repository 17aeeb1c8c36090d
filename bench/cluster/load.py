#!/usr/bin/env python3
"""A small open-loop load client for the cluster benches (Python stdlib only).

It sends requests at a steady rate (a request is due every 1/RATE seconds,
whether or not earlier ones have answered, so a stall shows up as failures
or latency rather than as fewer requests), mixing reads (article JSON, the
signed-out article page, /api/v1/ask) and writes (comments and author
ratings through the JSON API, each with a session cookie and its CSRF
token). Meanwhile it can run commands at given seconds (--at 20 'kill -9 ...'),
follow haproxy's view of the nodes through its stats socket, and probe each
node directly. Afterwards it checks in PostgreSQL (psql) that every write
acknowledged with 2xx is there.

Why these checks: a failed request costs a reader a page; a write that was
acknowledged and then lost is worse, because the writer believes it done.
"""

import argparse
import csv
import http.client
import io
import json
import queue
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True, help="haproxy's address, http://127.0.0.1:PORT")
    p.add_argument("--db", required=True, help="the PostgreSQL URL, for checking writes")
    p.add_argument("--duration", type=float, default=60)
    p.add_argument("--rate", type=float, default=100, help="requests per second in all")
    p.add_argument("--writes", type=float, default=0.05, help="share of writes (half comments, half ratings)")
    p.add_argument("--accounts", type=int, default=60, help="writer accounts registered before the run")
    p.add_argument("--workers", type=int, default=48)
    p.add_argument("--timeout", type=float, default=10)
    p.add_argument("--at", nargs=2, action="append", default=[], metavar=("SECONDS", "COMMAND"),
                   help="run COMMAND (sh -c) at SECONDS after the start")
    p.add_argument("--haproxy-socket", help="haproxy's stats socket, to see when nodes go down/up")
    p.add_argument("--probe", action="append", default=[], metavar="URL",
                   help="GET URL (a node directly) every 100 ms and report its status changes")
    p.add_argument("--psql", default="psql")
    return p.parse_args()


class Http:
    """One keep-alive connection with a cookie jar; reconnects after errors."""

    retries = 0  # GETs sent again after a kept-alive connection failed
    retries_lock = threading.Lock()

    def __init__(self, base, timeout):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = u.hostname, u.port or 80, timeout
        self.conn = None
        self.cookies = {}
        self.last_used = 0.0
        self.last_stale = False  # the last answer was a page as last rendered

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None and isinstance(body, str):
            body = body.encode()
        # haproxy closes client connections idle for 30 s; a connection idle
        # for a few seconds is not risked for a request (a write could not
        # be sent again).
        if self.conn is not None and time.time() - self.last_used > 5:
            self.conn.close()
            self.conn = None
        self.last_used = time.time()
        for attempt in (0, 1):
            fresh = self.conn is None
            if fresh:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                # A keep-alive connection the other side had already closed
                # before this request went out is not a failure of this
                # request; anything else is.
                if not fresh and attempt == 0 and method == "GET":
                    with Http.retries_lock:
                        Http.retries += 1
                    continue
                raise
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    name, _, rest = v.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            # A signed-out page served while the database is unreachable,
            # as last rendered (docs/deployment.md): an answer, but counted.
            self.last_stale = r.getheader("X-Symptomdb-Stale") is not None
            if r.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return r.status, data
        raise AssertionError("unreachable")


def form(fields):
    return urllib.parse.urlencode(fields)


def register(base, name, timeout):
    """A reader account through /register; returns (client, session CSRF).

    Setup, not measurement: an answer of 503 (haproxy with no node whose
    health check passed just then) is tried again after a second.
    """
    for attempt in range(10):
        c = Http(base, timeout)
        status, page = c.request("GET", "/register")
        if status == 200:
            token = CSRF_FIELD.search(page.decode()).group(1)
            pw = "bench password " + name
            status, _ = c.request("POST", "/register",
                                  form({"csrf": token, "username": name, "display_name": "",
                                        "password": pw, "password2": pw}),
                                  {"Content-Type": "application/x-www-form-urlencoded"})
            if status == 303:
                status, page = c.request("GET", "/account")
                if status == 200:
                    return c, CSRF_FIELD.search(page.decode()).group(1)
        if status != 503:
            break
        time.sleep(1)
    raise SystemExit(f"load.py: registering {name}: answered {status}")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.results = []  # dicts: due, start, end, kind, status, error, write
        self.events = []  # (seconds, text)

    def add(self, r):
        with self.lock:
            self.results.append(r)

    def event(self, t, text):
        with self.lock:
            self.events.append((t, text))


def haproxy_states(path):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(1)
    s.connect(path)
    s.sendall(b"show stat\n")
    out = b""
    while chunk := s.recv(65536):
        out += chunk
    s.close()
    rows = csv.reader(io.StringIO(out.decode().lstrip("# ")))
    header = next(rows)
    i_px, i_sv, i_st = header.index("pxname"), header.index("svname"), header.index("status")
    return {r[i_sv]: r[i_st] for r in rows if len(r) > i_st and r[i_px] == "nodes"
            and r[i_sv] not in ("BACKEND", "FRONTEND")}


def main():
    a = parse_args()
    run_id = f"{int(time.time())}{random.randrange(1000):03d}"
    stats = Stats()

    # What to read and whom to rate: the first article that has an author.
    probe = Http(a.url, a.timeout)
    status, body = probe.request("GET", "/api/v1/articles")
    listing = json.loads(body)
    items = listing["articles"] if isinstance(listing, dict) else listing
    slugs = [x["slug"] for x in items]
    article = author = None
    for slug in slugs:
        status, body = probe.request("GET", f"/api/v1/articles/{slug}")
        j = json.loads(body)
        if j.get("author"):
            article, author = slug, j["author"]["slug"]
            break
    if not article:
        raise SystemExit("load.py: no article with an author")
    questions = [f"what are the symptoms of {s.replace('-', ' ')}?" for s in slugs] + \
                [f"how is {s.replace('-', ' ')} treated?" for s in slugs]

    t0 = time.time()
    # One at a time: registering hashes a password (argon2id) on a node's
    # request thread, and several at once starve its health checks.
    writers = [register(a.url, f"bench{run_id}w{i}", a.timeout) for i in range(a.accounts)]
    print(f"setup: {a.accounts} writer accounts registered in {time.time() - t0:.1f} s; "
          f"article {article}, author {author}", flush=True)

    # Comments use the first accounts in turn and ratings the rest, each
    # account behind a lock so that its writes are never in flight together
    # (its ratings then have an order). At 5 comments per account per 10
    # minutes (the site's limit), --accounts must cover the comments.
    locks = [threading.Lock() for _ in writers]
    n_commenters = max(1, (len(writers) * 7) // 10)
    seq = {"comment": 0, "rating": 0}
    seq_lock = threading.Lock()

    work = queue.Queue()
    n_total = int(a.duration * a.rate)
    write_every = round(1 / a.writes) if a.writes > 0 else 0

    def worker():
        reader = Http(a.url, a.timeout)
        while True:
            item = work.get()
            if item is None:
                return
            i, due = item
            r = {"due": due, "kind": None, "status": 0, "error": "", "write": None, "stale": False}
            client, headers, method, body = reader, {}, "GET", None
            lock = None
            if write_every and i % write_every == 0:
                kind = "comment" if (i // write_every) % 2 == 0 else "rating"
                with seq_lock:
                    n = seq[kind]
                    seq[kind] += 1
                w = n % n_commenters if kind == "comment" else \
                    n_commenters + n % (len(writers) - n_commenters)
                lock = locks[w]
                lock.acquire()
                client, token = writers[w]
                headers = {"Content-Type": "application/json", "X-CSRF-Token": token}
                method = "POST"
                if kind == "comment":
                    text = f"bench {run_id} comment {n}"
                    r["kind"], path = "comment", f"/api/v1/articles/{article}/comments"
                    body = json.dumps({"body": text})
                    r["write"] = ("comment", text)
                else:
                    stars = random.randint(1, 5)
                    r["kind"], path = "rating", f"/api/v1/authors/{author}/ratings"
                    body = json.dumps({"stars": stars})
                    r["write"] = ("rating", w, stars)
            else:
                pick = i % 10
                if pick < 5:
                    r["kind"], path = "article_json", f"/api/v1/articles/{slugs[i % len(slugs)]}"
                elif pick < 7:
                    r["kind"], path = "article_html", f"/articles/{slugs[i % len(slugs)]}"
                else:
                    q = questions[i % len(questions)]
                    r["kind"], path = "ask", "/api/v1/ask?" + urllib.parse.urlencode({"q": q, "limit": 3})
            r["start"] = time.time() - t_start
            try:
                r["status"], _ = client.request(method, path, body, headers)
                r["stale"] = client.last_stale
            except Exception as e:  # noqa: BLE001 - any failure is recorded
                r["error"] = type(e).__name__ + (f": {e}" if str(e) else "")
            r["end"] = time.time() - t_start
            if lock:
                lock.release()
            stats.add(r)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.workers)]
    for t in threads:
        t.start()

    stop = threading.Event()

    def watch_haproxy():
        last = {}
        while not stop.is_set():
            try:
                now = haproxy_states(a.haproxy_socket)
            except OSError as e:
                now = {"haproxy": f"unreachable ({e})"}
            for k, v in now.items():
                if last.get(k) != v:
                    stats.event(time.time() - t_start, f"haproxy: {k} {v}")
            last = now
            time.sleep(0.1)

    probes = {u: [] for u in a.probe}  # url -> [(t, status)]

    def watch_probe(url):
        c = Http(url, 2)
        path = urllib.parse.urlsplit(url).path or "/"
        while not stop.is_set():
            t = time.time() - t_start
            try:
                st, _ = c.request("GET", path)
            except Exception as e:  # noqa: BLE001
                st = type(e).__name__
            probes[url].append((t, st))
            time.sleep(0.1)

    def run_events():
        for at, cmd in sorted(((float(s), c) for s, c in a.at), key=lambda x: x[0]):
            delay = t_start + at - time.time()
            if delay > 0 and stop.wait(delay):
                return
            begun = time.time() - t_start
            p = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
            stats.event(begun, f"ran `{cmd}` (exit {p.returncode}, took {time.time() - t_start - begun:.2f} s)")
            if p.returncode != 0:
                print(p.stdout + p.stderr, file=sys.stderr)

    t_start = time.time()
    side = [threading.Thread(target=run_events, daemon=True)]
    if a.haproxy_socket:
        side.append(threading.Thread(target=watch_haproxy, daemon=True))
    side += [threading.Thread(target=watch_probe, args=(u,), daemon=True) for u in a.probe]
    for t in side:
        t.start()
    for i in range(n_total):
        due = i / a.rate
        delay = t_start + due - time.time()
        if delay > 0:
            time.sleep(delay)
        work.put((i, due))
    for _ in threads:
        work.put(None)
    for t in threads:
        t.join()
    elapsed = time.time() - t_start
    stop.set()
    for t in side:
        t.join(timeout=15)

    report(a, stats, probes, elapsed, run_id)


def ok(r):
    if r["error"]:
        return False
    if r["kind"] == "comment":
        return r["status"] == 201
    return r["status"] == 200


def psql(a, sql):
    p = subprocess.run([a.psql, a.db, "-At", "-F", "\t", "-c", sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"load.py: psql failed: {p.stderr}")
    return [line.split("\t") for line in p.stdout.splitlines() if line]


def report(a, stats, probes, elapsed, run_id):
    res = sorted(stats.results, key=lambda r: r["due"])
    n = len(res)
    bad = [r for r in res if not ok(r)]
    print(f"\nrequests: {n} in {elapsed:.1f} s ({n / elapsed:.1f}/s offered {a.rate:g}/s), "
          f"failed {len(bad)} ({100.0 * len(bad) / max(n, 1):.3f} %)")
    print(f"{'kind':<13}{'sent':>7}{'ok':>7}{'failed':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in ("article_json", "article_html", "ask", "comment", "rating"):
        rs = [r for r in res if r["kind"] == kind]
        if not rs:
            continue
        lat = sorted((r["end"] - r["start"]) * 1000 for r in rs)
        pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
        nok = sum(ok(r) for r in rs)
        print(f"{kind:<13}{len(rs):>7}{nok:>7}{len(rs) - nok:>8}{pct(0.5):>9.1f}{pct(0.99):>9.1f}{lat[-1]:>9.1f}")
    if Http.retries:
        print(f"note: {Http.retries} GETs were sent again on a new connection after their "
              "kept-alive one failed (a browser does the same; not counted as failures)")
    late = [r for r in res if r["start"] - r["due"] > 0.5]
    if late:
        print(f"note: {len(late)} requests started more than 0.5 s after they were due "
              "(the client itself was short of CPU or workers)")
    if stats.events:
        print("\nevents (seconds from the start):")
        for t, text in sorted(stats.events):
            print(f"  {t:6.2f}  {text}")
    stale = [r for r in res if ok(r) and r["stale"]]
    if stale:
        dues = [r["due"] for r in stale]
        print(f"\nstale: {len(stale)} answers were pages as last rendered (X-Symptomdb-Stale), "
              f"due at {dues[0]:.2f}-{dues[-1]:.2f} s: "
              + ", ".join(f"{k} {sum(r['kind'] == k for r in stale)}"
                          for k in sorted({r["kind"] for r in stale})))
    if bad:
        print("\nfailed requests (due s, kind, status or error):")
        by = {}
        for r in bad:
            key = (r["kind"], r["status"] or r["error"])
            by.setdefault(key, []).append(r["due"])
        for (kind, what), dues in sorted(by.items(), key=lambda x: x[1][0]):
            span = f"{dues[0]:.2f}" if len(dues) == 1 else f"{dues[0]:.2f}-{dues[-1]:.2f}"
            print(f"  {len(dues):5d} x {kind:<13} {what}  at {span}")
    for url, seq in probes.items():
        print(f"\nprobe {url} (status changes):")
        last = None
        for t, st in seq:
            if st != last:
                print(f"  {t:6.2f}  {st}")
                last = st

    # Every acknowledged write must be in the database.
    acked_comments = {r["write"][1] for r in res if r["kind"] == "comment" and ok(r)}
    tried_comments = {r["write"][1] for r in res if r["kind"] == "comment"}
    stored = {row[0] for row in psql(a, f"SELECT body FROM comments WHERE body LIKE 'bench {run_id} %'")}
    lost = acked_comments - stored
    unacked_stored = (tried_comments - acked_comments) & stored
    print(f"\ncomments: {len(acked_comments)} acknowledged, {len(stored)} in the database, "
          f"{len(lost)} acknowledged but missing; {len(unacked_stored)} not acknowledged but stored "
          f"(applied, answer lost)")
    # Ratings: the database must hold, per writer, its last acknowledged
    # rating or one it sent after that (whose answer was lost).
    by_writer = {}
    for r in res:
        if r["kind"] == "rating":
            by_writer.setdefault(r["write"][1], []).append(r)
    rows = psql(a, "SELECT u.username, r.stars FROM author_ratings r JOIN users u ON u.id = r.user_id "
                   f"WHERE u.username LIKE 'bench{run_id}w%'")
    in_db = {int(name.rsplit("w", 1)[1]): int(stars) for name, stars in rows}
    rating_acked = rating_lost = 0
    for w, rs in by_writer.items():
        rs.sort(key=lambda r: r["start"])
        acked = [i for i, r in enumerate(rs) if ok(r)]
        rating_acked += len(acked)
        if not acked:
            continue
        allowed = {r["write"][2] for r in rs[acked[-1]:]}
        if in_db.get(w) not in allowed:
            rating_lost += 1
    print(f"ratings: {rating_acked} acknowledged from {len(by_writer)} accounts; "
          f"{rating_lost} accounts whose stored rating is not their last acknowledged one")
    print("writes lost: " + ("none" if not lost and not rating_lost else
                              f"{len(lost)} comments, {rating_lost} ratings"))


if __name__ == "__main__":
    main()
