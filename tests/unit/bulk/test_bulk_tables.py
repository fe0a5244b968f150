"""The bulk tables are derived from the record's models: every column of a model table is a field of
its model (or a key, a parent's value, the box, or a computed count), rows are built from the models
and match the DDL, existing column names and their order stay, and located items carry their bbox."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
from paths import FIXTURES
from rich.console import Console

from docextract.bulk import BulkOptions, run_bulk
from docextract.bulk import tables as T
from docextract.bulk.rows import report_rows
from docextract.bulk.store import DATABASE_NAME
from docextract.model.record import Located
from docextract.pipeline import validate

PDF = FIXTURES / "producers" / "reportlab-pdu2023-defects.pdf"
BOX = ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")

# The columns of every table before they were derived from the models (2026-11-30): kept, in order.
BEFORE = {
    "reports": "sha256 schema_version docextract_version path format pages kind framework title published "
    "published_year published_month unit_count recommendation_count stated_recommendation_count "
    "stated_recommendation_count_page previous_recommendation_count previous_sufficient previous_some "
    "previous_insufficient previous_transferred warning_count validated validation_issue_count parse_seconds "
    "parsed_at record",
    "units": "sha256 unit_ordinal name overall_rating score max_score page",
    "standards": "sha256 unit_ordinal standard_ordinal unit_name code domain name rating page counted",
    "key_questions": "sha256 unit_ordinal standard_ordinal question_ordinal standard_code code text percent "
    "comparator_percent comparator_label page also_on_pages",
    "prompts": "sha256 unit_ordinal standard_ordinal question_ordinal prompt_ordinal text percent page",
    "recommendations": "sha256 ordinal number unit addressee addressee_canonical addressee_as_printed text page",
    "previous_recommendations": "sha256 ordinal number addressee text progress judgement page",
    "key_facts": "sha256 ordinal label value unit as_printed page",
    "thematic_summaries": "sha256 ordinal title made agreed partly_agreed not_agreed sentence page title_page",
    "thematic_addressees": "sha256 summary_ordinal ordinal addressee made agreed partly_agreed not_agreed",
    "warnings": "sha256 ordinal code message page",
    "validation_issues": "sha256 ordinal code severity message unit standard page expected found line paragraph "
    "row section quotation",
    "errors": "path sha256 code message docextract_version recorded_at",
    "files": "path sha256 bytes",
}


# Tables added since, each listed here with its reason.
ADDED = {"statements": "the located facts of the text: a report's whole record rebuilt from the archive"}


def test_existing_columns_stay_in_their_order() -> None:
    assert set(T.BY_NAME) == set(BEFORE) | set(ADDED)
    for name, columns in BEFORE.items():
        now = [c for c in T.BY_NAME[name].names if c not in BOX]
        assert now == columns.split(), name


def test_model_tables_take_their_columns_from_the_model() -> None:
    for table in T.REPORT_TABLES:
        assert table.model is not None, table.name
        fields = table.model.model_fields
        for column in table.columns:
            if column.field is not None:
                assert column.field == column.name and column.type == T._sql_type(fields[column.name].annotation)
            else:  # a key, an ordinal, a parent's value, the box or a value computed from the record
                assert column.name in BOX or column.name.endswith(("ordinal", "sha256", "_name", "_code")) or (
                    table is T.REPORTS
                ), (table.name, column.name)
            assert column.doc, (table.name, column.name)


def test_located_items_have_a_box_before_their_page() -> None:
    for table in T.REPORT_TABLES:
        if table.model is not None and "bbox" in table.model.model_fields:
            names = list(table.names)
            assert names[names.index("page") - 4 : names.index("page")] == list(BOX), table.name
    located = [t.name for t in T.REPORT_TABLES if t.model is not None and issubclass(t.model, Located)]
    assert all(set(BOX) <= set(T.BY_NAME[name].names) for name in located) and len(located) >= 7


def test_rows_match_the_tables_and_carry_boxes() -> None:
    result = validate(PDF)
    rows = report_rows(result.report, path=str(PDF), parse_seconds=0.5, issues=result.issues)
    for table in T.REPORT_TABLES:
        assert all(len(row) == len(table.columns) for row in rows[table.name]), table.name
    standards = [dict(zip(T.STANDARDS.names, row, strict=True)) for row in rows["standards"]]
    unit = result.report.units[0]
    boxes = [(s["bbox_x0"], s["bbox_top"], s["bbox_x1"], s["bbox_bottom"]) for s in standards]
    expected = [(s.bbox.x0, s.bbox.top, s.bbox.x1, s.bbox.bottom) if s.bbox else (None,) * 4 for s in unit.standards]
    assert boxes == expected and any(box[0] is not None for box in boxes)
    issues = [dict(zip(T.VALIDATION_ISSUES.names, row, strict=True)) for row in rows["validation_issues"]]
    assert [i["code"] for i in issues] == [i.code for i in result.issues]
    assert any(i["bbox_x0"] is not None for i in issues)


def test_the_database_has_the_box_columns(tmp_path: Path) -> None:
    run_bulk(BulkOptions(inputs=[str(PDF)], out_dir=tmp_path, jobs=1), Console(file=io.StringIO(), width=120))
    with duckdb.connect(str(tmp_path / DATABASE_NAME), read_only=True) as con:
        found = con.execute(
            "SELECT count(*) FILTER (bbox_x0 IS NOT NULL AND bbox_x0 < bbox_x1 AND bbox_top < bbox_bottom), count(*) "
            "FROM recommendations"
        ).fetchone()
    assert found is not None and found[1] > 0 and found[0] == found[1]


def test_statements_table_lists_the_records_statements(tmp_path: Path) -> None:
    """One row per statement of the record, in order, every field of the model a column of the
    same value (the SQL keywords among them, `order`, `end`, `window`, quoted)."""
    report = validate(PDF).report
    assert report.statements
    run_bulk(BulkOptions(inputs=[str(PDF)], out_dir=tmp_path, jobs=1), Console(file=io.StringIO(), width=120))
    columns = [name for name in T.STATEMENTS.names if name not in ("sha256", "ordinal", *BOX)]
    with duckdb.connect(str(tmp_path / DATABASE_NAME), read_only=True) as con:
        quoted = ", ".join(f'"{name}"' for name in columns)
        rows = con.execute(f"SELECT {quoted} FROM statements ORDER BY ordinal").fetchall()
        windows = con.execute('SELECT count(*) FROM statements WHERE "window" IS NOT NULL').fetchone()
    assert rows == [tuple(getattr(s, name) for name in columns) for s in report.statements]
    assert windows is not None and windows[0] == sum(s.window is not None for s in report.statements) > 0
