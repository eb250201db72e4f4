#!/usr/bin/env python3
"""Checks the UI string catalogues (Sources/Web/Resources/Strings/*.json) against keys.md.

Every <lang>.json must be a flat JSON object of strings with exactly the keys listed in keys.md,
no empty values, no duplicate keys, and the same {placeholders} as the key's English meaning — except
date formats (keys starting `date.`), which may use any of the placeholders the meaning names, since each
language writes dates its own way.
Exits 1 and lists every problem found; exits 0 otherwise. Prints the number of keys per language.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOGUES = HERE.parents[1] / "Sources" / "Web" / "Resources" / "Strings"
LANGUAGES = ["ja", "en", "zh-Hans", "ko", "vi", "ne"]
KEY_LINE = re.compile(r"^([a-z0-9_]+(?:\.[a-z0-9_]+)+):\s*(.*)$")
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]*)\}")


def load_keys(problems):
    """Returns {key: English meaning} from keys.md, in file order."""
    meanings = {}
    path = HERE / "keys.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        problems.append(f"keys.md: cannot read ({error})")
        return meanings
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = KEY_LINE.match(line)
        if not match:
            problems.append(f"keys.md:{number}: not a `key: meaning` line: {line!r}")
            continue
        key, meaning = match.groups()
        if key in meanings:
            problems.append(f"keys.md:{number}: duplicate key {key}")
        meanings[key] = meaning
    if not meanings:
        problems.append("keys.md: no keys found")
    return meanings


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text))


def show(counter):
    if not counter:
        return "none"
    return ", ".join(sorted(f"{{{name}}}" + (f" x{n}" if n > 1 else "") for name, n in counter.items()))


def reject_duplicates(pairs):
    seen = {}
    duplicates = []
    for key, value in pairs:
        if key in seen:
            duplicates.append(key)
        seen[key] = value
    if duplicates:
        raise ValueError("duplicate keys: " + ", ".join(sorted(set(duplicates))))
    return seen


def check_language(language, meanings, problems):
    """Checks one catalogue; returns its number of keys, or None when it could not be loaded."""
    name = f"{language}.json"
    path = CATALOGUES / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{name}: cannot read ({error})")
        return None
    try:
        table = json.loads(text, object_pairs_hook=reject_duplicates)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        problems.append(f"{name}: invalid JSON ({error})")
        return None
    if not isinstance(table, dict):
        problems.append(f"{name}: top level is {type(table).__name__}, expected an object")
        return None

    for key in meanings:
        if key not in table:
            problems.append(f"{name}: missing key {key}")
    for key in table:
        if key not in meanings:
            problems.append(f"{name}: extra key {key}")

    for key, value in table.items():
        if not isinstance(value, str):
            problems.append(f"{name}: {key}: value is {type(value).__name__}, expected a string")
            continue
        if not value.strip():
            problems.append(f"{name}: {key}: empty value")
            continue
        if key in meanings:
            expected = set(placeholders(meanings[key]))
            found = set(placeholders(value))
            if (found != expected) if not key.startswith("date.") else not found <= expected:
                problems.append(f"{name}: {key}: placeholders {show(found)} differ from the English meaning's {show(expected)}")
        if value.count("{") != value.count("}"):
            problems.append(f"{name}: {key}: unbalanced braces in {value!r}")
    return len(table)


def main():
    problems = []
    meanings = load_keys(problems)
    counts = {}
    for language in LANGUAGES:
        counts[language] = check_language(language, meanings, problems)

    print(f"keys.md: {len(meanings)} keys")
    for language in LANGUAGES:
        count = counts[language]
        print(f"  {language + '.json':<13} {'unreadable' if count is None else f'{count} keys'}")
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print("OK: all catalogues match keys.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
