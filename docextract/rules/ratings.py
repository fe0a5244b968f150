"""patterns/ratings.yaml: the words of ratings tables (rating words and labels matched
fuzzily on compact text), and the lines of a ratings box that are not a unit's name."""

from pydantic import Field, field_validator

from .common import KnownRating, Strict, check_regexes


class FuzzyWord(Strict):
    compact: str = Field(pattern=r"^[a-z0-9]+$")
    max_edits: int = Field(ge=0, le=4)


class RatingWord(FuzzyWord):
    canonical: KnownRating


class RatingsPatterns(Strict):
    version: int
    ratings: list[RatingWord]
    labels: dict[str, FuzzyWord]
    name_noise: list[str]

    _v = field_validator("name_noise")(lambda cls, v: check_regexes(v))
