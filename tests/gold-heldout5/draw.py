"""Selection of dev6 (development) and held-out 5 (blind) documents, fixed before any was read.

    python3 tests/gold-heldout5/draw.py OUT_DIR      # writes OUT_DIR/dev6.txt and OUT_DIR/heldout5.txt

Kept as it was run. It excludes every `source` of the gold files in tests/gold*/, so it reproduces the draw only on
a checkout of 0a73607, the commit before these two sets were added. amend.py then replaces drawn documents that were
already gold under another name.
"""
import glob, gzip, json, os, pathlib, re, sys, xml.etree.ElementTree as ET
ROOT = pathlib.Path(__file__).resolve().parents[2]
D = str(ROOT.parent / 'shared' / 'data')
used = set()
for f in glob.glob(str(ROOT / 'tests' / 'gold*' / '*.json')):
    with open(f) as h:
        s = json.load(h).get('source')
    if s: used.add(s)
# seeds are not in data; fine
print('used sources', len(used))
# 1. stories
stories = sorted(p for p in os.listdir(D + '/ctgov-text-all') if p.endswith('.story'))
stories = [s for s in stories if 'ctgov-text-all/' + s not in used]
print('unused stories', len(stories))
# positions: dev6 takes 9, 35, 61, ... ; heldout5 takes 22, 48, 74, ... (stride 26, the first 8 of each)
dev_st = [stories[i] for i in range(9, len(stories), 26)][:8]
ho_st = [stories[i] for i in range(22, len(stories), 26)][:8]
# 2. registry XML interventional, unused, NCT order (no results element required: the results ones are used up)
regs = []
for p in sorted(glob.glob(D + '/ctgov/xml/*.xml')):
    rel = 'ctgov/xml/' + os.path.basename(p)
    if rel in used: continue
    try: root = ET.parse(p).getroot()
    except Exception: continue
    if (root.findtext('study_type') or '').strip() != 'Interventional': continue
    regs.append(rel)
print('unused interventional xml', len(regs))
dev_reg = regs[0::2][:3]; ho_reg = regs[1::2][:3]
# 3. abstracts
trial_re = re.compile(r'randomi[sz]ed|phase (i|ii|iii|1|2|3)\b|double-blind|open-label|placebo-controlled|clinical trial', re.I)
cancer_re = re.compile(r'cancer|carcinom|tumou?r|leuk|lymphom|myelom|sarcom|melanom|neoplas|metasta|chemotherap', re.I)
subj_re = re.compile(r'\b(patients|subjects|volunteers|participants)\b', re.I)
def eligible(title, abstract):
    return (trial_re.search(title + ' ' + abstract) and len(re.findall(r'\d%|\d %|percent', abstract)) >= 2
            and subj_re.search(abstract))
cands = []
for name in ['CDR_TrainingSet.PubTator.txt', 'CDR_DevelopmentSet.PubTator.txt']:
    text = open(D + '/bc5cdr/' + name).read()
    for block in text.split('\n\n'):
        lines = block.strip().split('\n')
        if len(lines) < 2 or '|t|' not in lines[0]: continue
        pmid, _, title = lines[0].split('|', 2)
        abstract = lines[1].split('|', 2)[2]
        src = 'bc5cdr/%s#%s' % (name, pmid)
        if src in used: continue
        if eligible(title, abstract): cands.append((src, title + ' ' + abstract))
with gzip.open(D + '/pubmed/medline16n0902.xml.gz') as h:
    root = ET.parse(h).getroot()
for c in root.iter('MedlineCitation'):
    pmid = c.findtext('PMID')
    title = ''.join(c.find('.//ArticleTitle').itertext()) if c.find('.//ArticleTitle') is not None else ''
    abstract = ' '.join(''.join(a.itertext()) for a in c.iter('AbstractText'))
    src = 'pubmed/medline16n0902.xml.gz#' + pmid
    if src in used: continue
    if eligible(title, abstract): cands.append((src, title + ' ' + abstract))
print('unused abstract candidates', len(cands))
cancer = [s for s, t in cands if cancer_re.search(t)]
other = [s for s, t in cands if not cancer_re.search(t)]
print('cancer', len(cancer), 'other', len(other))
dev_ab = cancer[1::2][:4] + other[1::2][:8]
ho_ab = cancer[0::2][:4] + other[0::2][:8]
if __name__ == '__main__':
    out = pathlib.Path(sys.argv[1])
    (out / 'dev6.txt').write_text('\n'.join(['ctgov-text-all/' + s for s in dev_st] + dev_reg + dev_ab) + '\n')
    (out / 'heldout5.txt').write_text('\n'.join(['ctgov-text-all/' + s for s in ho_st] + ho_reg + ho_ab) + '\n')
