"""Lists the pairs of modules under SRC (default src/) that import each other: each file's
`use crate::...`, `use super::...` and `use self::...` paths (test modules left out) are
resolved to the deepest module that exists, and every pair with edges both ways is printed
(a parent and its child are marked). Exits 1 if there is any, so CI can hold the rule."""
import re,os,sys,glob,itertools
root=sys.argv[1] if len(sys.argv)>1 else 'src'
mods={}
for f in glob.glob(root+'/**/*.rs',recursive=True):
    rel=os.path.relpath(f,root)[:-3].split('/')
    if rel[-1]=='mod': rel=rel[:-1]
    if rel in (['lib'],['main']): rel=[]
    mods[tuple(rel)]=f
def resolve(path):
    best=()
    for i in range(len(path),0,-1):
        if tuple(path[:i]) in mods: return tuple(path[:i])
    return ()
edges={}
for m,f in mods.items():
    s=open(f).read()
    s=re.sub(r'#\[cfg\(test\)\]\s*mod tests\s*\{.*',"",s,flags=re.S)
    for u in re.findall(r'(?:^|\s)(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);',s):
        u=u.strip()
        heads=[]
        base=u.split('{')[0].rstrip(':')
        inner=re.findall(r'\{([^}]*)\}',u)
        parts=base.split('::')
        if parts[0]=='crate': p=list(parts[1:])
        elif parts[0]=='super':
            p=list(m); 
            while parts and parts[0]=='super': p=p[:-1]; parts=parts[1:]
            p+=parts
        elif parts[0]=='self': p=list(m)+parts[1:]
        else: continue
        cands=[p]
        if inner:
            cands=[p+[x.strip().split('::')[0].split(' ')[0]] for x in inner[0].split(',') if x.strip()]
        for c in cands:
            t=resolve(c)
            if t!=m and t!=(): edges.setdefault(m,set()).add(t)
def anc(a,b): return b[:len(a)]==a
bad=[]
for a,ts in edges.items():
    for b in ts:
        if a<b and a in edges.get(b,()): bad.append((a,b))
for a,b in bad: print('cycle:', '::'.join(a), '<->', '::'.join(b), '(parent/child)' if anc(a,b) or anc(b,a) else '')
print(len(bad),'two-module cycles')
sys.exit(1 if bad else 0)
