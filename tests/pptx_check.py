"""Opens a kamdeck PowerPoint deck with python-pptx, as another program would, and checks it
against what the deck's PDF layout says (a JSON file the Rust test writes):

- as many slides as the PDF has pages, of the PDF's page size;
- each slide's title among its text;
- every block (text, table, chart, picture, shape) has a shape within 1 pt of the rectangle
  Typst gave it;
- every chart is a native chart whose cached values and embedded workbook hold the slide's
  numbers; every table has the slide's rows;
- every slide has speaker notes naming its workbook sheet.

Usage: pptx_check.py deck.pptx expected.json. Prints one line per problem; exit 1 if any.
"""

import io
import json
import sys

import openpyxl
from pptx import Presentation
from pptx.util import Emu

EMU = 12700.0


def xml_text(s):
    """What XML 1.0 can hold of a text: kamdeck drops the rest (C0 controls), as the PDF does."""
    return "".join(c for c in s if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


def norm(s):
    return " ".join(xml_text(s).split())


def rect_of(shape):
    return (shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)


def close(a, b, tol):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def numbers_equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b)):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main(path, expected_path):
    expected = json.load(open(expected_path))
    prs = Presentation(path)
    problems = []
    slides = list(prs.slides)
    if len(slides) != len(expected["pages"]):
        problems.append(f"{len(slides)} slides, the PDF has {len(expected['pages'])} pages")
    w, h = expected["size"]
    if abs(prs.slide_width / EMU - w) > 0.5 or abs(prs.slide_height / EMU - h) > 0.5:
        problems.append(f"slide size {prs.slide_width / EMU}x{prs.slide_height / EMU}, the PDF's {w}x{h}")
    for k, (slide, page) in enumerate(zip(slides, expected["pages"]), start=1):
        shapes = list(slide.shapes)
        text = norm(" ".join(s.text_frame.text for s in shapes if s.has_text_frame))
        if norm(page["title"]) not in text:
            problems.append(f"slide {k}: title {page['title']!r} not among its text")
        # Every block at its rectangle, within 1 pt.
        used = set()
        for item in page["items"]:
            want = tuple(item["rect"])
            match = None
            for i, s in enumerate(shapes):
                if i in used:
                    continue
                if close(rect_of(s), want, 1.0):
                    match = i
                    break
            if match is None:
                problems.append(f"slide {k}: no shape at {item['kind']} {tuple(round(v, 1) for v in want)}")
            else:
                used.add(match)
                s = shapes[match]
                if item["kind"] == "chart" and not s.has_chart:
                    problems.append(f"slide {k}: the chart at {want} is not a native chart")
                if item["kind"] == "table" and not s.has_table:
                    problems.append(f"slide {k}: the table at {want} is not a table")
                if item["kind"] == "chart" and s.has_chart:
                    problems.extend(f"slide {k}: {p}" for p in check_chart(s.chart, item["data"]))
                if item["kind"] == "table" and s.has_table:
                    problems.extend(f"slide {k}: {p}" for p in check_table(s.table, item))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        if page["sheet"] not in notes:
            problems.append(f"slide {k}: the notes do not name its sheet {page['sheet']!r}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def check_chart(chart, data):
    problems = []
    blob = chart.part.chart_workbook.xlsx_part.blob
    book = openpyxl.load_workbook(io.BytesIO(blob), data_only=True)
    sheet = book.worksheets[0]
    columns = {}
    for col in sheet.iter_cols(min_row=1, values_only=True):
        columns.setdefault(col[0], list(col[1:]))
    plots = list(chart.plots)
    cached = [list(s.values) for p in plots for s in p.series]
    if data["kind"] == "series":
        cats = list(plots[0].categories) if plots else []
        names = [str(c) for c in cats]
        ranks = [str(k) for k in range(1, len(data["categories"]) + 1)]
        if names == [xml_text(c) for c in data["categories"]]:
            pass
        elif [str(c).removesuffix(".0") for c in cats] == ranks:
            # Numbered by rank, as the slide numbers many columns: the names are in the sheet.
            first = list(columns.values())[0][: len(ranks)] if columns else []
            if [str(x) for x in first] != [xml_text(c) for c in data["categories"]]:
                problems.append("chart numbered by rank, but its sheet does not name the categories")
        else:
            problems.append(f"chart categories {cats[:3]}… differ from the slide's {data['categories'][:3]}…")
        for series in data["series"]:
            values = series["values"]
            # The slide's numbers are among the chart's cached series and the workbook's
            # columns (a waterfall shows derived bars: its steps are in the workbook).
            in_chart = any(
                len(c) == len(values) and all(numbers_equal(a, b) for a, b in zip(c, values)) for c in cached
            )
            in_book = any(
                len(col) >= len(values) and all(numbers_equal(a, b) for a, b in zip(col, values))
                for col in columns.values()
            )
            if not in_book:
                problems.append(f"series {series['name']!r}: its values are not in the embedded workbook")
            if not in_chart and data.get("look") != "waterfall":
                problems.append(f"series {series['name']!r}: the chart's cached values differ")
    elif data["kind"] == "points":
        # A scatter's points go by colour into series of their own: compare as sets.
        ys = sorted(p["y"] for p in data["points"])
        got = sorted(v for c in cached for v in c if v is not None)
        if len(got) != len(ys) or not all(numbers_equal(a, b) for a, b in zip(got, ys)):
            problems.append("scatter: the cached y values differ from the slide's points")
        labels = sorted(xml_text(p["label"]) for p in data["points"])
        listed = sorted(str(x) for x in (columns.get("Label") or [])[: len(labels)])
        if listed != labels:
            problems.append("scatter: the workbook does not list the points' labels")
    elif data["kind"] == "spans":
        labels = [s["label"] for s in data["spans"]]
        if [str(x) for x in columns.get("Milestone", [])[: len(labels)]] != labels:
            problems.append("gantt: the workbook does not list the milestones")
    return problems


def check_table(table, item):
    problems = []
    rows = [item["header"]] + item["rows"]
    if len(table.rows) != len(rows):
        problems.append(f"table has {len(table.rows)} rows, the slide {len(rows)}")
        return problems
    for r, (row, want) in enumerate(zip(table.rows, rows)):
        got = [norm(c.text) for c in row.cells]
        if got != [norm(c) for c in want]:
            problems.append(f"table row {r}: {got} is not {want}")
            break
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
