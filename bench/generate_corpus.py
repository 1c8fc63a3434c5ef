#!/usr/bin/env python3
"""Generates realistic synthetic trial abstracts from trialgraph's ontology.

usage: generate_corpus.py OUT_DIR COUNT [--seed N] [--per-file 5000] [--first-id N]

Writes MEDLINE text files (PMID-/TI-/AB- records, the .nbib format) so the
graph grows as a real one does: drugs, named regimens, diseases, settings and
endpoint kinds are drawn from ontology/*.tsv with a skewed (Zipf-like)
popularity, about one trial in five is reported by two documents (same NCT
id), and every abstract has enrolment, arms and endpoint sentences with
numbers in the styles journals use. The text is synthetic: it is for
benchmarks only and states no real result.
"""
import argparse
import os
import random

ONTOLOGY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ontology")


def rows(name):
    with open(os.path.join(ONTOLOGY, name), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def zipf_choice(rng, items):
    # Popularity falls off with rank, as drug mentions do in real literature.
    index = min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)
    return items[index]


class Vocabulary:
    def __init__(self, rng):
        self.drugs = [r[0] for r in rows("drugs.tsv")]
        rng.shuffle(self.drugs)
        self.regimens = [r[0] for r in rows("regimens.tsv") if len(r[0]) < 24 and "(" not in r[0]]
        self.diseases = [r[0] for r in rows("diseases.tsv")]
        rng.shuffle(self.diseases)
        self.endpoints = ["overall survival", "event-free survival", "progression-free survival",
                          "complete remission", "overall response", "MRD negativity", "relapse-free survival"]
        self.settings = ["newly diagnosed", "relapsed or refractory", "in first salvage", "MRD-positive"]
        self.adverse = [r[0] for r in rows("adverse_events.tsv")]


def sentence_arms(rng, v, focus):
    regimen = zipf_choice(rng, v.regimens) if rng.random() < 0.4 else None
    drugs = {zipf_choice(rng, v.drugs) for _ in range(rng.randint(1, 3))}
    # A corpus gathered around some drugs (say, ALL immunotherapy) names them often, often together.
    for drug in focus:
        if rng.random() < 0.15:
            drugs.add(drug)
    drugs = sorted(drugs)
    experimental = " plus ".join(([regimen] if regimen else []) + drugs)
    if rng.random() < 0.45:
        control = zipf_choice(rng, v.drugs)
        return (f"Patients were randomly assigned in a 2:1 ratio to receive {experimental} or {control}.", True)
    return (f"Patients received {experimental} for up to {rng.randint(2, 8)} cycles.", False)


def abstract(rng, v, pmid, nct, focus):
    disease = zipf_choice(rng, v.diseases)
    setting = rng.choice(v.settings)
    phase = rng.choice(["1", "1/2", "2", "2", "3"])
    n = rng.randint(20, 900)
    arms_sentence, randomized = sentence_arms(rng, v, focus)
    design = "randomized, open-label" if randomized else "single-arm, multicenter"
    title = f"A phase {phase} trial in {setting} {disease}"
    parts = [f"Background: Outcomes of patients with {setting} {disease} remain poor.",
             f"Methods: In this {design} phase {phase} trial ({nct}), we enrolled {n} patients with {setting} {disease}.",
             arms_sentence]
    results = []
    for kind in rng.sample(v.endpoints, rng.randint(2, 4)):
        style = rng.random()
        if kind.endswith("survival") and style < 0.5:
            a, b = round(rng.uniform(3, 40), 1), round(rng.uniform(2, 30), 1)
            results.append(f"The median {kind} was {a} vs {b} months (hazard ratio, {rng.uniform(0.3, 1.1):.2f}; "
                           f"95% CI, {rng.uniform(0.2, 0.6):.2f} to {rng.uniform(0.7, 1.4):.2f}; P = {rng.uniform(0.001, 0.2):.3f}).")
        elif kind.endswith("survival"):
            results.append(f"The {rng.randint(1, 5)}-year {kind} was {rng.uniform(20, 95):.1f}%.")
        else:
            k = rng.randint(1, n)
            results.append(f"A total of {k} of {n} patients ({100 * k / n:.0f}%) achieved {kind}.")
    ae = rng.sample(v.adverse, 2)
    results.append(f"Grade 3 or higher adverse events included {ae[0]} ({rng.randint(2, 40)}%) and {ae[1]} ({rng.randint(1, 20)}%).")
    parts.append("Results: " + " ".join(results))
    parts.append("Conclusions: The regimen showed activity in this population.")
    return title, " ".join(parts)


def medline_record(pmid, title, text):
    return f"PMID- {pmid}\nTI  - {title}\nAB  - {text}\nPT  - Clinical Trial\n\n"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out_dir")
    p.add_argument("count", type=int)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--per-file", type=int, default=5000)
    p.add_argument("--first-id", type=int, default=0,
                   help="numbers PMIDs and new NCT ids from here, so a second corpus adds documents instead of replacing them")
    p.add_argument("--focus", default="", help="comma-separated INNs that about 15%% of abstracts each add to their regimen")
    a = p.parse_args()
    if 90000000 + a.first_id + a.count > 99999999:
        p.error("--first-id + COUNT must stay below 9,999,999: NCT ids have 8 digits")
    rng = random.Random(a.seed)
    v = Vocabulary(rng)
    os.makedirs(a.out_dir, exist_ok=True)
    focus = [d for d in a.focus.split(",") if d]
    trials = []
    out = None
    for i in range(a.count):
        if i % a.per_file == 0:
            if out:
                out.close()
            out = open(os.path.join(a.out_dir, f"synthetic_{i // a.per_file:05d}.nbib"), "w", encoding="utf-8")
        if trials and rng.random() < 0.2:
            nct = rng.choice(trials)  # a second report of an earlier trial
        else:
            nct = f"NCT{90000000 + a.first_id + i:08d}"
            trials.append(nct)
            if len(trials) > 10000:
                trials.pop(0)
        pmid = 900000000 + a.first_id + i
        title, text = abstract(rng, v, pmid, nct, focus)
        out.write(medline_record(pmid, title, text))
    if out:
        out.close()


if __name__ == "__main__":
    main()
