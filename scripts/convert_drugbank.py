#!/usr/bin/env python3
"""Convert the DrugBank open vocabulary (CC0 1.0) into ontology/drugs_drugbank.tsv.

Usage (from the repository root):
    apt-get install wamerican        # /usr/share/dict/words, needed at conversion time only
    python3 scripts/convert_drugbank.py \
        --input ../shared/data/vocab/drugbank_vocabulary.csv \
        --output ontology/drugs_drugbank.tsv

The output has the columns of ontology/drugs.tsv (inn<TAB>classes<TAB>aliases),
with an empty classes column. It is committed, so building trialgraph never
needs this script, DrugBank or the word list. Ontology::Load reads drugs.tsv
first and this file second into the same Vocabulary.

The rules below keep short, ambiguous or everyday spellings from firing as
drugs in trial abstracts; they are general (no rule names a drug of a test
corpus) and are repeated in the header of the output file.
"""

import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Unicode punctuation the C++ tokenizer (ontology/tokenizer.cc) treats as a separator.
_PUNCT = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2018\u2019\u201c\u201d\u00a0\u2009\u202f" \
         "\u2264\u2265\u00d7\u00b1\u00b7\u2022\u00ae\u2122\u00b0\u2026\u00ab\u00bb"
_TOKEN = re.compile(r"[/+:]|[0-9A-Za-z\u0080-\uffff]+")


def tokens(s):
    """Word tokens as ontology::Tokenize makes them (lower-cased)."""
    s = "".join(" " if c in _PUNCT else c for c in s)
    return [t.lower() for t in _TOKEN.findall(s)]


def key(s):
    """Comparison key: lower case, hyphens/spaces/punctuation collapsed ("Ara-C" == "AraC" == "ara c")."""
    return "".join(tokens(s.lstrip("=")))


def load_english_words(path):
    """Ordinary (lower-case) English words; capitalised dictionary entries are proper nouns, not ordinary words."""
    if not os.path.exists(path):
        sys.exit(f"{path} missing: apt-get install wamerican (needed at conversion time only)")
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for w in f:
            w = w.strip()
            if w and w.islower() and "'" not in w:
                words.add(w)
    return words


def load_stoplist(path):
    stop = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                stop.add(key(line))
    return stop


def curated_keys(path):
    """Keys of every name and alias of the curated drugs.tsv (the curated file wins)."""
    keys = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            for item in [fields[0]] + fields[2].split("|"):
                if item.strip():
                    keys.add(key(item.strip()))
    return keys


# Columns of other ontology files that hold drug names, not competing spellings: a regimen's components are the
# drugs it stands for ("Atripla": efavirenz, emtricitabine, tenofovir disoproxil), which must stay drugs.
DRUG_COLUMNS = {"regimens.tsv": {1}}


