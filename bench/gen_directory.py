#!/usr/bin/env python3
"""Synthetic classroom directory for benchmarking Manabi (SAMPLE data, not real classrooms).

    python3 bench/gen_directory.py [N] [OUT.csv]        # defaults: 10000, bench/out/directory.csv

Writes N published classrooms in the import format of docs/classroom-csv.md, sample=true in
every row, with about 2.5 weekly slots each on average (~25,000 slots for N=10,000). Rows are
spread over Tokyo's municipalities in proportion to seed/municipalities.csv's foreign_residents
(largest remainder), so the busy wards hold the most rows, as in the sample seed.
Deterministic: same N on the same day gives the same bytes. last_confirmed lies 0-300 days before today
(in Tokyo), so the directory stays searchable whenever it is generated (listings leave search after 365 days
unconfirmed) and a share of it carries the "may be out of date" note (180 days), as a real directory would.
Stdlib only.
"""

from __future__ import annotations

import csv
import datetime
import math
import random
import sys
from pathlib import Path

SEED = 424242
ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES_CSV = ROOT / "seed" / "municipalities.csv"

COLUMNS = [
    "id", "name", "name_kana", "organiser", "municipality_code", "venue", "address", "lat", "lon",
    "format", "fee_yen", "materials_yen", "childcare", "wheelchair", "accepting", "eligibility",
    "levels", "languages", "capacity", "url", "email", "phone", "status", "last_confirmed",
    "slots", "one_off", "cancellations", "sample", "created_at", "updated_at",
]
LEVELS = ["pre_a1", "a1", "a2", "b1"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LANGUAGES = ["en", "zh", "ko", "vi", "ne", "tl", "my", "id", "pt", "es", "hi", "bn", "th", "mn", "fr", "ru"]
LANGUAGE_P = [0.55, 0.35, 0.14, 0.24, 0.18, 0.10, 0.08, 0.06, 0.06, 0.06, 0.05, 0.04, 0.03, 0.03, 0.02, 0.02]
SUFFIX = {"ward": ("区", "く"), "city": ("市", "し"), "town": ("町", "まち"), "village": ("村", "むら")}
DAY_STARTS = ["09:30", "10:00", "10:30", "13:00", "13:30", "14:00", "15:00"]
EVENING_STARTS = ["18:00", "18:30", "19:00", "19:30", "20:00"]
# Today in Tokyo (UTC+9, no summer time).
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=9)).date()
# 2026-12-29 (tue) .. 2027-01-03 (sun): weekday index per date, mon=0.
NENMATSU = [("2026-12-29", 1), ("2026-12-30", 2), ("2026-12-31", 3), ("2027-01-01", 4),
            ("2027-01-02", 5), ("2027-01-03", 6)]


def load_municipalities() -> list[dict]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for m in rows:
        suffix, suffix_kana = SUFFIX[m["kind"]]
        m["stem"] = m["name_ja"][: -len(suffix)] if len(m["name_ja"]) > 2 else m["name_ja"]
        m["fr"] = int(m["foreign_residents"])
    return rows


def apportion(munis: list[dict], total: int) -> list[int]:
    weight = sum(m["fr"] for m in munis)
    quotas = [m["fr"] * total / weight for m in munis]
    counts = [math.floor(q) for q in quotas]
    order = sorted(range(len(munis)), key=lambda i: (-(quotas[i] - counts[i]), munis[i]["code"]))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plus(start: str, minutes: int) -> str:
    h, m = map(int, start.split(":"))
    return hhmm(h * 60 + m + minutes)


def generate(n: int, out: Path) -> dict:
    rng = random.Random(SEED)
    munis = load_municipalities()
    counts = apportion(munis, n)
    codes = [m for m, c in zip(munis, counts) for _ in range(c)]
    rng.shuffle(codes)  # interleave municipalities across ids

    stats = {"rows": 0, "slots": 0, "formats": {}}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for i, m in enumerate(codes, start=1):
            fmt = rng.choices(["in_person", "online", "hybrid"], weights=[80, 10, 10])[0]
            lo = rng.randrange(4)
            hi = min(3, lo + rng.choice([0, 1, 1, 2, 2]))
            levels = "|".join(LEVELS[lo : hi + 1])
            langs = [t for t, p in zip(LANGUAGES, LANGUAGE_P) if rng.random() < p]
            n_slots = rng.choices([1, 2, 3, 4], weights=[20, 30, 30, 20])[0]
            days = sorted(rng.sample(range(7), n_slots))
            slots = []
            for d in days:
                if d >= 5:
                    start = rng.choice(DAY_STARTS)
                else:
                    start = rng.choice(EVENING_STARTS if rng.random() < 0.3 else DAY_STARTS)
                slots.append(f"{WEEKDAYS[d]} {start}-{plus(start, rng.choice([60, 90, 120]))}")
            cancellations = ""
            if rng.random() < 0.3:
                cancellations = ";".join(date for date, wd in NENMATSU if wd in days)
            one_off = "2027-01-16 13:00-15:00" if rng.random() < 0.05 else ""
            lat = lon = address = ""
            venue = "オンライン"
            if fmt != "online":
                venue = f"{m['stem']}地域センター"
                address = f"東京都{m['name_ja']}（サンプル住所）"
                lat = f"{float(m['lat']) + rng.uniform(-0.02, 0.02):.5f}"
                lon = f"{float(m['lon']) + rng.uniform(-0.02, 0.02):.5f}"
            row = {
                "id": i,
                "name": f"ベンチ教室 {i:05d}",
                "name_kana": f"べんちきょうしつ {i:05d}",
                "organiser": f"{m['stem']}ベンチの会（サンプル）",
                "municipality_code": m["code"],
                "venue": venue,
                "address": address,
                "lat": lat,
                "lon": lon,
                "format": fmt,
                "fee_yen": 0 if rng.random() < 0.7 else rng.choice([100, 200, 300, 500]),
                "materials_yen": rng.choice(["", "", "0", "500", "1000"]),
                "childcare": "true" if rng.random() < 0.15 else "false",
                "wheelchair": "true" if rng.random() < 0.35 else "false",
                "accepting": "true" if rng.random() < 0.85 else "false",
                "eligibility": rng.choice(["", "", "区市町村内在住・在勤・在学の方", "どなたでも"]),
                "levels": levels,
                "languages": "|".join(langs),
                "capacity": rng.choice(["", "10", "15", "20", "30"]),
                "url": f"https://example.org/manabi-bench/{i}",
                "email": f"bench{i:05d}@example.org" if rng.random() < 0.5 else "",
                "phone": "",
                "status": "published",
                "last_confirmed": (TODAY - datetime.timedelta(days=rng.randint(0, 300))).isoformat(),
                "slots": ";".join(slots),
                "one_off": one_off,
                "cancellations": cancellations,
                "sample": "true",
                "created_at": "",
                "updated_at": "",
            }
            w.writerow([row[c] for c in COLUMNS])
            stats["rows"] += 1
            stats["slots"] += n_slots
            stats["formats"][fmt] = stats["formats"].get(fmt, 0) + 1
    return stats


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10000
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "bench" / "out" / "directory.csv"
    if n < 1:
        print("N must be >= 1", file=sys.stderr)
        return 2
    s = generate(n, out)
    print(f"wrote {out}: {s['rows']} classrooms, {s['slots']} weekly slots "
          f"(avg {s['slots'] / s['rows']:.2f}), formats {s['formats']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
