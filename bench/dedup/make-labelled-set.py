#!/usr/bin/env python3
"""Builds the labelled dedup set under tests/TestData/dedup/ from the CSL sample.

Real titles, abstracts and keywords (CSL, Apache-2.0) are rendered as three partners would send them:
  calis  OAI-PMH oai_dc, simplified characters, citation in dc:source, DOI on some records
  nstl   OAI-PMH MARCXML, romanized 245/100 with the vernacular in linked 880 fields, DOI in 024 on some
  repo   OAI-PMH oai_dc "NSTL-like": traditional characters, full-width punctuation and digits, DOIs as
         upper-case resolver URLs, some titles with a subtitle added or one character dropped
CSL has no authors, years or journals: those are synthesized deterministically (fixed seed) and are the
same for every rendering of a work. Near-misses (own labels): the same title in another year by another
author, real CSL papers whose titles resemble a work's title (dated the same year), and part I / part II
papers of the same author and year.

Usage: python3 bench/dedup/make-labelled-set.py <csl-dev-1000.jsonl> <opencc STCharacters.txt> <pinyin.txt> <out dir>
"""
import html
import json
import random
import sys
import unicodedata
from pathlib import Path

WORKS = 240
rng = random.Random(20240601)

csl_path, st_path, pinyin_path, out_dir = sys.argv[1:5]
csl = [json.loads(line) for line in open(csl_path, encoding="utf-8")]

