#!/usr/bin/env python3
"""Convert the MeSH 2019 disease headings (NLM, free use with attribution) into ontology/diseases_mesh.tsv.

Usage (from the repository root):
    python3 scripts/convert_mesh.py \
        --input ../shared/data/vocab/2019_mesh_terms.txt \
        --output ontology/diseases_mesh.tsv

The input lists one MeSH tree number and its descriptor per line ("C02.800.801.400<TAB>HIV Infections").
The output has one row per disease descriptor (heading<TAB>top-level trees<TAB>spellings) and is
committed, so building trialgraph never needs this script or MeSH. Ontology::Load reads it into a
vocabulary of its own (Ontology::mesh_diseases), apart from the curated diseases.tsv: it tells a
disease from other words (a registry record's condition "HIV Infection" against "Physical
Activity"; "patients with congestive heart failure" in an abstract that names no curated disease),
it gives no canonical names or hierarchy.

Rules, repeated in the output's header:
  * the disease trees: C (Diseases) and F03 (Mental Disorders); not C22 (Animal Diseases) nor C23
    (Pathological Conditions, Signs and Symptoms: "Pain", "Syndrome", "Fever", "Nausea" name
    symptoms and adverse events, not a population's disease), unless the descriptor is also filed
    under another disease tree;
  * a descriptor spelled like a curated disease (diseases.tsv) is left to the curated file;
  * descriptors too general to name a population's disease ("Infection") are listed in
    ontology/disease_stoplist.txt and left out;
  * spellings: the heading, its inverted form read in order ("Heart Failure, Congestive" ->
    "Congestive Heart Failure"), each with its last word in the singular ("HIV Infections" ->
    "HIV Infection"), and a one-name "X Disease"/"X Syndrome" heading with the possessive that MeSH
    drops from eponyms ("Parkinson Disease" -> "Parkinson's Disease").
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DISEASE_TREES = re.compile(r"^(C\d\d|F03)\b")
EXCLUDED_TREES = {"C22", "C23"}
_TOKEN = re.compile(r"[/+:]|[0-9A-Za-z\u0080-\uffff]+")


def key(s):
    """Comparison key: word tokens, lower case, as ontology::Tokenize splits them."""
    return "".join(t.lower() for t in _TOKEN.findall(s.lstrip("=")))


def curated_keys(path):
    """Keys of every name and alias of the curated diseases.tsv."""
    keys = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            for item in [fields[0]] + (fields[2].split("|") if len(fields) > 2 else []):
                if item.strip():
                    keys.add(key(item))
    return keys


def read_stoplist(path):
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def read_descriptors(path):
    """Descriptor -> set of top-level trees it is filed under."""
    trees = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            number, _, heading = line.rstrip("\n").partition("\t")
            top = DISEASE_TREES.match(number)
            if top and heading:
                trees.setdefault(heading.strip(), set()).add(top.group(1))
    return trees


def uninverted(heading):
    """ "Heart Failure, Congestive" -> "Congestive Heart Failure"; headings with one comma only."""
    parts = [p.strip() for p in heading.split(",")]
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 and parts[1] else None


def singular(phrase):
    """The phrase with its last word in the singular, or None when it has no plural ending."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith("ies"):
        word = last[:-3] + "y"
    elif lower.endswith("oses"):
        word = last[:-2] + "is"
    elif lower.endswith("s") and not lower.endswith(("ss", "is", "us", "ys")):
        word = last[:-1]
    else:
        return None
    return f"{head} {word}".strip()


_EPONYM = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)*) (Disease|Syndrome)")
# Endings of descriptive words, not names: "Metabolic Syndrome", "Hepatorenal Syndrome", "Refeeding Syndrome".
_DESCRIPTIVE = re.compile(r"(?:al|ic|ac|ar|ary|ory|ing|ion|ive|ous|ia|ed|oid)$")


def possessive(heading):
    """ "Parkinson Disease" -> "Parkinson's Disease": MeSH drops an eponym's possessive, most text keeps it.
    A name ending in "s" takes a bare apostrophe ("Graves Disease" -> "Graves' Disease")."""
    named = _EPONYM.fullmatch(heading)
    if not named or heading.startswith("Post") or any(_DESCRIPTIVE.search(part) for part in named.group(1).split("-")):
        return None
    name = named.group(1)
    return f"{name}' {named.group(2)}" if name.endswith("s") else f"{name}'s {named.group(2)}"


def spellings(heading):
    forms = [heading]
    if (flipped := uninverted(heading)):
        forms.append(flipped)
    for form in list(forms):
        if (one := singular(form)):
            forms.append(one)
    if (owned := possessive(heading)):
        forms.append(owned)
    seen, out = set(), []
    for form in forms:
        if key(form) not in seen:
            seen.add(key(form))
            out.append(form)
    return out


HEADER = """# MeSH disease descriptors (generated by scripts/convert_mesh.py from the 2019 MeSH tree; do not edit by hand)
# Courtesy of the U.S. National Library of Medicine (MeSH, free use with attribution); see ontology/LICENSE.md.
# columns: descriptor<TAB>top-level trees<TAB>spellings
# rules: trees C and F03, not C22 (animal diseases) nor C23 (signs and symptoms) unless also filed under another
#   disease tree; descriptors spelled like a curated disease (diseases.tsv) or too general (disease_stoplist.txt)
#   left out; spellings are the heading, its inverted form read in order, each with the last word in the singular,
#   and a one-name "X Disease"/"X Syndrome" heading with the eponym's possessive ("Parkinson's Disease").
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--curated", default=os.path.join(ROOT, "ontology", "diseases.tsv"))
    parser.add_argument("--stoplist", default=os.path.join(ROOT, "ontology", "disease_stoplist.txt"))
    args = parser.parse_args()
    curated = curated_keys(args.curated)
    stop = read_stoplist(args.stoplist)
    rows = []
    for heading, trees in sorted(read_descriptors(args.input).items()):
        if not trees - EXCLUDED_TREES or heading in stop:
            continue
        forms = spellings(heading)
        if any(key(form) in curated for form in forms):
            continue
        rows.append(f"{heading}\t{','.join(sorted(trees))}\t{'|'.join(forms[1:])}")
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("\n".join(rows) + "\n")
    print(f"{len(rows)} descriptors written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
