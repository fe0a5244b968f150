"""Every defect kind on every framework over several seeds: applied, or listed in
``defects_skipped`` (README, synthetic corpus) — never a crash (tester defect 10:
max_score_mismatch on a unit scoring above every wrong maximum raised IndexError)."""

from __future__ import annotations

import pytest

from corpora.synth import ReportSpec
from corpora.synth.cli import derive_seed
from corpora.synth.defects import DEFECT_KINDS
from corpora.synth.generate import compose_report
from corpora.synth.values import FRAMEWORK_CHOICES

SEEDS = [derive_seed(99, i) for i in range(3)] + [1, 7, 41]


@pytest.mark.parametrize("framework", FRAMEWORK_CHOICES)
@pytest.mark.parametrize("kind", DEFECT_KINDS)
def test_defect_is_applied_or_skipped(framework: str, kind: str) -> None:
    for seed in SEEDS:
        composed = compose_report(ReportSpec(f"m-{seed}", seed, framework, [kind], (8, 10)))
        truth = composed.truth({}, 10)
        applied = [i["type"] for i in truth["known_inconsistencies"]]
        skipped = truth["synth"]["defects_skipped"]
        assert (applied, skipped) in (([kind], []), ([], [kind])), (seed, applied, skipped)


def test_max_score_mismatch_on_high_scoring_unit_is_skipped_not_crashing() -> None:
    # seed 99's first report (youth framework, every unit above the wrong maxima): the tester's repro
    for i in range(3):
        seed = derive_seed(99, i)
        for framework in FRAMEWORK_CHOICES:
            composed = compose_report(ReportSpec("x", seed, framework, ["max_score_mismatch"], None))
            truth = composed.truth({}, 10)
            assert "max_score_mismatch" in truth["synth"]["defects_skipped"] + [
                i["type"] for i in truth["known_inconsistencies"]]
