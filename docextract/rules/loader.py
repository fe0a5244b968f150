"""Rule files located, read, validated against their schema, and cached.

`load(name, model)` reads `patterns/<name>`, validates it as `model` (vocabulary checks against
patterns/vocab.yaml) and returns the frozen model, or raises a coded `RuleError` naming the file,
the key and the reason for every problem found. A file once validated is kept, pickled, in the
cache directory (`cache_dir`), keyed by its bytes, vocab.yaml's bytes, the model and the code of
the rules layer: any change to one of them validates the file again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..model.codes import RULE_SCHEMA, RULE_YAML
from .errors import RULE_CODES, RuleError, RuleProblem, problem

_M = TypeVar("_M", bound=BaseModel)
VOCAB_FILE = "vocab.yaml"


def patterns_dir() -> Path:
    """The installed copy inside the package, else the repository's (editable installs)."""
    package = Path(__file__).resolve().parent.parent  # docextract/ (this module is docextract/rules/loader.py)
    for candidate in (package / "patterns", package.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("docextract patterns directory not found (expected docextract/patterns)")


def load(name: str, model: type[_M], folder: Path | None = None) -> _M:
    """The rule file `name` (in `folder`, default `patterns_dir()`) validated as `model`.

    Raises RuleError (codes in errors.RULE_CODES) when the file is not YAML or breaks its
    schema; OSError when it cannot be read."""
    folder = folder if folder is not None else patterns_dir()
    raw = (folder / name).read_bytes()
    vocab_raw = b"" if name == VOCAB_FILE else (folder / VOCAB_FILE).read_bytes()
    cached = _cache_file(name, model, raw + b"\0" + vocab_raw)
    if cached is not None:
        try:
            with cached.open("rb") as handle:
                value = pickle.load(handle)
            if type(value) is model:
                return value
        except Exception:  # absent, unreadable or stale: validate again
            pass
    value = validate(name, raw, model, None if name == VOCAB_FILE else _vocab_in(folder))
    if cached is not None:
        store(cached, value)
    return value


def validate(name: str, raw: bytes, model: type[_M], vocab: BaseModel | None) -> _M:
    """`raw` (the bytes of rule file `name`) parsed and validated as `model`, no cache.
    Raises RuleError with one problem per schema error."""
    import yaml  # only here: with the cache, a run never parses YAML (the import alone costs ~20 ms)

    try:
        data: Any = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~10× faster
    except yaml.YAMLError as exc:
        raise RuleError([problem(RULE_YAML, name, "", str(exc).replace("\n", " "))]) from exc
    try:
        return model.model_validate(data, context={"vocab": vocab})
    except ValidationError as exc:
        raise RuleError(problems_of(name, exc)) from exc


def problems_of(name: str, exc: ValidationError) -> list[RuleProblem]:
    """Each error of a pydantic ValidationError as a coded problem: the check's own code when it
    raised one (common.rule_error), else rule_schema with pydantic's message."""
    out = []
    for error in exc.errors():
        code = error["type"] if error["type"] in RULE_CODES else RULE_SCHEMA
        ctx = error.get("ctx", {}) if error["type"] in RULE_CODES else {}  # pydantic's own: no key below
        below = str(ctx.get("key") or "")
        key = dotted(error["loc"])
        key = f"{key}.{below}" if key and below and not below.startswith("[") else key + below
        reason = str(ctx.get("reason") or error["msg"])
        out.append(problem(code, name, key, reason))
    return out


def dotted(loc: tuple[int | str, ...]) -> str:
    """('frameworks', 'youth-2018', 'overall_bands', 2, 'min') -> 'frameworks.youth-2018.overall_bands[2].min'."""
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif not str(part).startswith("function-") and "[" not in str(part):  # validator names pydantic adds
            key += f".{part}" if key else str(part)
    return key


def _vocab_in(folder: Path) -> BaseModel:
    from .vocab import Vocab

    return load(VOCAB_FILE, Vocab, folder)


def cache_dir() -> Path | None:
    """Where validated pattern files are kept: $DOCEXTRACT_CACHE (empty or "off" disables it),
    else $XDG_CACHE_HOME/docextract, else ~/.cache/docextract."""
    setting = os.environ.get("DOCEXTRACT_CACHE")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "false") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docextract"


@cache
def code_key() -> str:
    """What the cached objects depend on besides the files: the rules layer's source (every
    schema module) and the versions of Python, pydantic and pickle."""
    import pydantic

    digest = hashlib.sha256()
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    digest.update(f"{sys.version_info[:2]} {pydantic.VERSION} {pickle.HIGHEST_PROTOCOL}".encode())
    return digest.hexdigest()


def _cache_file(name: str, model: type[BaseModel], raw: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(raw)
    digest.update(f"{model.__module__}.{model.__qualname__} {code_key()}".encode())
    return directory / f"patterns-{Path(name).stem}-{digest.hexdigest()[:32]}.pickle"


def store(target: Path, value: object) -> bool:
    """Pickle `value` to `target` atomically; False when it cannot (a cache that cannot be
    written is simply not used)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True
