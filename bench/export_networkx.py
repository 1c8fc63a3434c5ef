#!/usr/bin/env python3
"""Times networkx on a GraphML file written by `trialgraph export`.

usage: export_networkx.py GRAPHML [OUT]

Reads GRAPHML with networkx.read_graphml, then times networkx.write_graphml of
the same graph to OUT (default: GRAPHML with ".networkx.graphml" appended).
Prints one JSON object: nodes, edges, read_seconds, write_seconds,
write_cpu_seconds (user + system time of the write), bytes
(of networkx's output), write_mb_per_s, peak_rss_kb (of this process) and
writer (lxml or xml.etree).
"""
import json
import os
import resource
import sys
import time

import networkx as nx


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    target = sys.argv[2] if len(sys.argv) == 3 else source + ".networkx.graphml"
    start = time.perf_counter()
    graph = nx.read_graphml(source)
    read_seconds = time.perf_counter() - start
    try:
        import lxml  # noqa: F401  networkx writes with lxml when it is installed
        writer = "lxml"
    except ImportError:
        writer = "xml.etree"
    start, start_cpu = time.perf_counter(), time.process_time()
    nx.write_graphml(graph, target)
    write_seconds = time.perf_counter() - start
    write_cpu_seconds = time.process_time() - start_cpu
    size = os.path.getsize(target)
    print(json.dumps({
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "read_seconds": round(read_seconds, 4),
        "write_seconds": round(write_seconds, 4),
        "write_cpu_seconds": round(write_cpu_seconds, 4),
        "bytes": size,
        "write_mb_per_s": round(size / 1e6 / write_seconds, 2) if write_seconds > 0 else None,
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "writer": writer,
    }))


if __name__ == "__main__":
    main()
