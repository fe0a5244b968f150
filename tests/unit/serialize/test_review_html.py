"""`docextract validate --html`: one self-contained review file, checked as written and in a real
browser (headless Chromium, network pointed at a dead address and logged: nothing may be fetched)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from corpus import corpus_report
from PIL import Image
from typer.testing import CliRunner

from docextract.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FINDING = re.compile(r'<div class="finding (?:error|warning)" data-code="(?P<code>\w+)">(?P<body>.*?)</div>', re.S)


@pytest.fixture(scope="module")
def south_west_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = corpus_report("2021-nps-south-west").pdf
    out = tmp_path_factory.mktemp("review") / "review.html"
    result = runner.invoke(app, ["validate", str(pdf), "--html", str(out)])
    assert result.exit_code == 1, result.stdout + result.stderr  # the report has errors
    return out


def test_review_shows_each_known_finding_with_its_own_crop_and_quotation(south_west_review: Path) -> None:
    page = south_west_review.read_text(encoding="utf-8")
    findings = [(m["code"], m["body"]) for m in FINDING.finditer(page)]
    assert [code for code, _ in findings] == [
        "recommendation_count_mismatch",
        "broken_cross_reference",
        "broken_cross_reference",
    ]
    images = [re.findall(r'src="(data:image/png;base64,[^"]+)"', body) for _, body in findings]
    quotes = [re.findall(r"<blockquote>(.*?)</blockquote>", body, re.S) for _, body in findings]
    assert all(len(i) == 1 for i in images) and len({i[0] for i in images}) == 3  # a crop each, all different
    assert all(len(q) == 1 for q in quotes) and len({q[0] for q in quotes}) == 3
    assert "<mark>Error! Bookmark not defined.</mark>" in quotes[1][0]
    assert "13" in quotes[0][0] and "recommendations" in quotes[0][0]
    assert all("p. 54" in body for _, body in findings[1:]) and "p. 16" in findings[0][1]
    assert all("The rule:" in body for _, body in findings)
    assert "Recomputation" in page and "stated overall" in page


def test_review_is_self_contained(south_west_review: Path) -> None:
    page = south_west_review.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page and "<script" not in page.lower()
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
        "--proxy-server=http://127.0.0.1:9",  # a dead address: any network request would fail
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--allow-file-access-from-files",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself requested over the network, from Chromium's net log. The browser's own
    background requests (updates, clock) have no initiating origin and are left out."""
    log = json.loads(netlog.read_text(encoding="utf-8", errors="replace"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start and "url" in e.get("params", {}) and e["params"].get("initiator") != "not an origin"
    ]


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI", "").lower() != "true", reason="chromium not installed"
)


@needs_chromium
def test_net_log_sees_a_page_request(tmp_path: Path) -> None:
    """The control for the check below: a page that loads a remote image is caught."""
    assert CHROMIUM is not None
    page = tmp_path / "remote.html"
    page.write_text('<html><body><img src="http://docextract.invalid/x.png"></body></html>', encoding="utf-8")
    netlog = tmp_path / "netlog.json"
    _chromium(f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={netlog}", "--dump-dom", page.as_uri())
    assert page_requests(netlog) == ["http://docextract.invalid/x.png"]


@needs_chromium
def test_review_in_headless_chromium(south_west_review: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None, "chromium is required under CI (.ci/run installs it)"
    # the screenshot of the page as written
    shot = tmp_path / "review.png"
    netlog = tmp_path / "netlog.json"
    done = _chromium(
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--log-net-log={netlog}",
        "--window-size=1280,2000",
        f"--screenshot={shot}",
        south_west_review.as_uri(),
    )
    assert shot.is_file(), done.stderr[-1000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2000)
    low, high = image.getextrema()
    assert high - low > 100  # not a blank page
    assert page_requests(netlog) == []  # the page asked the network for nothing

    # a copy with a probe that records, after load, whether every image decoded (naturalWidth)
    probe = tmp_path / "probe.html"
    page = south_west_review.read_text(encoding="utf-8")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    script = (
        "<script>window.addEventListener('load',()=>{const i=[...document.images];"
        "document.body.setAttribute('data-probe',JSON.stringify(i.map(x=>[x.complete,x.naturalWidth])));});"
        "</script>"
    )
    probe.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    dumped = _chromium(
        f"--user-data-dir={tmp_path / 'profile2'}", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()
    )
    match = re.search(r'data-probe="([^"]*)"', dumped.stdout)
    assert match is not None, dumped.stderr[-1000:]
    states = json.loads(match.group(1).replace("&quot;", '"'))
    assert len(states) == 3 and all(complete and width > 0 for complete, width in states), states
