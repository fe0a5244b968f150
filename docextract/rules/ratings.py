"""patterns/ratings.yaml: the words of ratings tables (rating words and labels matched
fuzzily on compact text), and the lines of a ratings box that are not a unit's name."""

from pydantic import Field, field_validator

from .common import KnownRating, Strict, check_regexes


class FuzzyWord(Strict):
    """A word matched fuzzily: its compact form and the edits allowed."""

    compact: str = Field(pattern=r"^[a-z0-9]+$")
    max_edits: int = Field(ge=0, le=4)


class RatingWord(FuzzyWord):
    """A rating word matched fuzzily, and the rating it stands for."""

    canonical: KnownRating


class RatingsPatterns(Strict):
    """The schema of patterns/ratings.yaml."""

    version: int
    ratings: list[RatingWord]
    labels: dict[str, FuzzyWord]
    name_noise: list[str]

    _v = field_validator("name_noise")(lambda cls, v: check_regexes(v))
