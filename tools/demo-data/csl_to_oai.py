#!/usr/bin/env python3
"""Convert CSL paper records (JSON lines) into OAI-PMH 2.0 ListRecords responses (oai_dc).

    python3 tools/demo-data/csl_to_oai.py INPUT.jsonl config/demo/csl [--page-size 100]

Writes ListRecords-001.xml, ListRecords-002.xml, ... each a complete OAI-PMH response of up to
--page-size records, chained by resumption tokens as a provider would page them. Stdlib only.
"""

import argparse
import json
import os
import re
import sys
from xml.sax.saxutils import escape, quoteattr

DATESTAMP = "2024-01-01T00:00:00Z"
RESPONSE_DATE = "2024-01-01T00:00:00Z"
BASE_URL = "https://demo.invalid/csl/oai"
REPOSITORY = "csl"

# The 13 CSL categories (门类) as setSpecs, which OAI-PMH restricts to ASCII.
SET_SPEC_FOR_CATEGORY = {
    "工学": "engineering",
    "理学": "science",
    "医学": "medicine",
    "农学": "agriculture",
    "管理学": "management",
    "经济学": "economics",
    "法学": "law",
    "教育学": "education",
    "文学": "literature",
    "历史学": "history",
    "哲学": "philosophy",
    "艺术学": "art",
    "军事学": "military",
}

# Characters XML 1.0 does not allow, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Leading/trailing whitespace including U+3000 (some CSL abstracts start with ideographic spaces).
_EDGE_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")


def clean(text):
    return _EDGE_SPACE.sub("", _INVALID_XML.sub("", text or ""))


def dc(name, value):
    value = clean(value)
    return f"      <dc:{name}>{escape(value)}</dc:{name}>\n" if value else ""


def record_xml(row):
    set_spec = SET_SPEC_FOR_CATEGORY.get(row.get("category", ""))
    out = ["  <record>\n", "    <header>\n",
           f"      <identifier>{escape(f'oai:{REPOSITORY}:' + row['id'])}</identifier>\n",
           f"      <datestamp>{DATESTAMP}</datestamp>\n"]
    if set_spec:
        out.append(f"      <setSpec>{set_spec}</setSpec>\n")
    out += ["    </header>\n", "    <metadata>\n",
            '      <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/'
            ' http://www.openarchives.org/OAI/2.0/oai_dc.xsd">\n']
    body = [dc("title", row.get("title"))]
    body += [dc("subject", k) for k in row.get("keywords") or []]
    body += [dc("description", row.get("abstract")),
             dc("type", "journal article"),
             dc("identifier", "csl:" + row["id"]),
             dc("language", "chi")]
    out += ["  " + line for line in "".join(body).splitlines(keepends=True)]
    out += ["      </oai_dc:dc>\n", "    </metadata>\n", "  </record>\n"]
    return "".join(out)


def page_xml(rows, page, pages, total, page_size):
    request_attrs = ('verb="ListRecords" metadataPrefix="oai_dc"' if page == 1
                     else f'verb="ListRecords" resumptionToken={quoteattr(f"csl-page-{page}")}')
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"'
           ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
           ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/'
           ' http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n',
           f"<responseDate>{RESPONSE_DATE}</responseDate>\n",
           f"<request {request_attrs}>{BASE_URL}</request>\n",
           "<ListRecords>\n"]
    out += [record_xml(r) for r in rows]
    cursor = (page - 1) * page_size
    if page < pages:
        out.append(f'  <resumptionToken completeListSize="{total}" cursor="{cursor}">csl-page-{page + 1}</resumptionToken>\n')
    elif pages > 1:
        out.append(f'  <resumptionToken completeListSize="{total}" cursor="{cursor}"/>\n')
    out += ["</ListRecords>\n", "</OAI-PMH>\n"]
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="CSL JSON lines (id, title, abstract, keywords, category, discipline)")
    parser.add_argument("output", help="folder for ListRecords-NNN.xml")
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()

    with open(args.input, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    unknown = sorted({r.get("category") for r in rows} - SET_SPEC_FOR_CATEGORY.keys())
    if unknown:
        print(f"warning: categories without a setSpec: {unknown}", file=sys.stderr)

    os.makedirs(args.output, exist_ok=True)
    for old in os.listdir(args.output):
        if re.fullmatch(r"ListRecords-\d{3}\.xml", old):
            os.remove(os.path.join(args.output, old))

    pages = max(1, -(-len(rows) // args.page_size))
    for page in range(1, pages + 1):
        chunk = rows[(page - 1) * args.page_size: page * args.page_size]
        path = os.path.join(args.output, f"ListRecords-{page:03d}.xml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(page_xml(chunk, page, pages, len(rows), args.page_size))
    print(f"{len(rows)} records in {pages} files under {args.output}")


if __name__ == "__main__":
    main()
