"""Every code docextract gives, in one registry: parse warnings, input errors, bulk errors and findings.

A code is a stable, machine-readable string (`"rating_unreadable"`, `"corrupt_pdf"`): readers key on
it in the record's `warnings[].code`, in `DocextractError.code`, in the bulk `errors` table and in a
finding's `code`. The modules that give a code use the constant of this module, never a bare string,
and `tests/unit/model/test_codes.py` checks that every code given anywhere (the source, the pattern files and
the records of generated reports) is registered here and documented in the README (*Codes*).

Kinds of code:

- `warning` — a parse warning in a record (`ParseWarning.code`): something the parser could not read,
  doubted or refused. Severity is always `warning`: the record is still written (exit 0).
- `input` — a file that cannot be read (`DocextractError.code`): one line on standard error naming the
  file and the reason, exit code 2 (`parse`, `validate`, `show`); recorded in the bulk `errors` table.
- `bulk` — a file of a `bulk` run that failed for another reason than its input (a time limit, a worker
  that died): recorded in the `errors` table; the run exits 3 when some files failed.
- `rule` — a rule file (`patterns/*.yaml`) refused at load (`rules.errors.RuleError`, a
  DocextractError naming the file, the key and the reason): exit code 2.
- `finding` — a finding of `docextract validate`. Its severity is data: `patterns/validation.yaml`
  (`checks`) gives it, and a test checks that file and this registry list the same codes. A file
  with an error finding makes `validate` exit 1.

Pure Python with no import of pydantic: `import docextract` loads it with `model.errors`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

CodeKind = Literal["warning", "input", "bulk", "rule", "finding"]
Severity = Literal["warning", "error"]

# Exit codes of the command line (see the README's *Command line*).
EXIT_OK = 0
EXIT_FINDINGS = 1  # validate: a report contradicts its rules
EXIT_UNREADABLE = 2  # bad input, bad usage, nothing could be done
EXIT_SOME_FAILED = 3  # bulk/eval: some files failed, the others are done
EXIT_INTERRUPTED = 130


class CodeInfo(NamedTuple):
    """One registered code: its `kind`, its `severity` (None for findings: patterns/validation.yaml
    gives it), the exit code a file with it leads to (None where the code does not decide one) and
    its `meaning` in plain words (the README's *Codes* table)."""

    code: str
    kind: CodeKind
    meaning: str
    severity: Severity | None
    exit_code: int | None


REGISTRY: dict[str, CodeInfo] = {}

_DEFAULTS: dict[CodeKind, tuple[Severity | None, int | None]] = {
    "warning": ("warning", EXIT_OK),
    "input": ("error", EXIT_UNREADABLE),
    "bulk": ("error", EXIT_SOME_FAILED),
    "rule": ("error", EXIT_UNREADABLE),
    "finding": (None, None),
}


def _register(code: str, kind: CodeKind, meaning: str) -> str:
    """Register `code` and return it (the constant's value). A code is registered once, in one kind."""
    if code in REGISTRY:
        raise ValueError(f"code {code!r} is registered twice")
    severity, exit_code = _DEFAULTS[kind]
    REGISTRY[code] = CodeInfo(code, kind, meaning, severity, exit_code)
    return code


def info(code: str) -> CodeInfo:
    """The registered code's CodeInfo; raises KeyError naming an unregistered code."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"code {code!r} is not registered in docextract/model/codes.py") from None


def codes(kind: CodeKind) -> tuple[str, ...]:
    """The registered codes of one kind, in registration order."""
    return tuple(c for c, i in REGISTRY.items() if i.kind == kind)


def markdown() -> str:
    """The README's *Codes* tables: one per kind, `| code | severity | exit | meaning |`."""
    titles = {
        "warning": "Parse warnings (`warnings[].code` of the record)",
        "input": "Input errors (`DocextractError.code`, exit 2; the bulk `errors` table)",
        "bulk": "Bulk errors (the bulk `errors` table; the run exits 3)",
        "rule": "Rule-file errors (`RuleError.code`: a `patterns/*.yaml` file refused at load, exit 2)",
        "finding": "Findings of `validate` (severity from `patterns/validation.yaml`)",
    }
    out: list[str] = []
    for kind, title in titles.items():
        out += [f"**{title}**", "", "| code | severity | exit | meaning |", "|---|---|---|---|"]
        for item in REGISTRY.values():
            if item.kind == kind:
                exit_code = "" if item.exit_code is None else str(item.exit_code)
                out.append(f"| `{item.code}` | {item.severity or 'validation.yaml'} | {exit_code} | {item.meaning} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- parse warnings given by the code ------------------------------------------------------------

LITTLE_TEXT = _register("little_text", "warning", "fewer than 300 characters of text: parsed as `unknown`")
BROKEN_LIGATURE = _register(
    "broken_ligature", "warning",
    "the PDF gives a ligature glyph as a wrong character ('oûending'): repaired where the report's own words "
    "prove the letters it stands for, the warning says which and where",
)
UNKNOWN_DOCUMENT = _register(
    "unknown_document", "warning", "not an HM Inspectorate of Probation report of a kind docextract reads: no values"
)
PAGES_MISSING = _register(
    "pages_missing",
    "warning",
    "a page missing or unreadable before the page named (its printed page numbers skip one, or the page before "
    "has no text): what it printed is not read, and no key-question table or standard heading is run on across it",
)
KIND_FROM_UNITS = _register(
    "kind_from_units",
    "warning",
    "a report of a one-unit kind whose ratings name several units, read as another kind whose cues it prints "
    "(patterns/detection.yaml `several_units`: a regional letter without its first page)",
)
RATINGS_NOT_FOUND = _register(
    "ratings_not_found", "warning", "a kind that normally has a ratings table, but none could be read"
)
TITLE_TRUNCATED = _register(
    "title_truncated",
    "warning",
    "the cover title ends mid-phrase and no next line continues it, or goes on past the lines a title is "
    "read over: title null",
)
IMPLAUSIBLE_VALUE = _register(
    "implausible_value", "warning", "a value read but refused by a plausibility rule (`read`, `confirmed`)"
)
UNIT_NAME_FROM_TITLE = _register(
    "unit_name_from_title", "warning", "a garbled unit name replaced by the body named in the title"
)
UNIT_NAME_MISSING = _register("unit_name_missing", "warning", "a ratings box without a readable unit name")
UNIT_NAME_GARBLED = _register(
    "unit_name_garbled", "warning", "a unit name interleaved with other text, confirmed by no title: not stored"
)
RATING_COLUMN_UNKNOWN = _register(
    "rating_column_unknown", "warning", "a row prints several ratings and no header says which is this inspection's"
)
RATING_UNREADABLE = _register("rating_unreadable", "warning", "no readable rating beside a standard")
STANDARD_NOT_RATED = _register(
    "standard_not_rated",
    "warning",
    "a standard printed 'Not rated': rating null, counted false (it drops out of the score and maximum, "
    "rating-rules §2)",
)
OVERALL_RATING_UNREADABLE = _register(
    "overall_rating_unreadable", "warning", "no readable overall rating in a ratings box"
)
STANDARDS_MISSING = _register(
    "standards_missing", "warning", "a ratings table runs to a page foot with the framework's later standards not found"
)
KEY_QUESTION_PERCENT_MISMATCH = _register(
    "key_question_percent_mismatch", "warning", "a key question printed twice with different percentages"
)
KEY_QUESTION_WORDING_DIFFERS = _register(
    "key_question_wording_differs", "warning", "a key question printed twice with different wording"
)
KEY_QUESTION_VALUE_UNREADABLE = _register(
    "key_question_value_unreadable", "warning", "no readable percentage for a key question"
)
KEY_QUESTION_TEXT_CUT = _register(
    "key_question_text_cut",
    "warning",
    "a key question printed without its question mark (cut short): its text kept as printed",
)
KEY_QUESTIONS_INCOMPLETE = _register(
    "key_questions_incomplete",
    "warning",
    "a row of a standard's key-question table not read (its codes skip one, a row with a value but no question, "
    "a question with an empty value cell, or a question cut at a page foot whose rest is not atop the next)",
)
KEY_QUESTIONS_NOT_FOUND = _register(
    "key_questions_not_found", "warning", "no key-question table found for a rated unit"
)
KEY_QUESTIONS_UNREAD = _register(
    "key_questions_unread",
    "warning",
    "a case-based standard's key-question table printed (a table's header or a row: a percentage beside a "
    "question) but none of its percentages read (printed without '%', columns in an order not "
    "understood, a table not found)",
)
RECOMMENDATIONS_NOT_FOUND = _register("recommendations_not_found", "warning", "no recommendations found")
RECOMMENDATION_UNIT_INFERRED = _register(
    "recommendation_unit_inferred", "warning", "a recommendation's unit inferred, not printed"
)
RECOMMENDATION_ADDRESSEE_JOINT = _register(
    "recommendation_addressee_joint",
    "warning",
    "a lead-in names more than one body: addressee kept as printed, addressee_canonical null",
)
RECOMMENDATION_LEAD_IN_UNREAD = _register(
    "recommendation_lead_in_unread",
    "warning",
    "recommendations follow a line ending ':' in no known lead-in form: kept, addressee null",
)
RECOMMENDATION_NUMBER_UNREADABLE = _register(
    "recommendation_number_unreadable", "warning", "a recommendation numbered other than 1, 2, 3… ('1a.'): number null"
)
RECOMMENDATION_LINE_UNREAD = _register(
    "recommendation_line_unread",
    "warning",
    "a line after recommendations under a lead-in numbered like one ('R10.', '(10)text', '14.review' not next) "
    "is not read as the list's next: the list may be incomplete",
)
RECOMMENDATION_TEXT_CUT = _register(
    "recommendation_text_cut",
    "warning",
    "a recommendation ends at the foot of a text column and the next column does not surely continue it: text null",
)
PREVIOUS_RECOMMENDATION_UNJUDGED = _register(
    "previous_recommendation_unjudged", "warning", "no progress judgement found after a previous recommendation"
)
KEY_FACTS_NOT_FOUND = _register("key_facts_not_found", "warning", "an annual report without key-facts pages")

# --- parse warnings explaining a null (reasons are data: patterns/nulls.yaml) --------------------

FRAMEWORK_UNKNOWN = _register(
    "framework_unknown", "warning", "the report prints no known framework's standards: framework null"
)
TITLE_NOT_FOUND = _register("title_not_found", "warning", "no title line found on the cover")
PUBLISHED_NOT_FOUND = _register("published_not_found", "warning", "no publication month or year found")
SCORE_NOT_PRINTED = _register("score_not_printed", "warning", "the ratings box prints no readable score or maximum")
DOMAIN_NOT_PRINTED = _register("domain_not_printed", "warning", "no domain heading printed above a standard")
KEY_QUESTION_CODE_NOT_PRINTED = _register(
    "key_question_code_not_printed", "warning", "a key question printed without a number"
)
COMPARATOR_NOT_PRINTED = _register(
    "comparator_not_printed", "warning", "the key-question table prints no comparator column"
)
PROMPT_VALUE_UNREADABLE = _register("prompt_value_unreadable", "warning", "no readable percentage for a prompt")
RECOMMENDATION_UNNUMBERED = _register(
    "recommendation_unnumbered", "warning", "a recommendation printed without a number"
)
RECOMMENDATION_UNIT_NOT_NAMED = _register(
    "recommendation_unit_not_named", "warning", "no rated unit named for a recommendation"
)
ADDRESSEE_NOT_NAMED = _register(
    "addressee_not_named", "warning", "no '... should:' lead-in names a recommendation's addressee"
)
STATED_COUNT_NOT_FOUND = _register(
    "stated_count_not_found", "warning", "no sentence stating the number of recommendations"
)
PREVIOUS_RECOMMENDATION_UNNUMBERED = _register(
    "previous_recommendation_unnumbered", "warning", "a previous recommendation printed without a number"
)
PREVIOUS_ADDRESSEE_NOT_NAMED = _register(
    "previous_addressee_not_named", "warning", "no body named for a previous recommendation"
)
PREVIOUS_TALLY_NOT_FOUND = _register(
    "previous_tally_not_found", "warning", "no tally of the previous recommendations' progress"
)
PREVIOUS_TALLY_INCOMPLETE = _register(
    "previous_tally_incomplete", "warning", "the tally sentence gives no count for a judgement"
)
VALUE_NOT_FOUND = _register("value_not_found", "warning", "not printed, or not readable, in this document")

# --- input errors (DocextractError) ---------------------------------------------------------------

NOT_FOUND = _register("not_found", "input", "no such file")
IS_DIRECTORY = _register("is_directory", "input", "a directory where a report file was expected")
UNREADABLE = _register("unreadable", "input", "the file cannot be read (permissions, I/O) or its pages rendered")
EMPTY = _register("empty", "input", "the file is empty")
TOO_LARGE = _register("too_large", "input", "a document over the size limit (100 MB)")
NOT_A_FILE = _register(
    "not_a_file", "input", "not a regular file (a FIFO, device or socket): refused, never waited on or read"
)
UNSUPPORTED = _register("unsupported", "input", "a file type docextract does not read")
NOT_PDF = _register("not_pdf", "input", "named .pdf but without a %PDF header")
NOT_TEXT = _register("not_text", "input", "named as text but binary")
NOT_DOCX = _register("not_docx", "input", "named .docx but without word/document.xml")
ENCRYPTED = _register("encrypted", "input", "the PDF needs a password")
EMPTY_PDF = _register("empty_pdf", "input", "neither pdfium nor pdfminer finds a page")
NO_TEXT = _register("no_text", "input", "no text at all: a scanned or image-only PDF, or an empty Word document")
CORRUPT_PDF = _register("corrupt_pdf", "input", "neither pdfium nor pdfminer can read the PDF (both reasons given)")
CORRUPT_DOCX = _register("corrupt_docx", "input", "a corrupt or unreadable Word document")
ZIP_BOMB = _register("zip_bomb", "input", "a Word document whose parts are too many or expand too far")
NOT_A_RECORD = _register(
    "not_a_record", "input", "`validate FILE.json`: not one docextract record (not JSON, a list, another shape)"
)
NOT_AN_ARCHIVE = _register(
    "not_an_archive",
    "input",
    "`validate FILE.duckdb`: not a docextract bulk archive (not DuckDB, or without a reports table)",
)

# --- bulk errors -----------------------------------------------------------------------------------

NOT_A_REPORT = _register(
    "not_a_report", "bulk", "not recognised as a report (message: the `unknown_document` or `little_text` warning)"
)
TIMEOUT = _register("timeout", "bulk", "the file took longer than `--timeout`: its worker was killed")
WORKER_CRASHED = _register("worker_crashed", "bulk", "the worker process died while parsing the file")
CHANGED = _register("changed", "bulk", "the file changed (another sha256) while the batch was running")
INTERNAL_ERROR = _register("internal_error", "bulk", "an unexpected error (a bug: please report it)")
VALIDATE_UNAVAILABLE = _register(
    "validate_unavailable", "bulk", "`--validate` asked for, but the validating layer cannot be imported"
)

# --- rule-file errors (rules.errors.RuleError) -------------------------------------------------

RULE_YAML = _register("rule_yaml", "rule", "the file is not readable YAML")
RULE_SCHEMA = _register(
    "rule_schema", "rule", "a key is missing, unexpected or of the wrong type (the schema's own message)"
)
RULE_REGEX_INVALID = _register("rule_regex_invalid", "rule", "a regular expression that does not compile")
RULE_REGEX_GROUP_MISSING = _register(
    "rule_regex_group_missing", "rule", "a regular expression without a group its reader needs (or replacement names)"
)
RULE_TEMPLATE_PLACEHOLDER = _register(
    "rule_template_placeholder", "rule", "a pattern template without a placeholder its reader fills in"
)
RULE_BAND_INVERTED = _register("rule_band_inverted", "rule", "a band whose lower bound exceeds its upper bound")
RULE_BAND_OVERLAP = _register("rule_band_overlap", "rule", "two bands that share a value")
RULE_BAND_GAP = _register(
    "rule_band_gap", "rule", "bands that leave a value without a rating (a gap, or a range not covered)"
)
RULE_BAND_ORDER = _register("rule_band_order", "rule", "bands whose ratings do not rise with their bounds")
RULE_MAX_SCORE = _register(
    "rule_max_score", "rule", "a maximum score that is not the points of a rating × the framework's counted standards"
)
RULE_STANDARD_DUPLICATE = _register(
    "rule_standard_duplicate", "rule", "a standard code listed twice in one framework (and variant)"
)
RULE_UNKNOWN_KIND = _register("rule_unknown_kind", "rule", "a report kind that is not in patterns/vocab.yaml")
RULE_UNKNOWN_RATING = _register("rule_unknown_rating", "rule", "a rating word that is not in patterns/vocab.yaml")
RULE_VOCAB = _register(
    "rule_vocab", "rule", "a vocabulary that is empty, repeats a word, or disagrees with the record's types"
)
RULE_CROSS_FILE = _register("rule_cross_file", "rule", "two rule files that disagree (named in the reason)")

# --- findings of validate (severity: patterns/validation.yaml) ----------------------------------

STANDARD_RATING_MISMATCH = _register(
    "standard_rating_mismatch", "finding", "a case-based standard's rating differs from its lowest key question's band"
)
WITHIN_DISCRETION = _register(
    "within_discretion", "finding", "the same, within 5 points of a band boundary (the panel's discretion)"
)
SCORE_MISMATCH = _register("score_mismatch", "finding", "the printed score is not the sum of the standards' scores")
MAX_SCORE_MISMATCH = _register(
    "max_score_mismatch", "finding", "the printed maximum is not 3 x the number of rated standards"
)
OVERALL_BAND_MISMATCH = _register(
    "overall_band_mismatch", "finding", "the overall rating is not the framework's band for the score"
)
RULES_UNKNOWN = _register("rules_unknown", "finding", "ratings of no known framework: nothing recomputed")
LEADERSHIP_CAP = _register(
    "leadership_cap", "finding", "leadership Outstanding while a case-management standard is below Good"
)
NARRATIVE_RATING_MISMATCH = _register(
    "narrative_rating_mismatch", "finding", "a sentence states a rating that differs from the ratings table"
)
TALLY_MISMATCH = _register("tally_mismatch", "finding", "an annual report's recommendation tally does not add up")
RECOMMENDATION_COUNT_MISMATCH = _register(
    "recommendation_count_mismatch", "finding", "the stated number of recommendations differs from the number listed"
)
NUMBERING_GAP = _register("numbering_gap", "finding", "recommendation numbers skip or go backwards")
NUMBERING_DUPLICATE = _register("numbering_duplicate", "finding", "a recommendation number is used twice")
BROKEN_CROSS_REFERENCE = _register(
    "broken_cross_reference", "finding", "word-processor residue such as 'Error! Bookmark not defined.'"
)
DATE_OUT_OF_RANGE = _register(
    "date_out_of_range",
    "finding",
    "a fieldwork or case-sample date far from the report's dates, or a window ending before it starts",
)
COUNT_PERCENT_MISMATCH = _register(
    "count_percent_mismatch", "finding", "'N out of M (P%)' where P differs from 100·N/M by 1 point or more"
)
MISSING_VALUE = _register(
    "missing_value", "finding", "a standard without a rating, a unit without an overall rating, or no key-question %"
)
NOT_CHECKED = _register(
    "not_checked", "finding", "the parser could not read something, so it was not checked (`found`: the warning's code)"
)

CHECKS_NOT_RUN = _register(
    "checks_not_run",
    "finding",
    "a record checked alone keeps no statements of its text: the text checks could not run (the message names them)",
)

if __name__ == "__main__":  # the README's *Codes* section: python -m docextract.model.codes
    print(markdown(), end="")
