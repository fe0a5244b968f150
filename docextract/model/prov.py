"""Provenance: where a value of the record was read, one model for every value.

`Prov` says where in the document a value came from: the 1-based `page` and, from PDFs, the `bbox`
(PDF points, origin at the page's top left); from text files the `line`; from Word drafts the
`section` heading, `paragraph` and table `row`; and, wherever the text is known, `span` and
`source_text`: the character offsets `[start, end)` into the normalised text of that page (its
lines joined by newlines, `Document.page(page).text`) and the text there, so that
`page_text[start:end] == source_text` always holds; and `origin`, the reading path and the step
that read it (`pdf/ratings_table`, `text/cover`, `docx/recommendations`, ...).

Every record item (units, standards, key questions, prompts, recommendations, …) *is* a `Prov`:
its fields sit beside the item's values, as they always have (`page`, `bbox`, …). Values that are
not items — the title, the publication date, the kind and the framework — have theirs in the
record's `provenance` (`MetadataProvenance`), and a warning carries the place of what it is about.
"""

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BBox(_Model):
    """A rectangle on a page, in PDF points, origin at the top left."""

    x0: float
    top: float
    x1: float
    bottom: float


class Prov(_Model):
    """Where a value was read. Every field is optional: a reader knows some of them (a PDF has pages
    and boxes, a text file lines, a Word draft sections and paragraphs)."""

    page: int | None = Field(default=None, ge=1, description="1-based page the value was read from")
    bbox: BBox | None = None
    line: int | None = Field(default=None, ge=1, description="text files: 1-based line number")
    section: str | None = Field(default=None, description="Word drafts: the heading of the section")
    paragraph: int | None = Field(
        default=None, ge=1, description="Word drafts: 1-based paragraph in the section (a table counts as one)"
    )
    row: int | None = Field(default=None, ge=1, description="Word drafts: 1-based row when the paragraph is a table")
    span: tuple[int, int] | None = Field(
        default=None,
        description="[start, end) character offsets of `source_text` in the normalised text of the page "
        "(its lines joined by newlines)",
    )
    source_text: str | None = Field(default=None, description="the text the value was read from, as normalised")
    origin: str | None = Field(
        default=None,
        description="the reading path and the step that read the value, e.g. 'pdf/ratings_table', 'text/cover'",
    )


PROVENANCE_FIELDS: tuple[str, ...] = tuple(Prov.model_fields)


class MetadataProvenance(_Model):
    """Where the record's metadata was read: the cover title's lines, the line giving the publication
    date, and the lines that decided the kind (the publisher's and the kind's cues) and the framework
    (the standards printed in the ratings table). None where the value is null or not read from a
    place (`kind: unknown`)."""

    title: Prov | None = None
    published: Prov | None = None
    kind: Prov | None = None
    framework: Prov | None = None
