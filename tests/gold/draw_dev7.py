"""Selection of the dev7 development documents (session 8), fixed before any was read.

    python3 tests/gold/draw_dev7.py OUT_DIR      # writes OUT_DIR/dev7.txt

Same pools and eligibility as tests/gold-heldout5/draw.py (whose pools it imports), but a document is identified by
its PMID or nct_id (and a registry record's nct_alias), so a document already gold in any tests/gold*/ set under
another file name is never drawn. It excludes every gold source present when it runs, so it reproduces the draw
only on a checkout of the commit that added it.
    stories:   10 unused .story files, indices 4, 22, 40, ... (stride 18);
    registry:  3 unused Interventional ctgov/xml records, the last three in NCT order;
    abstracts: 11 eligible abstracts, one per PMID (cancer ones first, then the others, in draw.py's order), every
               third from index 2. Held-out 5 and dev6 used up the cancer candidates, so these are all non-cancer.
"""
import glob, json, os, pathlib, sys, xml.etree.ElementTree as ET
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'gold-heldout5'))
import draw  # noqa: E402 -- its pools; draw.py writes nothing when imported

def registry_ids(path):
    root = ET.parse(path).getroot()
    return {root.findtext('id_info/nct_id')} | {a.text for a in root.iter('nct_alias')}

def ident(src):
    if src.startswith('ctgov/xml/'):
        return registry_ids(draw.D + '/' + src)
    return {src.split('#')[-1].split('/')[-1].replace('.story', '').replace('.xml', '').replace('.json', '')}

used_ids = set()
for f in glob.glob(str(draw.ROOT / 'tests' / 'gold*' / '*.json')):
    with open(f) as h:
        s = json.load(h).get('source')
    if s and (not s.startswith('ctgov/xml/') or os.path.exists(draw.D + '/' + s)):
        used_ids |= ident(s)

def fresh(pool):
    return [s for s in pool if not (ident(s) & used_ids)]

def one_per_document(pool):
    seen, out = set(), []
    for s in pool:  # a PMID in both BC5CDR files is one document
        i = frozenset(ident(s))
        if i not in seen:
            seen.add(i); out.append(s)
    return out

stories = fresh(['ctgov-text-all/' + s for s in draw.stories])
regs = fresh(draw.regs)
abstracts = one_per_document(fresh(draw.cancer + draw.other))
chosen = stories[4::18][:10] + regs[-3:] + abstracts[2::3][:11]
if __name__ == '__main__':
    (pathlib.Path(sys.argv[1]) / 'dev7.txt').write_text('\n'.join(chosen) + '\n')
    print(len(chosen), 'documents')
