"""Reads the summary of a `wrk --latency` run (bench/http_bench.sh, bench/load_test.sh)."""
import re
from typing import NamedTuple


class WrkRun(NamedTuple):
    requests: int      # completed requests
    rps: float         # requests per second
    p99_ms: float      # 99th percentile latency
    errors: int        # non-2xx/3xx responses plus socket errors


def read(path: str) -> WrkRun:
    text = open(path).read()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return WrkRun(requests, rps, p99_ms, errors)