s2t = {}
for line in open(st_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    k, v = line.rstrip("\n").split("\t")
    s2t[k] = v.split(" ")[0]

pinyin = {}
for line in open(pinyin_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    code, rest = line.split(":", 1)
    reading = rest.split("#")[0].strip().split(",")[0]
    plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
    pinyin[chr(int(code[2:], 16))] = plain


def traditional(text):
    return "".join(s2t.get(c, c) for c in text)


def full_width(text):
    out = []
    for c in text:
        if c == " ":
            out.append("\u3000")
        elif "!" <= c <= "~":
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def romanize(text):
    words = [pinyin.get(c, c) for c in text]
    return " ".join(words)


def issn_check(first7):
    total = sum(int(d) * (8 - i) for i, d in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


JOURNALS = [(n, i[:4] + "-" + i[4:7] + issn_check(i[:7])) for n, i in [
    ("农业工程学报", "1002681"), ("计算机学报", "0254416"), ("中国电机工程学报", "0258801"),
    ("化工学报", "0438115"), ("机械工程学报", "0577668"), ("地理学报", "0375544"),
    ("环境科学", "0250330"), ("中国农业科学", "0578175"),
]]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红丹宁婷波斌宇浩凯健俊帆帅旭亮林峰"


def person():
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


class Work:
    def __init__(self, label, rec, year, authors, journal, doi, title=None):
        self.label = label
        self.rec = rec
        self.title = title or rec["title"]
        self.year = year
        self.authors = authors
        self.journal, self.issn = journal
        self.volume = str(year - 1980)
        self.issue = str(rng.randint(1, 12))
        self.first_page = rng.randint(1, 300)
        self.last_page = self.first_page + rng.randint(3, 12)
        self.doi = doi


works = []
for i in range(WORKS):
    rec = csl[i]
    year = 2008 + (i * 7) % 15
    journal = JOURNALS[i % len(JOURNALS)]
    doi = None
    if i % 5 in (0, 2):
        doi = f"10.3969/j.issn.{journal[1]}.{year}.{i % 12 + 1:02d}.{i:03d}"
    works.append(Work(f"w{i:03d}", rec, year, [person() for _ in range(rng.randint(1, 3))], journal, doi))

# Near-misses, each its own work.
near = []
for i in range(0, WORKS, 12):
    w = works[i + 1]
    other = csl[(i * 13 + 500) % 1000]
    near.append(("repo", Work(f"same-title-{w.label}", other, w.year + 3, [person()], (w.journal, w.issn), None, title=w.title)))


def bigrams(s):
    return [s[k:k + 2] for k in range(len(s) - 1)]


def dice(a, b):
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    pool = list(x)
    shared = 0
    for g in y:
        if g in pool:
            pool.remove(g)
            shared += 1
    return 2 * shared / (len(x) + len(y))


similar = []
for w in works:
    best = max(csl[WORKS:], key=lambda r: dice(w.title, r["title"]))
    score = dice(w.title, best["title"])
    if score >= 0.3 and best["title"] != w.title:
        similar.append((score, w, best))
similar.sort(key=lambda t: -t[0])
used = set()
for score, w, other in similar[:30]:
    if other["id"] in used:
        continue
    used.add(other["id"])
    near.append(("calis", Work(f"similar-{other['id']}-to-{w.label}", other, w.year, [person()], (w.journal, w.issn), None)))

for i in range(5, WORKS, 40):
    w = works[i]
    for part in ("Ⅰ", "Ⅱ"):
        near.append(("nstl", Work(f"part-{part}-{w.label}", w.rec, w.year, w.authors, (w.journal, w.issn), None, title=f"{w.title}({part})")))

# The same team's other paper of the same year: the title's last word differs.
for i in range(7, WORKS, 24):
    w = works[i]
    other = csl[(i * 17 + 300) % 1000]
    near.append(("calis", Work(f"same-team-{w.label}", other, w.year, w.authors, (w.journal, w.issn), None, title=w.title[:-2] + "应用")))

OAI_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2024-06-01T00:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="{prefix}">https://{source}.invalid/oai</request>
<ListRecords>
"""
OAI_TAIL = "</ListRecords>\n</OAI-PMH>\n"
e = html.escape


def header(source, ext):
    return f"  <record>\n    <header>\n      <identifier>oai:{source}:{ext}</identifier>\n      <datestamp>2024-06-01T00:00:00Z</datestamp>\n    </header>\n    <metadata>\n"


def oai_dc(source, ext, w, title, doi, trad, dated=True, authors=None):
    t = traditional if trad else (lambda s: s)
    fw = full_width if trad else (lambda s: s)
    lines = [f"      <oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"]
    lines.append(f"        <dc:title>{e(fw(t(title)))}</dc:title>")
    for a in authors or w.authors:
        lines.append(f"        <dc:creator>{e(t(a))}</dc:creator>")
    for k in w.rec.get("keywords", []):
        lines.append(f"        <dc:subject>{e(t(k))}</dc:subject>")
    lines.append(f"        <dc:description>{e(t(w.rec['abstract']))}</dc:description>")
    if dated:
        lines.append(f"        <dc:date>{fw(str(w.year)) + '年' if trad else w.year}</dc:date>")
    lines.append("        <dc:type>期刊论文</dc:type>")
    if doi:
        lines.append(f"        <dc:identifier>{e('https://doi.org/' + doi.upper() if trad else 'doi:' + doi)}</dc:identifier>")
    lines.append(f"        <dc:identifier>{e(fw('ISSN ' + w.issn))}</dc:identifier>")
    lines.append(f"        <dc:identifier>https://{source}.example.org/fulltext/{ext}.pdf</dc:identifier>")
    citation = f"{w.journal}, {w.year}, {w.volume}({w.issue}): {w.first_page}-{w.last_page}" if dated else f"{w.journal}, {w.volume}({w.issue}): {w.first_page}-{w.last_page}"
    lines.append(f"        <dc:source>{e(fw(t(citation)) if trad else citation)}</dc:source>")
    lines.append("        <dc:language>chi</dc:language>")
    lines.append("      </oai_dc:dc>")
    return header(source, ext) + "\n".join(lines) + "\n    </metadata>\n  </record>\n"


def marc(source, ext, w, title, doi, vernacular=True):
    f = []
    f.append('        <leader>00000nab a2200000 i 4500</leader>')
    f.append(f'        <controlfield tag="001">{e(ext)}</controlfield>')
    f.append(f'        <controlfield tag="008">240601s{w.year}    cc            000 0 chi d</controlfield>')
    if doi:
        f.append(f'        <datafield tag="024" ind1="7" ind2=" "><subfield code="a">{e(doi)}</subfield><subfield code="2">doi</subfield></datafield>')
    first, *others = w.authors
    f.append(f'        <datafield tag="100" ind1="1" ind2=" "><subfield code="6">880-02</subfield><subfield code="a">{e(romanize(first))}</subfield></datafield>')
    f.append(f'        <datafield tag="245" ind1="1" ind2="0"><subfield code="6">880-01</subfield><subfield code="a">{e(romanize(title))} /</subfield><subfield code="c">{e(romanize(first))}.</subfield></datafield>')
    f.append(f'        <datafield tag="520" ind1=" " ind2=" "><subfield code="a">{e(w.rec["abstract"])}</subfield></datafield>')
    for k in w.rec.get("keywords", []):
        f.append(f'        <datafield tag="653" ind1=" " ind2=" "><subfield code="a">{e(k)}</subfield></datafield>')
    for n, a in enumerate(others):
        f.append(f'        <datafield tag="700" ind1="1" ind2=" "><subfield code="6">880-{n + 3:02d}</subfield><subfield code="a">{e(romanize(a))}</subfield></datafield>')
    f.append(f'        <datafield tag="773" ind1="0" ind2=" "><subfield code="t">{e(w.journal)}</subfield><subfield code="g">{w.volume}({w.issue}):{w.first_page}-{w.last_page}</subfield><subfield code="x">{w.issn}</subfield></datafield>')
    f.append(f'        <datafield tag="856" ind1="4" ind2="0"><subfield code="u">https://{source}.example.org/fulltext/{e(ext)}.pdf</subfield></datafield>')
    if vernacular:
        f.append(f'        <datafield tag="880" ind1="1" ind2="0"><subfield code="6">245-01/$1</subfield><subfield code="a">{e(title)} /</subfield><subfield code="c">{e(first)}.</subfield></datafield>')
    f.append(f'        <datafield tag="880" ind1="1" ind2=" "><subfield code="6">100-02/$1</subfield><subfield code="a">{e(first)}</subfield></datafield>')
    for n, a in enumerate(others):
        f.append(f'        <datafield tag="880" ind1="1" ind2=" "><subfield code="6">700-{n + 3:02d}/$1</subfield><subfield code="a">{e(a)}</subfield></datafield>')
    body = '      <record xmlns="http://www.loc.gov/MARC21/slim">\n' + "\n".join(f) + "\n      </record>\n"
    return header(source, ext) + body + "    </metadata>\n  </record>\n"


def drop_one(title):
    for c in "的与和及之":
        k = title.find(c, 2)
        if k > 0:
            return title[:k] + title[k + 1:]
    return title[:-1]


out = {"calis": [], "nstl": [], "repo": []}
labels = []
for i, w in enumerate(works):
    if i % 10 != 9:
        ext = f"calis-{i:04d}"
        out["calis"].append(oai_dc("calis", ext, w, w.title, w.doi if i % 3 != 0 else None, trad=False))
        labels.append(("calis", f"oai:calis:{ext}", w.label))
    if i % 10 in (0, 1, 3, 4, 6, 7, 9):
        ext = f"nstl-{i:04d}"
        title = w.title + "——" + w.rec["keywords"][0] + "的研究" if i % 7 == 3 and w.rec.get("keywords") else w.title
        # A few catalogue records carry the romanized title only (no 880 for 245): hard to match without a DOI.
        out["nstl"].append(marc("nstl", ext, w, title, w.doi if i % 2 == 0 else None, vernacular=i % 29 != 11))
        labels.append(("nstl", f"oai:nstl:{ext}", w.label))
    if i % 10 in (0, 2, 4, 5, 8, 9):
        ext = f"repo-{i:04d}"
        title = drop_one(w.title) if i % 11 == 5 else w.title
        # Some repositories list the authors in another order (corresponding author first).
        authors = list(reversed(w.authors)) if i % 31 == 7 else w.authors
        out["repo"].append(oai_dc("repo", ext, w, title, w.doi, trad=True, dated=i % 17 != 4, authors=authors))
        labels.append(("repo", f"oai:repo:{ext}", w.label))

for n, (source, w) in enumerate(near):
    ext = f"{source}-near-{n:03d}"
    if source == "nstl":
        out[source].append(marc(source, ext, w, w.title, None))
    else:
        out[source].append(oai_dc(source, ext, w, w.title, None, trad=source == "repo"))
    labels.append((source, f"oai:{source}:{ext}", w.label))

root = Path(out_dir)
for source, records in out.items():
    (root / source).mkdir(parents=True, exist_ok=True)
    prefix = "marcxml" if source == "nstl" else "oai_dc"
    with open(root / source / "ListRecords.xml", "w", encoding="utf-8") as fh:
        fh.write(OAI_HEAD.format(prefix=prefix, source=source) + "".join(records) + OAI_TAIL)
with open(root / "labels.tsv", "w", encoding="utf-8") as fh:
    fh.write("source\tidentifier\twork\n")
    for row in labels:
        fh.write("\t".join(row) + "\n")
print(f"{len(labels)} records, {len(set(l[2] for l in labels))} works, {len(near)} near-misses")
