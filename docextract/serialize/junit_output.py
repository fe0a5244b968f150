"""`validate --format junit`: JUnit XML, a testsuite per file and a testcase per check."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from ..model.codes import NOT_CHECKED
from ..rules.patterns import validation_patterns
from .findings import FileFindings


def nothing_checked(result: FileFindings) -> str | None:
    """Why no check could run on a file that was read (a document not recognised, or too little text
    to check anything: patterns/validation.yaml `nothing_checked`), else None."""
    nothing = validation_patterns().nothing_checked
    for found in result.issues:
        if found.code == NOT_CHECKED and (
            found.found in nothing or (result.report and result.report.kind == "unknown")
        ):
            return found.message
    return None


def render_junit(results: Sequence[FileFindings], strict: bool = False) -> str:
    """JUnit XML for CI systems: a testsuite per file, a testcase per check (classname = file, name =
    check code) failing with its findings; warnings fail only with --strict (else they are listed in
    the testcase's system-out). An unreadable file is one testcase with an <error>; on a file where
    nothing could be checked every check but `not_checked` is <skipped>, never shown as passed."""
    root = ElementTree.Element("testsuites", name="docextract validate")
    codes = list(validation_patterns().checks)
    total = failed = errored = skipped_total = 0
    for result in results:
        suite = ElementTree.SubElement(root, "testsuite", name=result.file)
        cases = failures = errors = skips = 0
        if result.error is not None:
            case = ElementTree.SubElement(suite, "testcase", classname=result.file, name="read")
            ElementTree.SubElement(case, "error", message=result.error, type="unreadable").text = result.error
            cases, errors = 1, 1
        else:
            extra = [i.code for i in result.issues if i.code not in codes]
            skipped = nothing_checked(result)
            for code in codes + sorted(set(extra)):
                found = [i for i in result.issues if i.code == code]
                case = ElementTree.SubElement(suite, "testcase", classname=result.file, name=code)
                cases += 1
                failing = [i for i in found if strict or i.severity == "error"]
                lines = "\n".join(
                    f"{i.location or '-'}: {i.message}" + (f' "{i.quotation}"' if i.quotation else "") for i in found
                )
                if failing:
                    failures += 1
                    message = f"{len(failing)} finding{'s' * (len(failing) != 1)}: {failing[0].message}"
                    ElementTree.SubElement(case, "failure", message=message, type=code).text = lines
                elif found:
                    ElementTree.SubElement(case, "system-out").text = lines
                elif skipped is not None and code != NOT_CHECKED:
                    ElementTree.SubElement(case, "skipped", message=skipped)
                    skips += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(skips))
        total, failed, errored, skipped_total = (
            total + cases,
            failed + failures,
            errored + errors,
            skipped_total + skips,
        )
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errored))
    root.set("skipped", str(skipped_total))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
