#!/usr/bin/env python3
"""Compares what two trialgraph binaries extract from the same documents.

    python3 scripts/extract_diff.py OLD_BINARY NEW_BINARY [--ontology DIR] [PATH...]

PATHs default to the development corpora in ../shared/data: the 292
ClinicalTrials.gov text summaries, the BC5CDR training abstracts, the MEDLINE
sample, the 77 ClinicalTrials.gov XML and JSON records and the seeds. Prints each document whose facts changed (evidence
offsets and the title aside) with the changed fields, then a count. Rule
writers run it before committing: every changed fact must be an improvement.
Each binary reads the ontology of its own source tree unless --ontology
names one for both (to compare code alone).

Documents of the blind held-out sets (tests/gold-heldout4, 5 and 6)
are never printed, so a rule writer cannot read their extraction; they are
counted apart. So are the documents listed (one gold `source` per line) in the
file named by the environment variable EXTRACT_DIFF_BLIND, for a development
batch that is still to be scored blind.
"""
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_PATHS = [
    *sorted(str(p) for p in (SHARED / "data" / "ctgov-text-all").glob("*.story")),
    str(SHARED / "data" / "bc5cdr" / "CDR_TrainingSet.PubTator.txt"),
    str(SHARED / "data" / "pubmed" / "medline16n0902.xml.gz"),
    *sorted(str(p) for p in (SHARED / "data" / "ctgov" / "xml").glob("*.xml")),
    *sorted(str(p) for p in (SHARED / "data" / "ctgov" / "json").glob("*.json")),
    *sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")),
]


BLIND_SETS = ["gold-heldout4", "gold-heldout5", "gold-heldout6"]


def document_id(source):
    """A document's identity across files: the id after '#' (a PMID is in both BC5CDR files), else the file's stem
    (a registry record or summary is named by its NCT id)."""
    path, _, ident = source.partition("#")
    return ident or pathlib.Path(path).name.split(".")[0]


def blind_documents():
    """The ids of the blind held-out sets' documents, read from the gold files' `source` only."""
    blind = set()
    for name in BLIND_SETS:
        for gold in (ROOT / "tests" / name).glob("*.json"):
            blind.add(document_id(json.loads(gold.read_text()).get("source", "")))
    extra = os.environ.get("EXTRACT_DIFF_BLIND")
    if extra:
        blind.update(document_id(line.strip()) for line in open(extra) if line.strip())
    return blind


def is_blind(key, blind):
    """key: extract's "SOURCE#PMID" (SOURCE itself may end in "#ID")."""
    source, _, pmid = key.rpartition("#")
    return document_id(source) in blind or (pmid and pmid in blind)


def extract(binary, ontology, paths):
    """One JSON object per document, keyed by source (and PMID inside a file of many)."""
    options = ["--ontology", ontology] if ontology else []
    run = subprocess.run([binary, "extract", *options, *paths], capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):  # 1: some file unreadable, reported per file; anything else cut the output short
        sys.exit(f"{binary} extract ended with status {run.returncode}:\n{run.stderr[-2000:]}")
    documents = {}
    for line in run.stdout.splitlines():
        doc = json.loads(line)
        key = doc.get("source", "") + "#" + str((doc.get("ids") or {}).get("pmid") or "")
        documents[key] = doc
    return documents


def facts(value):
    """The value without evidence offsets and titles, which move with any reader change."""
    if isinstance(value, dict):
        return {k: facts(v) for k, v in value.items() if k not in ("evidence", "title")}
    if isinstance(value, list):
        return [facts(v) for v in value]
    return value


def changed_fields(old, new):
    lines = []
    old_trials, new_trials = old.get("trials", []), new.get("trials", [])
    if len(old_trials) != len(new_trials):
        lines.append(f"  trials: {len(old_trials)} -> {len(new_trials)}")
    for i, (a, b) in enumerate(zip(old_trials, new_trials)):
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                lines.append(f"  trial {i} {field}:\n    - {json.dumps(a.get(field))[:400]}\n    + {json.dumps(b.get(field))[:400]}")
    for field in ("ids", "not_trials"):
        if old.get(field) != new.get(field):
            lines.append(f"  {field}: {json.dumps(old.get(field))} -> {json.dumps(new.get(field))}")
    return lines


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old_binary, new_binary, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    ontology = None
    if rest[:1] == ["--ontology"] and len(rest) >= 2:
        ontology, rest = rest[1], rest[2:]
    paths = rest or DEFAULT_PATHS
    old, new = extract(old_binary, ontology, paths), extract(new_binary, ontology, paths)
    blind = blind_documents()
    changed = blind_changed = 0
    for key in sorted(set(old) | set(new)):
        a, b = facts(old.get(key, {})), facts(new.get(key, {}))
        if a == b:
            continue
        if is_blind(key, blind):
            blind_changed += 1
            continue
        changed += 1
        print(key)
        print("\n".join(changed_fields(a, b)) or "  (document added or removed)")
    print(f"{changed} of {len(new)} documents changed", end="")
    print(f" (and {blind_changed} of the blind held-out sets, not shown)" if blind_changed else "")


if __name__ == "__main__":
    main()
