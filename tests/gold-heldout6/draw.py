"""Selection of held-out 6 (blind), fixed before any document was read (session 9).

    python3 tests/gold-heldout6/draw.py OUT_DIR      # writes OUT_DIR/heldout6.txt

Pools and identity rules of tests/gold/draw_dev7.py (a document is its PMID, nct_id or nct_alias, and every document
already a source in tests/gold*/ is excluded), so it reproduces the draw only on a checkout of the commit that added it.
    stories:   8 unused .story files, indices 7, 24, 41, ... (stride 17);
    registry:  2 unused Interventional ctgov/json records (NCT order, the 1st and the middle one) and
               2 unused Interventional ctgov/xml records (the 1st and the middle one);
    abstracts: 8 eligible abstracts (draw.py's trial test, cancer ones first), every third from index 0.
"""
import glob, json, os, pathlib, sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'gold'))
import draw_dev7 as d7  # noqa: E402 -- pools and identity rules; writes nothing when imported

def json_study(path):
    with open(path) as h:
        doc = json.load(h)
    if 'FullStudiesResponse' in doc:  # the older API wrapper
        doc = doc['FullStudiesResponse']['FullStudies'][0]['Study']
    proto = doc.get('protocolSection') or doc.get('ProtocolSection') or {}
    ident = proto.get('identificationModule') or proto.get('IdentificationModule') or {}
    design = proto.get('designModule') or proto.get('DesignModule') or {}
    nct = ident.get('nctId') or ident.get('NCTId')
    kind = (design.get('studyType') or design.get('StudyType') or '').upper()
    return nct, kind

def fresh_json_records():
    out = []
    for p in sorted(glob.glob(d7.draw.D + '/ctgov/json/*.json')):
        nct, kind = json_study(p)
        if kind == 'INTERVENTIONAL' and nct not in d7.used_ids:
            out.append('ctgov/json/' + os.path.basename(p))
    return out

def first_and_middle(pool):
    return pool[:1] + pool[len(pool) // 2:len(pool) // 2 + 1] if len(pool) > 1 else pool

stories = d7.fresh(['ctgov-text-all/' + s for s in d7.draw.stories])
chosen = (stories[7::17][:8] + first_and_middle(fresh_json_records()) + first_and_middle(d7.regs)
          + d7.abstracts[0::3][:8])
if __name__ == '__main__':
    (pathlib.Path(sys.argv[1]) / 'heldout6.txt').write_text('\n'.join(chosen) + '\n')
    print(len(chosen), 'documents')
