"""Inject chosen inconsistencies into a drawn report and record exactly those injected."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from .check import LEADERSHIP, cap_broken, true_score
from .model import Inconsistency, Report, Standard, Unit
from .prose import format_date, percent_of
from .rules import RATINGS, load_rules
from .values import band_range

DEFECT_KINDS: tuple[str, ...] = (
    "standard_rating_mismatch", "within_discretion", "score_mismatch", "max_score_mismatch",
    "overall_band_mismatch", "leadership_cap", "narrative_rating_mismatch", "recommendation_count_mismatch",
    "numbering_gap", "numbering_duplicate", "broken_cross_reference", "date_out_of_range",
    "count_percent_mismatch", "missing_value",
)
# Applied in this order: ratings first, then the score and overall derived from them, then prose.
_RATING_LEVEL = ("standard_rating_mismatch", "within_discretion", "missing_value", "leadership_cap")


class Injector:
    def __init__(self, report: Report, rng: random.Random) -> None:
        self.r = report
        self.rng = rng
        self.rules = load_rules()
        self.fw = self.rules.frameworks[report.framework]
        self.used: set[tuple[str, str]] = set()  # (unit, code) already carrying a defect
        self.cap_units: set[str] = set()

    def _add(self, kind: str, detail: str, **where: object) -> Inconsistency:
        inc = Inconsistency(kind, detail, dict(where))
        self.r.inconsistencies.append(inc)
        return inc

    def _case_standards(self) -> list[tuple[Unit, Standard]]:
        return [(u, s) for u in self.r.units for s in u.standards
                if s.key_questions and (u.name, s.code) not in self.used and s.name != LEADERSHIP]

    def _set_lowest(self, s: Standard, low: int, high: int) -> None:
        """Re-draw the key-question counts so that the lowest percentage lies in [low, high]."""
        kqs = s.key_questions
        order = self.rng.sample(range(len(kqs)), len(kqs))
        target = next((i for i in order if _hits(kqs[i].total, low, high)), order[0])
        while not _hits(kqs[target].total, low, high):
            kqs[target].total += 1
        for i, kq in enumerate(kqs):
            lo, hi = (low, high) if i == target else (high + 1, min(100, high + 25))
            choices = [k for k in range(kq.total + 1) if lo <= percent_of(k, kq.total) <= hi]
            if i != target and not choices:
                choices = [k for k in range(kq.total + 1) if percent_of(k, kq.total) >= high]
            kq.yes = self.rng.choice(choices)
            kq.percent = percent_of(kq.yes, kq.total)

    # -- rating-level ---------------------------------------------------------------
    def standard_rating_mismatch(self) -> Inconsistency | None:
        return self._misrate(discretion=False)

    def within_discretion(self) -> Inconsistency | None:
        return self._misrate(discretion=True)

    def _misrate(self, discretion: bool) -> Inconsistency | None:
        options = self._case_standards()
        if not options:
            return None
        unit, s = self.rng.choice(options)
        computed = s.rating or "Good"
        i = RATINGS.index(computed)
        stated = RATINGS[i + 1] if i == 0 or (i < 3 and self.rng.random() < 0.5) else RATINGS[i - 1]
        upper = max(i, RATINGS.index(stated))
        boundary = self.rules.kq_bands[upper][0]
        low, high = band_range(self.rules, computed)
        d = self.rules.discretion_points
        if discretion:
            low, high = (boundary - d + 1, boundary - 1) if stated == RATINGS[upper] else (boundary, boundary + d - 1)
        elif stated == RATINGS[upper]:
            high = boundary - d - 3
        else:
            low = boundary + d + 3
        self._set_lowest(s, low, high)
        s.rating = s.true_rating = stated
        self.used.add((unit.name, s.code))
        lowest = s.lowest
        assert lowest is not None
        kind = "within_discretion" if discretion else "standard_rating_mismatch"
        note = "within the discretion window" if discretion else "outside the discretion window"
        return self._add(kind, f"{unit.name} {s.code} {s.name} is rated '{stated}' but its lowest key-question "
                               f"score {lowest.percent}% gives '{computed}' ({note})",
                         unit=unit.name, standard=s.code, stated=stated, computed=computed,
                         lowest_percent=lowest.percent)

    def missing_value(self) -> Inconsistency | None:
        options = [(u, s) for u in self.r.units for s in u.standards
                   if not s.case_based and s.name != LEADERSHIP and (u.name, s.code) not in self.used]
        if not options:
            return None
        unit, s = self.rng.choice(options)
        s.rating = None
        self.used.add((unit.name, s.code))
        return self._add("missing_value", f"{unit.name} {s.code} {s.name} is printed without a rating "
                                          f"(the score counts it as '{s.true_rating}')",
                         unit=unit.name, code=s.code, standard=s.code, hidden_rating=s.true_rating)

    def leadership_cap(self) -> Inconsistency | None:
        if not self.fw.leadership_cap:
            return None
        unit = self.rng.choice(self.r.units)
        lead = next(s for s in unit.standards if s.name == LEADERSHIP)
        if (unit.name, lead.code) in self.used:
            return None
        weak = [s for s in unit.standards if s.case_based and s.rating and RATINGS.index(s.rating) < 2]
        if not weak:
            cands = [s for s in unit.standards if s.case_based and (unit.name, s.code) not in self.used]
            s = self.rng.choice(cands)
            s.rating = s.true_rating = "Requires improvement"
            if s.key_questions:
                self._set_lowest(s, *band_range(self.rules, "Requires improvement"))
            weak = [s]
        lead.rating = lead.true_rating = "Outstanding"
        self.used.add((unit.name, lead.code))
        self.cap_units.add(unit.name)
        return self._add("leadership_cap", f"{unit.name} leadership is rated 'Outstanding' although "
                                           f"{weak[0].name.lower()} is rated '{weak[0].rating}'",
                         unit=unit.name, standard=lead.code, weak_standard=weak[0].code)

    def recompute(self) -> None:
        for unit in self.r.units:
            if unit.name not in self.cap_units and cap_broken(self.r, unit):
                lead = next(s for s in unit.standards if s.name == LEADERSHIP)
                lead.rating = lead.true_rating = "Good"
            unit.score = true_score(unit)
            unit.overall_rating = self.fw.overall_band(unit.score)

    # -- score level ------------------------------------------------------------------
    def score_mismatch(self) -> Inconsistency | None:
        # A unit with a standard printed without its rating could explain a printed score that
        # is off by up to 3: prefer a unit where every rating is printed, so that the defect can
        # be seen from the printed report alone.
        complete = [u for u in self.r.units if all(s.rating is not None for s in u.standards if s.counted)]
        unit = self.rng.choice(complete or self.r.units)
        true = unit.score
        counted = [s for s in unit.standards if s.counted]  # youth resettlement is rated but not counted
        visible = sum(RATINGS.index(s.rating) for s in counted if s.rating is not None)
        hidden = sum(1 for s in counted if s.rating is None)
        explained = range(visible, visible + 3 * hidden + 1)  # scores a hidden rating could account for
        for delta in [*self.rng.sample([1, -1, 2, -2], 4), *self.rng.sample([3, -3, 4, -4, 5, -5], 6)]:
            printed = true + delta
            if printed in explained:
                continue
            if 0 <= printed <= self.fw.max_score and self.fw.overall_band(printed) == unit.overall_rating:
                unit.score = printed
                return self._add("score_mismatch", f"{unit.name} score printed as {printed}/{unit.max_score} but "
                                                   f"its standard ratings add up to {true}",
                                 unit=unit.name, printed=printed, computed=true)
        return None

    def max_score_mismatch(self) -> Inconsistency | None:
        def wrong_maxima(u: Unit) -> list[int]:  # a printed maximum below the unit's score would be absurd
            return [m for m in (21, 27, 30, 36) if m != self.fw.max_score and m >= u.score]

        if not self.r.units:
            return None
        unit = self.rng.choice(self.r.units)
        if not wrong_maxima(unit):  # e.g. a youth unit scoring above 36: try another unit, else skip
            others = [u for u in self.r.units if wrong_maxima(u)]
            if not others:
                return None
            unit = self.rng.choice(others)
        unit.max_score = self.rng.choice(wrong_maxima(unit))
        return self._add("max_score_mismatch", f"{unit.name} score printed out of {unit.max_score}, but "
                                               f"{self.r.framework} is scored out of {self.fw.max_score}",
                         unit=unit.name, printed=unit.max_score, computed=self.fw.max_score)

    def overall_band_mismatch(self) -> Inconsistency | None:
        unit = self.rng.choice(self.r.units)
        right = self.fw.overall_band(unit.score)
        i = RATINGS.index(right)
        unit.overall_rating = RATINGS[i + 1] if i == 0 or (i < 3 and self.rng.random() < 0.5) else RATINGS[i - 1]
        return self._add("overall_band_mismatch", f"{unit.name} overall rating '{unit.overall_rating}' but a "
                                                  f"score of {unit.score} falls in the '{right}' band",
                         unit=unit.name, stated=unit.overall_rating, computed=right)

    # -- prose and lists ------------------------------------------------------------------
    def narrative_rating_mismatch(self) -> Inconsistency | None:
        options = [(u, s) for u in self.r.units for s in u.standards
                   if s.rating is not None and (u.name, s.code) not in self.used
                   and sum(o.name == s.name for o in u.standards) == 1]
        if not options:
            return None
        unit, s = self.rng.choice(options)
        assert s.rating is not None
        said = self.rng.choice([r for r in RATINGS if r != s.rating])
        self.r.narrative_override = (unit.name, s.code, said)
        return self._add("narrative_rating_mismatch", f"the text says {unit.name} was rated as '{said}' for "
                                                      f"{s.name.lower()} but the ratings table says '{s.rating}'",
                         unit=unit.name, standard=s.code, said=said, table=s.rating, anchor="narrative")

    def recommendation_count_mismatch(self) -> Inconsistency | None:
        if self.r.kind == "regional_letter":
            return None
        listed = len(self.r.recommendations)
        stated = listed + self.rng.choice([-1, 1])
        self.r.stated_count = stated
        if self.r.count_style == "vague":
            self.r.count_style = self.rng.choice(("words", "digits"))
        return self._add("recommendation_count_mismatch", f"the report says it makes {stated} recommendations "
                                                          f"but lists {listed}", stated=stated, listed=listed,
                         anchor="recommendations")

    def _renumber(self, kind: str) -> Inconsistency | None:
        units = [u for u in self.r.units if sum(r.unit == u.name for r in self.r.recommendations) >= 3]
        if not units:
            return None
        unit = self.rng.choice(units)
        recs = [r for r in self.r.recommendations if r.unit == unit.name]
        taken = {int(i.where["index"]) for i in self.r.inconsistencies
                 if i.type in ("numbering_gap", "numbering_duplicate") and i.where.get("unit") == unit.name}
        choices = [k for k in range(1, len(recs)) if not ({k - 1, k, k + 1} & taken)]
        if not choices:
            return None
        k = self.rng.choice(choices)
        before = recs[k - 1].number
        for rec in recs[k:]:
            rec.number += 1 if kind == "numbering_gap" else -1
        detail = (f"{unit.name} recommendations jump from {before} to {recs[k].number}" if kind == "numbering_gap"
                  else f"{unit.name} recommendation number {recs[k].number} is used twice")
        anchor = f"rec-{self.r.recommendations.index(recs[k])}"
        return self._add(kind, detail, unit=unit.name, index=k, number=recs[k].number, anchor=anchor)

    def numbering_gap(self) -> Inconsistency | None:
        return self._renumber("numbering_gap")

    def numbering_duplicate(self) -> Inconsistency | None:
        return self._renumber("numbering_duplicate")

    def broken_cross_reference(self) -> Inconsistency | None:
        options = self._case_standards() if self.rng.random() < 0.7 else []
        if options:
            unit, s = self.rng.choice(options)
            index = self.rng.randrange(len(s.key_questions))
            self.r.broken_ref = {"where": "kq", "unit": unit.name, "code": s.code, "index": index}
            return self._add("broken_cross_reference", f"'Error! Bookmark not defined.' printed after the "
                                                       f"{s.name.lower()} key question "
                                                       f"'{s.key_questions[index].text}'",
                             unit=unit.name, standard=s.code, key_question=s.key_questions[index].code,
                             anchor=f"kq-{unit.name}-{s.code}")
        self.r.broken_ref = {"where": "prose"}
        return self._add("broken_cross_reference", "'Error! Reference source not found.' printed in place of a "
                                                   "cross-reference", anchor="broken-ref")

    def date_out_of_range(self) -> Inconsistency | None:
        if self.r.kind == "regional_letter":
            return None
        windows = self.r.sample_windows
        i = self.rng.randrange(len(windows))
        start, end = windows[i]
        if self.rng.random() < 0.5:
            years = self.rng.choice([10, 20, -20])
            try:
                bad = start.replace(year=start.year - years)
            except ValueError:
                bad = start.replace(year=start.year - years, day=28)
            windows[i] = (bad, end)
            detail = f"case sample window '{format_date(bad)}' is years away from a {start.year} sample"
        else:
            bad = start - dt.timedelta(days=self.rng.randint(3, 20))
            windows[i] = (start, bad)
            detail = f"case sample window ends ('{format_date(bad)}') before it starts ('{format_date(start)}')"
        return self._add("date_out_of_range", detail, window=i, date=bad.isoformat(), anchor="sample-window")

    def count_percent_mismatch(self) -> Inconsistency | None:
        options = self._case_standards()
        if not options:
            return None
        unit, s = self.rng.choice(options)
        total = s.key_questions[0].total
        yes = self.rng.randint(total // 4, total - 2)
        right = percent_of(yes, total)
        printed = right + self.rng.choice([-1, 1]) * self.rng.randint(6, 15)
        printed = printed if 0 <= printed <= 100 else right - 10 if right > 50 else right + 10
        self.r.count_percent_defect = {"unit": unit.name, "code": s.code, "yes": yes, "total": total,
                                       "printed": printed}
        return self._add("count_percent_mismatch", f"'{yes} out of {total} cases ({printed}%)' but {yes}/{total} "
                                                   f"is {right}%", unit=unit.name, standard=s.code, yes=yes,
                         total=total, printed=printed, computed=right, anchor="count-percent-defect")


def _hits(total: int, low: int, high: int) -> bool:
    return any(low <= percent_of(k, total) <= high for k in range(total + 1))


def inject(report: Report, kinds: list[str], rng: random.Random) -> None:
    unknown = [k for k in kinds if k not in DEFECT_KINDS]
    if unknown:
        raise ValueError(f"unknown defect kind(s): {', '.join(unknown)}")
    injector = Injector(report, rng)
    ordered = [k for k in DEFECT_KINDS if k in kinds]
    for kind in [k for k in ordered if k in _RATING_LEVEL]:
        method: Callable[[], Inconsistency | None] = getattr(injector, kind)
        if method() is None:
            report.defects_skipped.append(kind)
    injector.recompute()
    for kind in [k for k in ordered if k not in _RATING_LEVEL]:
        method = getattr(injector, kind)
        if method() is None:
            report.defects_skipped.append(kind)
