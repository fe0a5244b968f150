"""Invented place and person names, and the real probation region names (short labels)."""

from __future__ import annotations

import random

REGIONS: tuple[str, ...] = (
    "North West", "North East", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "Kent, Surrey and Sussex", "South Central", "South West",
    "Greater Manchester", "Wales",
)

_STEMS = (
    "Ash", "Brack", "Carl", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Kings", "Lang", "Marl",
    "Nor", "Oak", "Pen", "Queens", "Rye", "Stan", "Thorn", "Ux", "Wal", "Whit", "Yar", "Bram",
)
_ENDS = (
    "ford", "bridge", "ton", "field", "mere", "borough", "wick", "ley", "ham", "stow", "dale",
    "port", "bury", "cross", "wood", "minster",
)
_SECOND = ("Vale", "and District", "City", "Coast", "Valleys", "North", "South", "East", "West")

_FIRST = (
    "Alex", "Bernadette", "Chidi", "Dana", "Eleri", "Farah", "Gareth", "Hannah", "Imran", "Joanne",
    "Kwame", "Lorna", "Marcus", "Niamh", "Owen", "Priya", "Rhiannon", "Samir", "Tess", "Yusuf",
)
_LAST = (
    "Ashworth", "Bello", "Cartwright", "Devlin", "Evans", "Fairbairn", "Greaves", "Hussain",
    "Ingram", "Jenkins", "Kowalski", "Lindqvist", "Mensah", "Nolan", "Okafor", "Pritchard",
    "Quayle", "Rahman", "Sutcliffe", "Tomlinson", "Varga", "Whitfield",
)


def place(rng: random.Random) -> str:
    name = rng.choice(_STEMS) + rng.choice(_ENDS)
    if rng.random() < 0.3:
        name += " " + rng.choice(_SECOND)
    elif rng.random() < 0.15:
        name += " and " + rng.choice(_STEMS) + rng.choice(_ENDS)
    return name


def person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def distinct_places(rng: random.Random, count: int) -> list[str]:
    seen: list[str] = []
    while len(seen) < count:
        name = place(rng)
        if name not in seen:
            seen.append(name)
    return seen
