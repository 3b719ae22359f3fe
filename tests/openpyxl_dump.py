"""Prints the cached values of a kamdeck workbook's mirror sheets as JSON, read by openpyxl.

Used by tests/suite/recalc.rs to check the workbook with a reader independent of kamdeck's
own (calamine): `python3 tests/openpyxl_dump.py out/review.xlsx`.
"""

import datetime
import json
import re
import sys

import openpyxl


def value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    return str(v)


def main(path):
    book = openpyxl.load_workbook(path, data_only=True)
    mirrors = {}
    for sheet in book.worksheets:
        if not re.match(r"^\d\d ", sheet.title):
            continue
        mirrors[sheet.title] = [[value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    json.dump(mirrors, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
