"""Slow clients against a running vendly-server (scripts/bench slowclients): SLOW connections send
their request heads a byte at a time and never finish (a connection the server closes is opened
again, as an attacker would), spread over ADDRESSES loopback source addresses, while other clients
open a new connection per request to GET /healthz and to an authenticated page of drafts. Prints
one JSON object: the others' latencies (p50, p99, max, failures) per path and how many slow
connections were open and re-opened."""
import argparse
import json
import socket
import threading
import time

HEAD = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nUser-Agent: slow\r\nX-Slow: " + b"a" * 4000


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


class Slow:
    def __init__(self, port, count, addresses, interval):
        self.port, self.count, self.addresses, self.interval = port, count, addresses, interval
        self.stop = threading.Event()
        self.reopened = 0
        self.open_samples = []

    def connect(self, i):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((f"127.0.1.{1 + i % self.addresses}", 0))
        s.setblocking(True)
        s.connect(("127.0.0.1", self.port))
        s.setblocking(False)
        return s

    def run(self):
        conns = [self.connect(i) for i in range(self.count)]
        sent = [0] * self.count
        while not self.stop.is_set():
            open_now = 0
            for i, s in enumerate(conns):
                try:
                    s.send(HEAD[sent[i] % len(HEAD):sent[i] % len(HEAD) + 1])
                    sent[i] += 1
                    try:
                        if s.recv(4096) == b"":
                            raise ConnectionError
                        raise ConnectionError  # answered (408 or a refusal): open another
                    except BlockingIOError:
                        open_now += 1
                except (ConnectionError, OSError):
                    s.close()
                    try:
                        conns[i] = self.connect(i)
                        sent[i] = 0
                        self.reopened += 1
                    except OSError:
                        pass
            self.open_samples.append(open_now)
            time.sleep(self.interval)
        for s in conns:
            s.close()


def one_request(port, path, token):
    head = f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    start = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall((head + "\r\n").encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return (time.perf_counter() - start) * 1000.0, ok


def measure(port, path, token, seconds, results):
    latencies, failures = [], 0
    end = time.time() + seconds
    while time.time() < end:
        ms, ok = one_request(port, path, token)
        if ok:
            latencies.append(ms)
        else:
            failures += 1
        time.sleep(0.01)
    results[path] = {"requests": len(latencies) + failures, "failures": failures,
                     "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
                     "max_ms": max(latencies) if latencies else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--slow", type=int, default=200)
    ap.add_argument("--addresses", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--interval", type=float, default=0.05, help="seconds between a slow client's bytes")
    args = ap.parse_args()

    slow = Slow(args.port, args.slow, args.addresses, args.interval)
    slow_thread = threading.Thread(target=slow.run)
    slow_thread.start()
    time.sleep(1.0)  # every slow connection open and dribbling
    results = {}
    paths = [("/healthz", None), ("/api/products/drafts?limit=20", args.token)]
    threads = [threading.Thread(target=measure, args=(args.port, p, t, args.seconds, results))
               for p, t in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    slow.stop.set()
    slow_thread.join()
    samples = slow.open_samples[len(slow.open_samples) // 10:] or [0]
    print(json.dumps({"slow": args.slow, "addresses": args.addresses, "seconds": args.seconds,
                      "slow_open_min": min(samples), "slow_open_avg": sum(samples) / len(samples),
                      "slow_reopened": slow.reopened, "paths": results}))


if __name__ == "__main__":
    main()
