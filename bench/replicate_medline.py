#!/usr/bin/env python3
"""Writes COPIES gzip files replicating a MEDLINE baseline file with shifted PMIDs.

usage: replicate_medline.py SOURCE.xml.gz OUT_DIR COPIES

Each copy adds copy * 10,000,000 to every PMID, so every citation is a
distinct document with the real text of a real one.
"""
import gzip
import os
import re
import sys


def main() -> None:
    source, out_dir, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = gzip.open(source).read()
    pmid = re.compile(rb"(<PMID[^>]*>)(\d+)(</PMID>)")
    os.makedirs(out_dir, exist_ok=True)
    for copy in range(copies):
        shift = copy * 10_000_000
        shifted = pmid.sub(lambda m: m.group(1) + str(int(m.group(2)) + shift).encode() + m.group(3), data)
        with gzip.open(os.path.join(out_dir, f"medline_copy{copy:03d}.xml.gz"), "wb", compresslevel=6) as out:
            out.write(shifted)


if __name__ == "__main__":
    main()
