#!/usr/bin/env python3
"""Writes tasks/<task>/truth.csv (source_system,source_id,person_id) from each data set's own truth encoding.

Python 3 standard library only. Run from anywhere:  python3 benchmarks/accuracy/make_truth.py
The output is committed; rerunning it must leave `git status` clean (the script is deterministic).

Encodings (see data/*/SOURCES.txt):
  FEBRL 1-4     rec_id "rec-<N>-org" or "rec-<N>-dup-<k>": person N. Fields are separated by ", ".
  febrl_dsgen   numeric rec_id = person*10 + k: person = rec_id without its last digit.
  Splink        column "cluster" (fake_1000) or "group" (fake_20000): the person.
source_system is the contract's name and source_id the id column's value, trimmed as the ingest trims it.
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FEBRL_ID = re.compile(r"^rec-(\d+)-(org|dup-\d+)$")


def febrl_person(rec_id):
    match = FEBRL_ID.match(rec_id)
    if not match:
        raise ValueError(f"rec_id {rec_id!r} is not rec-<N>-org or rec-<N>-dup-<k>")
    return str(int(match.group(1)))


def dsgen_person(rec_id):
    if not rec_id.isdigit():
        raise ValueError(f"rec_id {rec_id!r} is not numeric")
    return str(int(rec_id) // 10)  # rec_id without its last digit ("7" -> person 0)


# task -> [(source_system, data file, id column, person column or None, person from id)]
TASKS = {
    "febrl1": [("febrl1", "febrl/dataset1.csv", "rec_id", None, febrl_person)],
    "febrl2": [("febrl2", "febrl/dataset2.csv", "rec_id", None, febrl_person)],
    "febrl3": [("febrl3", "febrl/dataset3.csv", "rec_id", None, febrl_person)],
    "febrl4": [("febrl4a", "febrl/dataset4a.csv", "rec_id", None, febrl_person),
               ("febrl4b", "febrl/dataset4b.csv", "rec_id", None, febrl_person)],
    "febrl_dsgen_c_10000": [("febrl_dsgen_c", "febrl_dsgen/dataset_C_10000.csv", "rec_id", None, dsgen_person)],
    "splink_fake_1000": [("splink_fake_1000", "splink/fake_1000.csv", "unique_id", "cluster", None)],
    "splink_fake_20000": [("splink_fake_20000", "splink/fake_20000.csv", "unique_id", "group", None)],
}


def rows(path):
    # newline="" lets csv handle the CRLF of dataset4a; skipinitialspace reads FEBRL's ", " separators.
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, skipinitialspace=True)
        reader.fieldnames = [name.strip() for name in reader.fieldnames]
        yield from reader


def main():
    for task, sources in TASKS.items():
        out = HERE / "tasks" / task / "truth.csv"
        seen = set()
        lines = []
        for source_system, data_file, id_column, person_column, person_from_id in sources:
            for row in rows(HERE / "data" / data_file):
                source_id = row[id_column].strip()
                if (source_system, source_id) in seen:
                    raise ValueError(f"{data_file}: id {source_id!r} appears twice")
                seen.add((source_system, source_id))
                person = row[person_column].strip() if person_column else person_from_id(source_id)
                lines.append((source_system, source_id, person))
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["source_system", "source_id", "person_id"])
            writer.writerows(lines)
        people = len({(p) for _, _, p in lines})
        true_pairs = sum(n * (n - 1) // 2 for n in _counts(p for _, _, p in lines).values())
        print(f"{task}: {len(lines)} records, {people} people, {true_pairs} true pairs -> {out.relative_to(HERE)}")
    return 0


def _counts(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
