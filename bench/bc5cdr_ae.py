#!/usr/bin/env python3
"""Adverse-event yardstick on BC5CDR: how many chemical-induced diseases of trial abstracts trialgraph reports as
adverse events, and how many of its adverse events name a disease the abstract mentions.

    python3 bench/bc5cdr_ae.py [--binary BIN] [--ontology DIR] [--misses] [--ungrounded] [PUBTATOR_FILE...]

BC5CDR annotates every disease mention (with its MeSH id) and, per abstract, the chemical-induced-disease (CID)
relations. Over the abstracts that report a clinical trial (a design word such as randomised, placebo, double-blind,
open-label or phase, and patients, volunteers, subjects or participants), it prints
  recall        the share of CID diseases for which trialgraph reports an adverse event whose name (or one of its
                spellings in ontology/adverse_events.tsv) matches one of the disease's mention texts, or whose evidence
                sentence holds a mention of the disease;
  groundedness  the share of reported adverse events (distinct names per abstract) whose name or spelling matches a
                disease mention of the abstract.
CID is not the gold: a disease named only in the background or in a case is no event of the trial, so recall cannot
reach 1; read the misses (--misses prints each with its first sentence) rather than chase the figure. Documents any
tests/gold*/ file names as its source, and those listed in $EXTRACT_DIFF_BLIND, are left out and never printed.
The annotations are read here only; trialgraph never sees them.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from extract_diff import blind_documents, document_id  # noqa: E402  (the blind held-out sets and $EXTRACT_DIFF_BLIND)

DATA = ROOT.parent / "shared" / "data" / "bc5cdr"
DEFAULT_FILES = [str(DATA / "CDR_TrainingSet.PubTator.txt"), str(DATA / "CDR_DevelopmentSet.PubTator.txt")]
TRIAL_DESIGN = re.compile(r"\b(randomi[sz]ed|randomly|placebo|double[- ]blind|open[- ]label|phase (?:I{1,3}V?|IV|[1-4])\b)",
                          re.I)
TRIAL_PEOPLE = re.compile(r"\b(patients|volunteers|subjects|participants)\b", re.I)


class Abstract:
    def __init__(self, pmid, title, abstract):
        self.pmid = pmid
        self.title = title
        # trialgraph's text of an article: the title, a blank line, the abstract (ingest/pubmed_reader.cc)
        self.text = title + "\n\n" + abstract
        self.mentions = defaultdict(list)  # MeSH id -> [(start, end, text)] in self.text
        self.all_mentions = []  # every disease mention text
        self.cid_diseases = []  # MeSH ids of the CID relations' diseases, in order, once each

    def offset(self, pubtator_offset):
        """PubTator counts the abstract from the title's length + 1; trialgraph puts a blank line between."""
        return pubtator_offset + (pubtator_offset > len(self.title))

    def is_trial(self):
        return bool(TRIAL_DESIGN.search(self.text) and TRIAL_PEOPLE.search(self.text))

    def sentence_at(self, start):
        begin = max(self.text.rfind(". ", 0, start) + 2, self.text.rfind("\n", 0, start) + 1)
        end = self.text.find(". ", start)
        return self.text[begin:end + 1 if end >= 0 else len(self.text)]


def read_pubtator(path):
    abstracts = {}
    current = title = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if "|t|" in line[:20]:
            title = line.split("|", 2)[2]
        elif "|a|" in line[:20]:
            pmid, _, abstract = line.split("|", 2)
            current = Abstract(pmid, title, abstract)
            abstracts.setdefault(pmid, current)
        elif "\t" in line and current is not None and abstracts.get(current.pmid) is current:
            fields = line.split("\t")
            if fields[1] == "CID":
                if fields[3] not in current.cid_diseases:
                    current.cid_diseases.append(fields[3])
            elif len(fields) >= 6 and fields[4] == "Disease":
                start, end = current.offset(int(fields[1])), current.offset(int(fields[2]))
                current.all_mentions.append(fields[3])
                for mesh in fields[5].split("|"):
                    current.mentions[mesh].append((start, end, fields[3]))
    return abstracts


