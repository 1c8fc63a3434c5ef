# Selection of dev6 (development) and heldout5 (blind) documents, fixed before any is read.
import glob, gzip, json, os, re, xml.etree.ElementTree as ET
D = '/work/shared/data'
used = set()
for f in glob.glob('/work/main/tests/gold*/*.json'):
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
with open('/tmp/sel6/dev6.txt', 'w') as h: h.write('\n'.join(['ctgov-text-all/' + s for s in dev_st] + dev_reg + dev_ab) + '\n')
with open('/tmp/sel6/heldout5.txt', 'w') as h: h.write('\n'.join(['ctgov-text-all/' + s for s in ho_st] + ho_reg + ho_ab) + '\n')
# Amendment (made minutes after the first run, before any annotation was read): PMIDs occur in both BC5CDR files and
# two registry files hold the same study, so identity is the PMID / the record's nct_id. Duplicates of used documents
# are replaced in place by the next candidates of the same alternation.
used_ids = {u.split('#')[-1].split('/')[-1].replace('.xml', '').replace('.story', '') for u in used}
def ident(src):
    if src.startswith('ctgov/xml/'):
        return ET.parse(D + '/' + src).getroot().findtext('id_info/nct_id')
    return src.split('#')[-1]
def fresh(seq, taken):
    out = []
    for s in seq:
        i = ident(s)
        if i in used_ids or i in taken: continue
        taken.add(i); out.append(s)
    return out
taken = set()
dev_reg = fresh(regs[0::2], taken)[:3]; ho_reg = fresh(regs[1::2], taken)[:3]
dev_ab = fresh(cancer[1::2], taken)[:4]; dev_ab += fresh(other[1::2], taken)[:12 - len(dev_ab)]
ho_ab = fresh(cancer[0::2], taken)[:4]; ho_ab += fresh(other[0::2], taken)[:12 - len(ho_ab)]
with open('/tmp/sel6/dev6.txt', 'w') as h: h.write('\n'.join(['ctgov-text-all/' + s for s in dev_st] + dev_reg + dev_ab) + '\n')
with open('/tmp/sel6/heldout5.txt', 'w') as h: h.write('\n'.join(['ctgov-text-all/' + s for s in ho_st] + ho_reg + ho_ab) + '\n')
