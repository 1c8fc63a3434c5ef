exec(open('/tmp/sel6/select.py').read().split('# Amendment')[0].replace("open('/tmp/sel6/dev6.txt', 'w')", "open('/dev/null', 'w')").replace("open('/tmp/sel6/heldout5.txt', 'w')", "open('/dev/null', 'w')"))
# In-place amendment: entries whose document is already gold under another name are replaced, line for line, by the
# next candidates of the same alternation that are new by PMID / nct_id.
used_ids = {u.split('#')[-1].split('/')[-1].replace('.xml', '').replace('.story', '') for u in used}
def ident(src):
    if src.startswith('ctgov/xml/'): return ET.parse(D + '/' + src).getroot().findtext('id_info/nct_id')
    return src.split('#')[-1]
def amend(path, pool_regs, pool_ab):
    lines = open(path).read().split()
    taken = {ident(s) for s in open('/tmp/dev6/assigned.txt').read().split() + open('/tmp/heldout5/assigned.txt').read().split()}
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
amend('/tmp/dev6/assigned.txt', regs[0::2][3:], other[1::2][8:])
amend('/tmp/heldout5/assigned.txt', regs[1::2][3:], other[0::2][8:])
