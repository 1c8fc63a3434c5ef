"""In-place amendment of draw.py's lists: entries whose document is already gold under another name (a PMID is in
both BC5CDR files; NCT00980226.xml is NCT00081588) are replaced, line for line, by the next candidates of the same
alternation that are new by PMID / nct_id.

    python3 tests/gold-heldout5/amend.py OUT_DIR      # rewrites OUT_DIR/dev6.txt and OUT_DIR/heldout5.txt
"""
import pathlib, sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from draw import *  # noqa: F401,F403 -- the draw's pools (draw.py writes nothing when imported)
OUT = pathlib.Path(sys.argv[1])
used_ids = {u.split('#')[-1].split('/')[-1].replace('.xml', '').replace('.story', '') for u in used}
def ident(src):
    if src.startswith('ctgov/xml/'): return ET.parse(D + '/' + src).getroot().findtext('id_info/nct_id')
    return src.split('#')[-1]
def amend(path, pool_regs, pool_ab):
    lines = open(path).read().split()
    taken = {ident(s) for s in (OUT / 'dev6.txt').read_text().split() + (OUT / 'heldout5.txt').read_text().split()}
    seen = set(); out = []
    for s in lines:
        i = ident(s)
        if i in used_ids or i in seen:
            pool = pool_regs if s.startswith('ctgov/') else pool_ab
            s = next(c for c in pool if ident(c) not in used_ids and ident(c) not in taken)
            i = ident(s); taken.add(i)
            print(path, 'replaced by', s)
        seen.add(i); out.append(s)
    open(path, 'w').write('\n'.join(out) + '\n')
amend(OUT / 'dev6.txt', regs[0::2][3:], other[1::2][8:])
amend(OUT / 'heldout5.txt', regs[1::2][3:], other[0::2][8:])