def other_vocabulary_keys(ontology_dir):
    """Keys of every item of the other ontology files (diseases, regimens, endpoints, ...):
    a DrugBank synonym spelled like a regimen acronym or a disease would shadow it."""
    keys = set()
    for name in sorted(os.listdir(ontology_dir)):
        if not name.endswith(".tsv") or name.startswith("drugs"):
            continue
        drug_columns = DRUG_COLUMNS.get(name, set())
        with open(os.path.join(ontology_dir, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                for column, field in enumerate(line.rstrip("\n").split("\t")):
                    if column in drug_columns:
                        continue
                    for item in field.split("|"):
                        k = key(item.strip())
                        if k:
                            keys.add(k)
    return keys


# Rule 5 exception: an everyday word that is also a medicine. DrugBank lists a
# pharmacopoeial Latin/Romance spelling of it (Morphine -> Morphinum, Caffeine ->
# Caffeinum, Ibuprofen -> Ibuprofene), or it carries an INN stem ending. Foods,
# elements and materials (apple, iron, lead) have neither.
_LATIN_ENDINGS = ("um", "a", "e", "o", "i", "inum", "ina", "ino", "ine")
_INN_STEMS = ("mycin", "cillin", "barbital", "caine", "profen", "amine", "oxacin", "azole", "olol",
              "pril", "sartan", "statin", "tidine", "azepam", "phen")


def medicinal_word(word, synonyms):
    w = word.lower()
    if w.endswith(_INN_STEMS):
        return True
    for stem in (w, w[:-1]):
        if len(stem) < 4:
            continue
        for s in synonyms:
            t = s.lower()
            if t != w and t.startswith(stem) and t[len(stem):] in _LATIN_ENDINGS:
                return True
    return False


_DIGIT = re.compile(r"\d")


def classify(spelling, synonyms, english, stop):
    """Returns the spelling as it goes into the TSV ('=' prefix for case-sensitive), or None to drop it."""
    s = spelling.strip()
    toks = tokens(s)
    if not toks:
        return None
    k = "".join(toks)
    # Rule 1: IUPAC-like systematic names -- digits together with commas or brackets
    # ("5,6,7,8-tetrahydrofolate", "(S)-2-amino..."), or longer than 60 characters.
    if len(s) > 60 or (_DIGIT.search(s) and re.search(r"[,()\[\]{}]", s)):
        return None
    # Stereo/structural prefixes without digits are systematic names too ("(S)-a-amino...", "alpha-D-...").
    if re.search(r"[()\[\]{}]", s) and len(toks) > 3:
        return None
    # Rule 2: elements, ions, nutrients, lab analytes (ontology/drug_stoplist.txt).
    if k in stop:
        return None
    # Also a spelling that is a stoplisted word plus a salt/form word ("Calcium chloride", "Zinc oxide")
    # would mostly name the element: drop when every token is stoplisted or a salt word.
    if len(toks) > 1 and all(t in stop or t in _SALT_WORDS for t in toks) and any(t in stop for t in toks):
        return None
    # Rule 3: ordinary English words ("lead", "gold", "water", "ice", "urea"), and lower-case phrases made
    # only of them ("fish oil"), unless the phrase is a capitalised multiword name ("Milk Of Magnesia").
    if all(t in english for t in toks):
        if len(toks) == 1:
            if not medicinal_word(s, synonyms):
                return None
        elif not all(w[:1].isupper() for w in re.findall(r"[A-Za-z]+", s)):
            return None
    # Rule 4: 3 characters or fewer: dropped unless code-like (letters and digits, "5FU", "T3"),
    # which are kept case-sensitive.
    compact = re.sub(r"[\s\-]", "", s)
    if len(compact) <= 3:
        if re.search(r"[A-Za-z]", compact) and _DIGIT.search(compact):
            return "=" + s
        return None
    # Rule 5: 4-5 character all-caps abbreviations are case-sensitive ("ATRA" yes, "atra" no).
    # Codes with digits ("PZM21") are unambiguous and stay case-insensitive.
    if len(compact) <= 5 and re.fullmatch(r"[A-Z]+", compact):
        return "=" + s
    # Short mixed-case abbreviations ("cAMP", "dUMP", "IdeS"): case-sensitive as well.
    if len(compact) <= 5 and re.search(r"[a-z]", compact[1:]) and re.search(r"[A-Z]", compact[1:]):
        return "=" + s
    return s


# Salt and form words: "X hydrochloride" is the same drug as X (salts map to the parent name).
_SALT_WORDS = {"hydrochloride", "chloride", "sulfate", "sulphate", "acetate", "citrate", "phosphate",
               "oxide", "carbonate", "bicarbonate", "gluconate", "lactate", "hydroxide", "sodium", "potassium",
               "calcium", "magnesium", "anhydrous", "monohydrate", "dihydrate", "trihydrate", "hexahydrate",
               "heptahydrate", "pentahydrate", "salt", "fumarate", "tartrate", "maleate", "mesylate", "besylate",
               "nitrate", "iodide", "bromide", "fluoride", "dioxide", "trioxide", "ion", "cation", "anion"}


HEADER = """# trialgraph drug vocabulary, part 2: generated from the DrugBank open vocabulary (CC0 1.0)
# by scripts/convert_drugbank.py -- do not edit by hand; fix the script or drug_stoplist.txt and rerun.
# columns: inn<TAB>classes<TAB>aliases (as drugs.tsv; classes empty)
#   inn     DrugBank common name, lower case
#   aliases '|'-list of DrugBank synonyms; a leading '=' means case-sensitive match
# Loaded after drugs.tsv into the same vocabulary. Conversion rules:
#   - a DrugBank drug any of whose names/synonyms is a name or alias of drugs.tsv is skipped (the curated
#     file wins); names are compared after lower-casing and collapsing hyphens and spaces
#   - IUPAC-like systematic names (digits with commas or brackets, bracketed names of 4+ words, or
#     longer than 60 characters) are dropped; salt names ("X hydrochloride") are kept and map to X
#   - names of elements, ions, gases, nutrients, excipients and lab analytes (ontology/drug_stoplist.txt)
#     are dropped; a drug whose common name is dropped is dropped entirely
#   - ordinary English words (lower-case entries of /usr/share/dict/words, e.g. lead, gold, water, ice,
#     urea) and phrases made only of them are dropped, unless the phrase is a capitalised multiword
#     name; a single word is kept when it is a medicine: DrugBank lists a pharmacopoeial Latin/Romance
#     spelling of it (Morphinum, Caffeinum) or it ends in an INN stem (-mycin, -caine, -profen...)
#   - spellings of 3 characters or fewer are dropped unless code-like (letters and digits), which are
#     kept case-sensitive ('='); 4-5 letter all-caps and short mixed-case abbreviations are '='
#   - a spelling shared by two DrugBank drugs is ambiguous and dropped from both, unless it is the exact
#     common name of one of them (that one keeps it)
#   - a spelling that is a term of another trialgraph vocabulary (diseases, regimens, endpoints...) is
#     dropped
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default="../shared/data/vocab/drugbank_vocabulary.csv")
    ap.add_argument("--output", default=os.path.join(ROOT, "ontology", "drugs_drugbank.tsv"))
    ap.add_argument("--ontology", default=os.path.join(ROOT, "ontology"))
    ap.add_argument("--words", default="/usr/share/dict/words")
    args = ap.parse_args()

    english = load_english_words(args.words)
    stop = load_stoplist(os.path.join(args.ontology, "drug_stoplist.txt"))
    curated = curated_keys(os.path.join(args.ontology, "drugs.tsv"))
    others = other_vocabulary_keys(args.ontology)

    stats = {"rows": 0, "curated": 0, "name dropped": 0, "ambiguous spellings": 0, "other vocabulary": 0}
    drugs = []  # (canonical lower-case name, [spellings])
    with open(args.input, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            stats["rows"] += 1
            name = row["Common name"].strip()
            synonyms = [s.strip() for s in row["Synonyms"].split(" | ") if s.strip()]
            everything = [name] + synonyms
            if any(key(s) in curated for s in everything):
                stats["curated"] += 1
                continue
            kept_name = classify(name, synonyms, english, stop)
            # The canonical name is matched case-insensitively by the loader, so a name that must be
            # case-sensitive (or is dropped) cannot be a canonical name: the drug is dropped.
            if kept_name is None or kept_name.startswith("="):
                stats["name dropped"] += 1
                continue
            spellings = []
            seen = {key(name)}
            for s in synonyms:
                k = key(s)
                if k in seen:
                    continue
                seen.add(k)
                c = classify(s, synonyms, english, stop)
                if c is not None:
                    spellings.append(c)
            drugs.append((name.lower(), key(name), spellings))

    # Ambiguity: which drugs spell each key, and which drug has it as its common name.
    owners = {}
    name_owner = {}
    for i, (cname, nkey, spellings) in enumerate(drugs):
        owners.setdefault(nkey, set()).add(i)
        name_owner.setdefault(nkey, []).append(i)
        for s in spellings:
            owners.setdefault(key(s), set()).add(i)

    out_rows = []
    used_names = set()
    for i, (cname, nkey, spellings) in enumerate(drugs):
        # Two DrugBank drugs with the same common name: the first keeps it.
        if len(name_owner[nkey]) > 1 and name_owner[nkey][0] != i:
            stats["name dropped"] += 1
            continue
        if nkey in others:
            stats["other vocabulary"] += 1
            continue
        if cname in used_names:
            continue
        used_names.add(cname)
        aliases = []
        for s in spellings:
            k = key(s)
            if k in others:
                stats["other vocabulary"] += 1
                continue
            if len(owners[k]) > 1:
                names = name_owner.get(k, [])
                if not (len(names) >= 1 and names[0] == i):
                    stats["ambiguous spellings"] += 1
                    continue
            aliases.append(s.replace("\t", " ").replace("|", " "))
        out_rows.append(f"{cname}\t\t{'|'.join(aliases)}")

    with open(args.output, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write(f"# {len(out_rows)} drugs from {stats['rows']} DrugBank rows; skipped: {stats['curated']} in drugs.tsv, "
                f"{stats['name dropped']} with a dropped common name\n")
        for line in out_rows:
            f.write(line + "\n")
    print(f"wrote {args.output}: {len(out_rows)} drugs; {stats}", file=sys.stderr)


if __name__ == "__main__":
    main()