def event_spellings(ontology):
    """canonical adverse-event name -> its spellings (lower case), from adverse_events.tsv."""
    spellings = {}
    for line in open(pathlib.Path(ontology) / "adverse_events.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, _, aliases = line.rstrip("\n").partition("\t")
        spellings[name.lower()] = {name.lower()} | {a.lstrip("=").lower() for a in aliases.split("|") if a}
    return spellings


def normal(text):
    return " ".join(text.lower().replace("-", " ").split())


def names_match(spellings, mention):
    """A spelling equal to the mention, or standing in it as whole words ("hypotension" in "severe hypotension")."""
    m = normal(mention)
    return any(s == m or re.search(r"\b" + re.escape(s) + r"\b", m) for s in map(normal, spellings))


def extract(binary, ontology, files):
    options = ["--ontology", ontology] if ontology else []
    run = subprocess.run([binary, "extract", *options, *files], capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"{binary} extract ended with status {run.returncode}:\n{run.stderr[-2000:]}")
    events = defaultdict(list)  # pmid -> [adverse event]
    for line in run.stdout.splitlines():
        doc = json.loads(line)
        pmid = str((doc.get("ids") or {}).get("pmid") or "")
        for trial in doc.get("trials", []):
            events[pmid].extend(trial.get("adverse_events", []))
    return events


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / "build" / "bin" / "trialgraph"))
    parser.add_argument("--ontology", help="the ontology directory (default: the binary's own)")
    parser.add_argument("--misses", action="store_true", help="print each missed CID disease with its first sentence")
    parser.add_argument("--ungrounded", action="store_true", help="print each adverse event no disease mention names")
    parser.add_argument("files", nargs="*", default=DEFAULT_FILES)
    args = parser.parse_args()
    ontology = args.ontology or str(ROOT / "ontology")
    spellings = event_spellings(ontology)

    excluded = blind_documents() | {document_id(json.loads(p.read_text()).get("source", ""))
                                    for p in ROOT.glob("tests/gold*/*.json")}
    abstracts = {}
    for path in args.files:
        for pmid, a in read_pubtator(path).items():
            if pmid not in excluded and a.is_trial():
                abstracts.setdefault(pmid, a)
    events = extract(args.binary, args.ontology, args.files)

    cid_total = cid_found = reported = grounded = 0
    for pmid, a in sorted(abstracts.items()):
        names = {e["name"] for e in events.get(pmid, [])}
        for mesh in a.cid_diseases:
            texts = {t for _, _, t in a.mentions[mesh]}
            found = any(names_match(spellings.get(e["name"].lower(), {e["name"].lower()}), t)
                        for e in events.get(pmid, []) for t in texts) or any(
                e["evidence"]["start"] <= start < e["evidence"]["end"]
                for e in events.get(pmid, []) for start, _, _ in a.mentions[mesh])
            cid_total += 1
            cid_found += found
            if args.misses and not found and a.mentions[mesh]:
                start, _, text = a.mentions[mesh][0]
                print(f"miss {pmid} {text!r}: {a.sentence_at(start)}")
        for name in sorted(names):
            ok = any(names_match(spellings.get(name.lower(), {name.lower()}), t) for t in a.all_mentions)
            reported += 1
            grounded += ok
            if args.ungrounded and not ok:
                print(f"ungrounded {pmid} {name!r}")
    print(f"trial abstracts {len(abstracts)} (gold and blind documents left out)")
    print(f"recall        {cid_found}/{cid_total} = {cid_found / max(cid_total, 1):.3f} of CID diseases")
    print(f"groundedness  {grounded}/{reported} = {grounded / max(reported, 1):.3f} of reported adverse events")


if __name__ == "__main__":
    main()
