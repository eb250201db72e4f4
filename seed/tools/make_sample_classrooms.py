#!/usr/bin/env python3
"""Write seed/classrooms.sample.csv: SAMPLE classrooms for Manabi, then check the file.

Every row is fictional (sample=true): the classrooms, organisers and contacts were made up
for this project and do not describe real 地域日本語教室. Only the municipality codes, names,
readings, points and foreign-resident counts come from seed/municipalities.csv (real data,
sources listed in seed/README.md); the counts are used only to decide how many sample
classrooms each municipality gets.

Deterministic: a fixed random seed, no clock, no hash-order dependence. Stdlib only.

    python3 seed/tools/make_sample_classrooms.py            # write + check + summary
    python3 seed/tools/make_sample_classrooms.py --check    # only check the existing file

Exit status 1 if the check finds any problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SEED = 20261123
TARGET_ROWS = 142  # before the "every ward and city gets one" bump; ends up near 150

SEED_DIR = Path(__file__).resolve().parent.parent
MUNICIPALITIES_CSV = SEED_DIR / "municipalities.csv"
OUT_CSV = SEED_DIR / "classrooms.sample.csv"

COLUMNS = [
    "id", "name", "name_kana", "organiser", "municipality_code", "venue", "address", "lat", "lon",
    "format", "fee_yen", "materials_yen", "childcare", "wheelchair", "accepting", "eligibility",
    "levels", "languages", "capacity", "url", "email", "phone", "status", "last_confirmed",
    "slots", "one_off", "cancellations", "sample", "created_at", "updated_at",
]

LEVELS = ["pre_a1", "a1", "a2", "b1"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS_MON_FRI = WEEKDAYS[:5]
# Support languages and how often a sample class offers each (a made-up mix, not a statistic).
LANGUAGE_WEIGHTS = [
    ("en", 0.55), ("zh", 0.35), ("ko", 0.14), ("vi", 0.24), ("ne", 0.18), ("tl", 0.10),
    ("my", 0.08), ("id", 0.06), ("pt", 0.06), ("es", 0.06), ("hi", 0.05), ("bn", 0.04),
    ("th", 0.03), ("mn", 0.03), ("fr", 0.02), ("ru", 0.02),
]
SUFFIX = {"ward": ("区", "く"), "city": ("市", "し"), "town": ("町", "まち"), "village": ("村", "むら")}
SHINJUKU = "131041"

# 年末年始 closure used for cancellations.
NENMATSU = [dt.date(2026, 12, 29) + dt.timedelta(days=i) for i in range(6)]  # 12-29 .. 01-03
OTHER_CANCEL_WINDOW = (dt.date(2026, 12, 1), dt.date(2027, 2, 28))
ONE_OFF_EVENTS = [  # (date, start, end) for special sessions
    ("2026-12-12", "13:00", "15:00"),
    ("2026-12-19", "10:00", "12:00"),
    ("2027-01-16", "13:30", "15:30"),
    ("2027-01-24", "10:00", "12:00"),
    ("2027-02-06", "14:00", "16:00"),
    ("2027-02-21", "10:00", "12:00"),
]
VALIDITY_RANGES = ["2026-04-01..2027-03-31", "..2027-03-31", "2027-01-05..", "2026-10-01..2027-02-28"]


@dataclass
class Municipality:
    code: str
    name: str
    kana: str
    kind: str
    lat: float
    lon: float
    foreign_residents: int
    stem: str = ""
    stem_kana: str = ""
    label: str = ""       # used to build class names
    label_kana: str = ""


def load_municipalities() -> list[Municipality]:
    out = []
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            m = Municipality(row["code"], row["name_ja"], row["kana"], row["kind"],
                             float(row["lat"]), float(row["lon"]), int(row["foreign_residents"]))
            suffix, suffix_kana = SUFFIX[m.kind]
            assert m.name.endswith(suffix) and m.kana.endswith(suffix_kana), m
            m.stem = m.name[: -len(suffix)]
            m.stem_kana = m.kana[: -len(suffix_kana)]
            # One-character stems (港, 北) and 中央 read badly on their own: keep the suffix.
            if len(m.stem) == 1 or m.stem == "中央":
                m.label, m.label_kana = m.name, m.kana
            else:
                m.label, m.label_kana = m.stem, m.stem_kana
            out.append(m)
    assert len(out) == 62, len(out)
    return out


def allocate(munis: list[Municipality], total: int) -> dict[str, int]:
    """Largest-remainder apportionment by foreign_residents, then at least 1 per ward and city."""
    weight_sum = sum(m.foreign_residents for m in munis)
    quotas = [m.foreign_residents * total / weight_sum for m in munis]
    counts = [math.floor(q) for q in quotas]
    left = total - sum(counts)
    order = sorted(range(len(munis)), key=lambda i: (-(quotas[i] - counts[i]), munis[i].code))
    for i in order[:left]:
        counts[i] += 1
    for i, m in enumerate(munis):
        if m.kind in ("ward", "city") and counts[i] == 0:
            counts[i] = 1
    return {m.code: c for m, c in zip(munis, counts)}


# ---------------------------------------------------------------------------------------------
# Class archetypes. Each name part has its reading written out next to it.

ARCHETYPE_ORDER = ["day", "sat", "evening", "sun", "prea1", "oyako", "conv", "online", "sat",
                   "kokusai", "evening", "day", "sun", "conv", "day", "sat", "evening", "day"]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def t(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


class Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[str] = set()

    def pick_name(self, options: list[tuple[str, str]]) -> tuple[str, str]:
        """A random (name, reading) not used yet; if all are taken, the first free numbered one."""
        free = [o for o in options if o[0] not in self.used_names]
        if free:
            name, kana = self.rng.choice(free)
        else:
            base, base_kana = options[0]
            n = 2
            while f"{base} {n}" in self.used_names:
                n += 1
            name, kana = f"{base} {n}", f"{base_kana} {n}"
        self.used_names.add(name)
        return name, kana

    def slot(self, weekday: str, start: str, duration: int) -> dict:
        return {"weekday": weekday, "start": start, "end": hhmm(t(start) + duration), "range": ""}

    def day_slots(self, n: int) -> list[dict]:
        r = self.rng
        days = sorted(r.sample(WEEKDAYS_MON_FRI, n), key=WEEKDAYS.index)
        start = r.choice(["09:30", "10:00", "10:00", "10:30", "13:00", "13:30", "14:00"])
        duration = r.choice([90, 120, 120])
        return [self.slot(d, start, duration) for d in days]

    def evening_slots(self, n: int) -> list[dict]:
        r = self.rng
        days = sorted(r.sample(WEEKDAYS_MON_FRI, n), key=WEEKDAYS.index)
        start = r.choice(["18:00", "18:30", "18:30", "19:00", "19:00", "19:30", "20:00"])
        duration = r.choice([90, 90, 120])
        return [self.slot(d, start, duration) for d in days]

    def weekend_slot(self, day: str) -> dict:
        r = self.rng
        start = r.choice(["10:00", "10:00", "10:30", "13:00", "13:30", "14:00", "15:00"])
        return self.slot(day, start, r.choice([90, 120, 120]))

    def levels(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def make(self, kind: str, m: Municipality) -> dict:
        r = self.rng
        L, LK = m.label, m.label_kana
        c: dict = {"archetype": kind, "format": "in_person", "childcare": None, "eligibility": None}
        if kind == "day":
            name, kana = self.pick_name([
                (f"{L}日本語教室", f"{LK}にほんごきょうしつ"),
                (f"{L}にほんごひろば", f"{LK}にほんごひろば"),
                (f"ひまわり日本語クラブ {L}", f"ひまわりにほんごくらぶ {LK}"),
                (f"さくら日本語教室 {L}", f"さくらにほんごきょうしつ {LK}"),
                (f"{L}生活のための日本語", f"{LK}せいかつのためのにほんご"),
                (f"{L}駅前日本語教室", f"{LK}えきまえにほんごきょうしつ"),
            ])
            c["levels"] = self.levels(["a1|a2", "pre_a1|a1|a2", "a1|a2|b1", "a2|b1", "pre_a1|a1", "a1|a2"])
            c["slots"] = self.day_slots(r.choice([1, 1, 2, 2, 3]))
        elif kind == "sat":
            name, kana = self.pick_name([
                (f"{L}土曜にほんご教室", f"{LK}どようにほんごきょうしつ"),
                (f"土曜日本語クラブ {L}", f"どようにほんごくらぶ {LK}"),
                (f"{L}週末にほんごひろば", f"{LK}しゅうまつにほんごひろば"),
            ])
            c["levels"] = self.levels(["pre_a1|a1", "a1|a2", "pre_a1|a1|a2", "a1|a2|b1", "a1"])
            c["slots"] = [self.weekend_slot("sat")]
            if r.random() < 0.25:
                c["slots"] += self.evening_slots(1)
        elif kind == "sun":
            name, kana = self.pick_name([
                (f"{L}日曜にほんご教室", f"{LK}にちようにほんごきょうしつ"),
                (f"日曜日本語サロン {L}", f"にちようにほんごさろん {LK}"),
            ])
            c["levels"] = self.levels(["a1|a2", "a2|b1", "pre_a1|a1", "a1|a2|b1"])
            c["slots"] = [self.weekend_slot("sun")]
        elif kind == "evening":
            name, kana = self.pick_name([
                (f"夜のにほんご教室 {L}", f"よるのにほんごきょうしつ {LK}"),
                (f"{L}ナイト日本語クラス", f"{LK}ないとにほんごくらす"),
                (f"仕事帰りの日本語教室 {L}", f"しごとがえりのにほんごきょうしつ {LK}"),
            ])
            c["levels"] = self.levels(["a1|a2", "a2|b1", "a1|a2|b1", "pre_a1|a1"])
            c["slots"] = self.evening_slots(r.choice([1, 1, 2]))
            c["eligibility"] = r.choice(["", "", "働いている方・学生の方歓迎", None])
        elif kind == "prea1":
            name, kana = self.pick_name([(f"初めての日本語 {L}", f"はじめてのにほんご {LK}")])
            c["levels"] = "pre_a1"
            c["slots"] = self.day_slots(1) if r.random() < 0.6 else [self.weekend_slot("sat")]
        elif kind == "oyako":
            name, kana = self.pick_name([(f"{L}親子日本語教室", f"{LK}おやこにほんごきょうしつ")])
            c["levels"] = "pre_a1|a1"
            c["slots"] = [self.slot(r.choice(WEEKDAYS_MON_FRI), r.choice(["10:00", "10:30"]), 90)]
            c["childcare"] = True
            c["eligibility"] = "小学生以下のお子さんと保護者の方"
        elif kind == "conv":
            name, kana = self.pick_name([
                (f"{L}日本語おしゃべりサロン", f"{LK}にほんごおしゃべりさろん"),
                (f"日本語会話クラブ {L}", f"にほんごかいわくらぶ {LK}"),
            ])
            c["levels"] = self.levels(["b1", "a2|b1", "b1"])
            c["slots"] = r.choice([self.day_slots(1), self.evening_slots(1), [self.weekend_slot("sun")]])
            if r.random() < 0.2:
                c["format"] = "hybrid"
        elif kind == "online":
            name, kana = self.pick_name([
                (f"オンライン日本語教室 {L}", f"おんらいんにほんごきょうしつ {LK}"),
                (f"{L}オンラインにほんごカフェ", f"{LK}おんらいんにほんごかふぇ"),
            ])
            c["levels"] = self.levels(["a1|a2", "pre_a1|a1", "a2|b1", "a1|a2|b1"])
            c["slots"] = r.choice([self.evening_slots(1), [self.weekend_slot("sun")], [self.weekend_slot("sat")]])
            c["format"] = "online"
        elif kind == "kokusai":
            name, kana = self.pick_name([(f"{L}国際交流協会 日本語サロン", f"{LK}こくさいこうりゅうきょうかい にほんごさろん")])
            c["levels"] = self.levels(["pre_a1|a1|a2", "a1|a2", "a1|a2|b1"])
            c["slots"] = self.day_slots(r.choice([1, 2]))
            if r.random() < 0.35:
                c["format"] = "hybrid"
        else:
            raise ValueError(kind)
        c["name"], c["name_kana"] = name, kana
        return c


def organiser_for(c: dict, m: Municipality, rng: random.Random) -> str:
    L = m.label
    if c["archetype"] == "kokusai":
        return f"{L}国際交流協会（サンプル）"
    if c["archetype"] == "oyako":
        return f"{L}親子にほんごの会（サンプル）"
    return rng.choice([
        f"{L}日本語ボランティアの会（サンプル）",
        f"{L}日本語ボランティアの会（サンプル）",
        f"{L}にほんご支援グループ（サンプル）",
        "地域日本語ネットワーク（サンプル）",
        f"{L}多文化共生サークル（サンプル）",
    ])


def venue_for(m: Municipality, rng: random.Random) -> str:
    L = m.label
    return rng.choice([
        f"{m.name}民センター",
        f"{L}地域交流館",
        f"{L}図書館 会議室",
        f"{L}コミュニティ会館",
        f"{L}生涯学習センター",
        f"{L}国際交流ラウンジ",
    ])


def eligibility_for(m: Municipality, rng: random.Random) -> str:
    area = {"ward": "区内", "city": "市内", "town": "町内", "village": "村内"}[m.kind]
    return rng.choice([
        f"{area}在住・在勤・在学の方",
        f"{area}在住・在勤・在学の方",
        f"{area}在住・在勤の方",
        "どなたでも参加できます",
        "16歳以上の方",
        "",
        "",
        "",
    ])


def pick_languages(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return ""  # Japanese-only support (直接法)
    chosen = [tag for tag, p in LANGUAGE_WEIGHTS if rng.random() < p]
    if not chosen:
        chosen = ["en"]
    return "|".join(chosen)


def dates_between(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def parse_range(text: str) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = text.split("..")
    return (dt.date.fromisoformat(lo) if lo else None, dt.date.fromisoformat(hi) if hi else None)


def slot_valid_on(slot: dict, day: dt.date) -> bool:
    if WEEKDAYS[day.weekday()] != slot["weekday"]:
        return False
    if not slot["range"]:
        return True
    lo, hi = parse_range(slot["range"])
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def format_slots(slots: list[dict]) -> str:
    parts = []
    for s in sorted(slots, key=lambda s: (WEEKDAYS.index(s["weekday"]), s["start"])):
        text = f"{s['weekday']} {s['start']}-{s['end']}"
        if s["range"]:
            text += f" {s['range']}"
        parts.append(text)
    return ";".join(parts)


def build_rows() -> list[dict]:
    rng = random.Random(SEED)
    munis = load_municipalities()
    alloc = allocate(munis, TARGET_ROWS)
    b = Builder(rng)

    # Realistic gaps for a coverage view: a few larger municipalities get no evening class,
    # a few others nothing for complete beginners (no pre_a1 level).
    gap_pool = [m.code for m in munis if 3 <= alloc[m.code] <= 6]
    gap_codes = rng.sample(gap_pool, 6)
    no_evening_codes, no_prea1_codes = set(gap_codes[:3]), set(gap_codes[3:])

    classes: list[tuple[Municipality, dict]] = []
    for m in munis:
        k = alloc[m.code]
        if k == 0:
            continue
        order = list(ARCHETYPE_ORDER[:k])
        while len(order) < k:
            order.append(rng.choice(["day", "sat", "evening", "sun", "conv", "kokusai"]))
        no_prea1 = m.code in no_prea1_codes
        if m.code in no_evening_codes:
            order = [("day" if a == "evening" else a) for a in order]
        if no_prea1:
            order = [("kokusai" if a in ("prea1", "oyako") else a) for a in order]
        for a in order:
            c = b.make(a, m)
            if no_prea1 and "pre_a1" in c["levels"]:
                rest = [lv for lv in c["levels"].split("|") if lv != "pre_a1"]
                c["levels"] = "|".join(rest) if rest else "a1"
            # More online/hybrid classes beyond the dedicated online ones (evening/weekend ones
            # go online; daytime ones become hybrid). Never the day class that opens the list.
            if c["format"] == "in_person" and a in ("evening", "sun", "conv") and rng.random() < 0.12:
                c["format"] = "online"
            elif c["format"] == "in_person" and a in ("day", "evening", "sun", "kokusai") and rng.random() < 0.09:
                c["format"] = "hybrid"
            if c["format"] == "online":
                c["childcare"] = False
            classes.append((m, c))

    rows = []
    for i, (m, c) in enumerate(classes, start=1):
        r = rng
        row = {col: "" for col in COLUMNS}
        row["id"] = str(i)
        row["name"] = c["name"]
        row["name_kana"] = c["name_kana"]
        row["organiser"] = organiser_for(c, m, r)
        row["municipality_code"] = m.code
        fmt = c["format"]
        row["format"] = fmt
        if fmt == "online":
            row["venue"] = "オンライン"
        else:
            row["venue"] = venue_for(m, r)
            row["address"] = f"東京都{m.name}（サンプル住所）"
            row["lat"] = f"{m.lat + r.uniform(-0.01, 0.01):.5f}"
            row["lon"] = f"{m.lon + r.uniform(-0.01, 0.01):.5f}"
        free = r.random() < 0.72
        row["fee_yen"] = "0" if free else str(r.choice([100, 200, 300, 300, 500]))
        if r.random() < 0.5:
            row["materials_yen"] = str(r.choice([0, 0, 300, 500, 1000, 1500, 2000]))
        childcare = c["childcare"] if c["childcare"] is not None else (fmt != "online" and r.random() < 0.12)
        row["childcare"] = "true" if childcare else "false"
        row["wheelchair"] = "true" if (fmt != "online" and r.random() < 0.35) else "false"
        row["accepting"] = "true" if r.random() < 0.85 else "false"
        row["eligibility"] = c["eligibility"] if c["eligibility"] is not None else eligibility_for(m, r)
        row["levels"] = c["levels"]
        row["languages"] = pick_languages(r)
        if r.random() < 0.8:
            row["capacity"] = str(r.choice([8, 10, 12, 15, 20, 20, 25, 30, 40]))
        if r.random() < 0.6:
            row["url"] = f"https://example.org/manabi-sample/classrooms/{i}"
        if r.random() < 0.5:
            row["email"] = f"nihongo{i:03d}@" + r.choice(["example.org", "example.jp"])
        if r.random() < 0.35:
            row["phone"] = f"03-0000-{i:04d}"
        if not (row["url"] or row["email"] or row["phone"]):
            row["email"] = f"info{i:03d}@example.org"
        row["status"] = "published"
        start, end = dt.date(2026, 1, 15), dt.date(2026, 11, 20)
        row["last_confirmed"] = (start + dt.timedelta(days=r.randrange((end - start).days + 1))).isoformat()

        slots = c["slots"]
        # Some slots only run for part of the year.
        if len(slots) > 1 and r.random() < 0.35:
            slots[-1]["range"] = r.choice(VALIDITY_RANGES)
        elif len(slots) == 1 and r.random() < 0.12:
            slots[0]["range"] = "2026-04-01..2027-03-31"
        row["slots"] = format_slots(slots)

        cancels: list[dt.date] = []
        if r.random() < 0.7:
            cancels += [d for d in NENMATSU if any(slot_valid_on(s, d) for s in slots)]
        if r.random() < 0.2:
            candidates = [d for d in dates_between(*OTHER_CANCEL_WINDOW)
                          if d not in NENMATSU and any(slot_valid_on(s, d) for s in slots)]
            if candidates:
                cancels.append(r.choice(candidates))
        row["cancellations"] = ";".join(d.isoformat() for d in sorted(set(cancels)))
        if r.random() < 0.15:
            ev = r.choice(ONE_OFF_EVENTS)
            row["one_off"] = f"{ev[0]} {ev[1]}-{ev[2]}"
        row["sample"] = "true"
        row["_archetype"] = c["archetype"]
        rows.append(row)

    apply_special_rows(rows, munis, rng)
    for row in rows:
        row.pop("_archetype", None)
    return rows


def apply_special_rows(rows: list[dict], munis: list[Municipality], rng: random.Random) -> None:
    by_code = {m.code: m for m in munis}

    def first(code: str, *archetypes: str) -> dict:
        for archetype in archetypes:
            for r in rows:
                if r["municipality_code"] == code and r["_archetype"] == archetype:
                    return r
        raise LookupError(code)

    # Names that need CSV quoting: one with a double quote, one with a comma.
    r = first("131164", "conv", "day")  # 豊島区
    r["name"], r["name_kana"] = 'にほんごカフェ "ことのは" 豊島', "にほんごかふぇ ことのは としま"
    r = first("131083", "evening", "conv", "day")  # 江東区
    r["name"], r["name_kana"] = "日本語で話そう, Let's Talk 江東", "にほんごではなそう lets talk こうとう"
    r["eligibility"] = "区内在住・在勤・在学の方, 16歳以上"

    # A winter-only course: one-off sessions and no weekly slot.
    r = first("131237", "day")  # 江戸川区
    m = by_code["131237"]
    r["name"], r["name_kana"] = f"冬休みにほんご講座 {m.label}", f"ふゆやすみにほんごこうざ {m.label_kana}"
    r["slots"], r["cancellations"] = "", ""
    r["one_off"] = "2026-12-26 10:00-12:00;2027-01-05 10:00-12:00;2027-01-06 10:00-12:00"
    r["levels"] = "pre_a1|a1"

    # Two drafts (one not yet scheduled) and one archived classroom, away from the test ward.
    pool = [x for x in rows if x["municipality_code"] not in (SHINJUKU, "131237", "131164", "131083")
            and x["municipality_code"].startswith("13")]
    drafts = rng.sample(pool, 3)
    drafts[0]["status"] = "draft"
    drafts[1]["status"] = "draft"
    drafts[1]["slots"], drafts[1]["cancellations"], drafts[1]["one_off"] = "", "", ""
    drafts[2]["status"] = "archived"
    drafts[2]["accepting"] = "false"


def write(rows: list[dict]) -> None:
    with OUT_CSV.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)


# ---------------------------------------------------------------------------------------------
# Checker: reads the CSV back and checks it against docs/classroom-csv.md.

KANA_OK = re.compile(r"^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FD\u30FEー・ A-Za-z0-9]+$")
LANG_OK = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
TIME_OK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
SLOT_OK = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d\d:\d\d)-(\d\d:\d\d)(?: (\d{4}-\d\d-\d\d)?\.\.(\d{4}-\d\d-\d\d)?)?$")
ONE_OFF_OK = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d)-(\d\d:\d\d)$")
PHONE_OK = re.compile(r"^[0-9+\-() ]+$")
EMAIL_OK = re.compile(r"^[A-Za-z0-9._+-]+@example\.(org|jp)$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check(path: Path) -> tuple[list[str], list[dict]]:
    problems: list[str] = []
    codes = {m.code for m in load_municipalities()}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    if header != COLUMNS:
        problems.append(f"header {header} != {COLUMNS}")
    seen_ids = set()

    def bad(row, msg):
        problems.append(f"id {row.get('id')}: {msg}")

    def check_date(row, text, what):
        try:
            return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d\d-\d\d", text) else bad(row, f"{what} {text!r}")
        except ValueError:
            bad(row, f"{what} {text!r}")

    def check_times(row, a, b, what):
        if not (TIME_OK.match(a) and TIME_OK.match(b)):
            bad(row, f"{what}: bad time {a}-{b}")
        elif not a < b:
            bad(row, f"{what}: start {a} not before end {b}")

    for n, row in enumerate(rows, start=1):
        if None in row or any(v is None for v in row.values()):
            bad(row, "wrong number of cells")
            continue
        if not re.fullmatch(r"[1-9][0-9]*", row["id"]) or row["id"] in seen_ids:
            bad(row, "id not a unique positive integer")
        elif int(row["id"]) != n:
            bad(row, f"id {row['id']} is not row number {n}")
        seen_ids.add(row["id"])
        for col in ("name", "organiser"):
            if not 1 <= len(row[col]) <= 200 or CONTROL.search(row[col]):
                bad(row, f"{col} length/control characters")
        if not KANA_OK.match(row["name_kana"]):
            bad(row, f"name_kana {row['name_kana']!r} has characters outside kana/ー/・/space/ASCII alnum")
        if row["municipality_code"] not in codes:
            bad(row, f"municipality_code {row['municipality_code']}")
        if not row["venue"]:
            bad(row, "venue empty")
        if row["format"] not in ("in_person", "online", "hybrid"):
            bad(row, f"format {row['format']}")
        if row["format"] == "online" and (row["venue"] != "オンライン" or row["lat"] or row["address"]):
            bad(row, "online class with a venue/address/point")
        if bool(row["lat"]) != bool(row["lon"]):
            bad(row, "lat/lon must be both or neither")
        if row["lat"]:
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (20 <= lat <= 36.5 and 135 <= lon <= 154):
                bad(row, "lat/lon outside Tokyo")
        if row["format"] != "online" and not row["lat"]:
            bad(row, "in_person/hybrid without a point")
        if not re.fullmatch(r"0|[1-9][0-9]*", row["fee_yen"]):
            bad(row, "fee_yen")
        if row["materials_yen"] and not re.fullmatch(r"0|[1-9][0-9]*", row["materials_yen"]):
            bad(row, "materials_yen")
        for col in ("childcare", "wheelchair", "accepting", "sample"):
            if row[col] not in ("true", "false"):
                bad(row, f"{col} {row[col]!r}")
        if row["sample"] != "true":
            bad(row, "sample must be true")
        lv = row["levels"].split("|")
        if not row["levels"] or any(x not in LEVELS for x in lv) or len(set(lv)) != len(lv):
            bad(row, f"levels {row['levels']!r}")
        if row["languages"]:
            tags = row["languages"].split("|")
            if any(not LANG_OK.match(x) for x in tags) or len(set(tags)) != len(tags):
                bad(row, f"languages {row['languages']!r}")
        if row["capacity"] and not re.fullmatch(r"[1-9][0-9]*", row["capacity"]):
            bad(row, "capacity")
        if row["url"] and not row["url"].startswith("https://example.org/"):
            bad(row, "url must be on example.org")
        if row["email"] and not EMAIL_OK.match(row["email"]):
            bad(row, "email must be @example.org / @example.jp")
        if row["phone"] and not (PHONE_OK.match(row["phone"]) and "-0000-" in row["phone"]):
            bad(row, "phone must be a fake 03-0000-xxxx number")
        if row["status"] not in ("draft", "published", "archived"):
            bad(row, f"status {row['status']}")
        lc = check_date(row, row["last_confirmed"], "last_confirmed")
        if lc and lc.year != 2026:
            bad(row, "last_confirmed not in 2026")
        if row["created_at"] or row["updated_at"]:
            bad(row, "created_at/updated_at should be empty")

        slots = []
        for part in filter(None, row["slots"].split(";")):
            mt = SLOT_OK.match(part)
            if not mt:
                bad(row, f"slot {part!r}")
                continue
            wd, a, b_, lo, hi = mt.groups()
            check_times(row, a, b_, f"slot {part!r}")
            lo_d = check_date(row, lo, "slot range") if lo else None
            hi_d = check_date(row, hi, "slot range") if hi else None
            if lo_d and hi_d and lo_d > hi_d:
                bad(row, f"slot range reversed {part!r}")
            slots.append({"weekday": wd, "start": a, "end": b_,
                          "range": f"{lo or ''}..{hi or ''}" if (lo or hi) else ""})
        one_offs = []
        for part in filter(None, row["one_off"].split(";")):
            mt = ONE_OFF_OK.match(part)
            if not mt:
                bad(row, f"one_off {part!r}")
                continue
            check_date(row, mt.group(1), "one_off date")
            check_times(row, mt.group(2), mt.group(3), f"one_off {part!r}")
            one_offs.append(part)
        for part in filter(None, row["cancellations"].split(";")):
            d = check_date(row, part, "cancellation")
            if d and not any(slot_valid_on(s, d) for s in slots):
                bad(row, f"cancellation {part} is not a day on which a weekly slot meets")
        if row["status"] == "published" and not slots and not one_offs:
            bad(row, "published without any slot or one-off session")
        for s in slots:
            if s["weekday"] in WEEKDAYS_MON_FRI and "18:00" <= s["start"] and s["start"] > "21:00":
                bad(row, "evening start after 21:00")

    # The documented test query must have answers.
    hits = [r for r in rows if r["municipality_code"] == SHINJUKU and r["status"] == "published"
            and r["sample"] == "true" and "a1" in r["levels"].split("|")
            and any(p.startswith("sat ") for p in r["slots"].split(";"))]
    if len(hits) < 2:
        problems.append(f"municipality=131041&weekday=sat&level=a1 matches {len(hits)} published rows, need >= 2")
    return problems, rows


def is_evening(row: dict) -> bool:
    return any(p and p.split(" ")[1] >= "18:00" for p in row["slots"].split(";") if p)


def weekdays_of(row: dict) -> list[str]:
    return sorted({p.split(" ")[0] for p in row["slots"].split(";") if p}, key=WEEKDAYS.index)


def summary(rows: list[dict]) -> None:
    munis = load_municipalities()
    per = Counter(r["municipality_code"] for r in rows)
    print(f"rows: {len(rows)}  (sample=true in all; municipalities with >=1 row: {len(per)}/62)")
    print("\nrows per municipality (foreign residents 2026-01 -> sample classrooms):")
    line = []
    for m in munis:
        line.append(f"{m.name} {per.get(m.code, 0)}")
        if len(line) == 8:
            print("  " + ", ".join(line))
            line = []
    if line:
        print("  " + ", ".join(line))
    zero = [m.name for m in munis if per.get(m.code, 0) == 0]
    print(f"  no sample classroom: {', '.join(zero) or '-'}")

    def show(title, counter):
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counter))

    print()
    show("status", Counter(r["status"] for r in rows).most_common())
    show("format", Counter(r["format"] for r in rows).most_common())
    show("levels (classes offering)", [(lv, sum(lv in r["levels"].split("|") for r in rows)) for lv in LEVELS])
    show("pre_a1 only", [("classes", sum(r["levels"] == "pre_a1" for r in rows))])
    lang = Counter(x for r in rows for x in r["languages"].split("|") if x)
    show("languages", lang.most_common() + [("(none)", sum(not r["languages"] for r in rows))])
    show("weekday (classes meeting)", [(d, sum(d in weekdays_of(r) for r in rows)) for d in WEEKDAYS])
    show("evening (a slot starting >= 18:00)", [("classes", sum(is_evening(r) for r in rows))])
    show("fee", [("free", sum(r["fee_yen"] == "0" for r in rows)), ("paid", sum(r["fee_yen"] != "0" for r in rows))])
    show("flags", [("childcare", sum(r["childcare"] == "true" for r in rows)),
                   ("wheelchair", sum(r["wheelchair"] == "true" for r in rows)),
                   ("accepting", sum(r["accepting"] == "true" for r in rows))])
    show("extras", [("with one_off", sum(bool(r["one_off"]) for r in rows)),
                    ("with cancellations", sum(bool(r["cancellations"]) for r in rows)),
                    ("slot validity ranges", sum(".." in r["slots"] for r in rows)),
                    ("no weekly slot", sum(not r["slots"] for r in rows))])

    print("\ncoverage of the 23 wards (published rows): classes / weekend / evening / pre_a1 / sat+a1")
    gaps = []
    for m in munis:
        if m.kind != "ward":
            continue
        mine = [r for r in rows if r["municipality_code"] == m.code and r["status"] == "published"]
        wkend = any(set(weekdays_of(r)) & {"sat", "sun"} for r in mine)
        eve = any(is_evening(r) for r in mine)
        pre = any("pre_a1" in r["levels"].split("|") for r in mine)
        sat_a1 = sum("sat" in weekdays_of(r) and "a1" in r["levels"].split("|") for r in mine)
        yn = lambda b: "yes" if b else "-"
        gaps.append(f"  {m.name:<5} {len(mine):>2}  {yn(wkend):>3}  {yn(eve):>3}  {yn(pre):>3}  {sat_a1}")
    print("\n".join(gaps))
    hits = [r["id"] for r in rows if r["municipality_code"] == SHINJUKU and r["status"] == "published"
            and "a1" in r["levels"].split("|") and "sat" in weekdays_of(r)]
    print(f"\ntest query municipality=131041&weekday=sat&level=a1 -> ids {', '.join(hits)}")


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        write(build_rows())
        print(f"wrote {OUT_CSV.relative_to(SEED_DIR.parent)}")
    problems, rows = check(OUT_CSV)
    summary(rows)
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("\ncheck: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
