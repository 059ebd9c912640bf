#!/usr/bin/env python3
"""Makes the next night's extracts from generated demo data: about 1 % of the branch CRM and call
centre rows change (an e-mail or an address), and new rows (copies of 0.5 % of rows under new ids,
so they are duplicates to resolve) are appended. Standard library only; deterministic."""
import random
import sys
from pathlib import Path


def change(path: Path, encoding: str, delimiter: str, id_prefix: str, rate: float, rng: random.Random) -> tuple[int, int]:
    lines = path.read_text(encoding=encoding).splitlines()
    header, rows = lines[0], lines[1:]
    changed = added = 0
    out = [header]
    extra = []
    for i, row in enumerate(rows):
        fields = row.split(delimiter)
        roll = rng.random()
        if roll < rate and len(fields) > 3 and '"' not in row:
            fields[-2] = fields[-2] + "x" if fields[-2] else "changed"
            row = delimiter.join(fields)
            changed += 1
        elif roll < rate * 1.5 and '"' not in row and len(fields) > 3:
            copy = list(fields)
            copy[0] = f"{id_prefix}{i:09d}"
            extra.append(delimiter.join(copy))
            added += 1
        out.append(row)
    path.write_text("\n".join(out + extra) + "\n", encoding=encoding)
    return changed, added


def main() -> None:
    data = Path(sys.argv[1])
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    rng = random.Random(7)
    for name, encoding, delimiter, prefix in (("branch_crm.csv", "iso-8859-1", ";", "NEWB"),
                                              ("call_centre.csv", "utf-8", ",", "NEWC")):
        changed, added = change(data / name, encoding, delimiter, prefix, rate, rng)
        print(f"{name}: {changed} rows changed, {added} rows added")


if __name__ == "__main__":
    main()
