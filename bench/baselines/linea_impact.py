#!/usr/bin/python3
"""linea's answers for the correctness check: starts `linea serve` on DB (loopback, free port),
GETs /api/v1/impact/{fqn} for every root and writes the normalized reports. The per-root
seconds are HTTP round trips (JSON with paths included); the latency the report compares is
linea's in-process number from build/bench/linea_bench (BM_ImpactBaselineRoots).

Usage: linea_impact.py LINEA_BINARY DB ROOTS_FILE SCALE OUT_JSON
"""
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import mesh as m


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=600) as r:
        return json.load(r)


def wait_healthy(base, server):
    for _ in range(3000):
        if server.poll() is not None:
            sys.exit(f"linea serve exited with {server.returncode}")
        try:
            get(base + "/healthz")
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("linea serve did not become healthy in 300 s")


def normalize(doc):
    teams = {t["team"]: {k: t.get(k, []) for k in ("models", "dashboards", "deployments")}
             for t in doc["teams"]}
    fqns = lambda key: [r["fqn"] for r in doc[key]]
    return m.normalized(fqns("models"), fqns("dashboards"), fqns("deployments"),
                        doc["counts"], teams)


def main():
    binary, db, roots_file, scale, out = sys.argv[1:6]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    server = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}",
                               "--no-auth", "--quiet", "--threads", "2",
                               # timed back-to-back requests: no rate limit
                               "--rate-limit-per-address", "0"])
    try:
        wait_healthy(base, server)
        load_s = time.perf_counter() - start
        per_root = {}
        for fqn in m.read_roots(roots_file):
            t0 = time.perf_counter()
            doc = get(base + "/api/v1/impact/" + urllib.parse.quote(fqn, safe=""))
            per_root[fqn] = {"seconds": time.perf_counter() - t0, "report": normalize(doc)}
            if doc.get("truncated"):
                sys.exit(f"linea truncated the impact of {fqn}")
    finally:
        server.terminate()
        server.wait(timeout=60)
    m.write_result(out, "linea-http", scale, load_s, per_root)


if __name__ == "__main__":
    main()
