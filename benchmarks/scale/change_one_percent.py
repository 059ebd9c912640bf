#!/usr/bin/env python3
"""Makes the next night's extracts from generated demo data: about 1 % of the branch CRM and call
centre rows change (their address), and new rows (copies of 0.5 % of rows under new ids, so they
are duplicates to resolve) are appended. Standard library only; deterministic."""
import csv
import io
import random
import sys
from pathlib import Path


def change(path: Path, encoding: str, delimiter: str, quoting: int, changed_column: str, id_prefix: str,
           rate: float, rng: random.Random) -> tuple[int, int]:
    # surrogateescape keeps the generator's deliberately undecodable rows byte for byte
    text = path.read_text(encoding=encoding, errors="surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    column = header.index(changed_column)
    changed = added = 0
    extra = []
    for i, fields in enumerate(body):
        if len(fields) != len(header):
            continue  # a deliberately malformed row: leave it as it is
        roll = rng.random()
        if roll < rate:
            fields[column] = "1 " + fields[column] if fields[column] else "1 rue Neuve"
            changed += 1
        elif roll < rate * 1.5:
            copy = list(fields)
            copy[0] = f"{id_prefix}{i:09d}"
            extra.append(copy)
            added += 1
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerows([header, *body, *extra])
    path.write_text(out.getvalue(), encoding=encoding, errors="surrogateescape")
    return changed, added


def main() -> None:
    data = Path(sys.argv[1])
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    rng = random.Random(7)
    for name, encoding, delimiter, quoting, column, prefix in (
            ("branch_crm.csv", "iso-8859-1", ";", csv.QUOTE_MINIMAL, "adresse", "NEWB"),
            ("call_centre.csv", "utf-8", ",", csv.QUOTE_ALL, "address", "NEWC")):
        changed, added = change(data / name, encoding, delimiter, quoting, column, prefix, rate, rng)
        print(f"{name}: {changed} rows changed, {added} rows added")


if __name__ == "__main__":
    main()
