"""The optional sidecar `seeds/<stem>.meta.yml`: three text values, read strictly (issue 13).
Every bad sidecar is one line naming it, and only its own article is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.model import SourceMeta
from generator.ingest.read import read_sidecar

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi")) + "outlet: *i\n"


def sidecar(tmp_path: Path, text: str | bytes) -> Path:
    source = tmp_path / "a.txt"
    source.write_text("x")
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (tmp_path / "a.meta.yml").write_bytes(data)
    return source


def test_a_good_sidecar(tmp_path: Path) -> None:
    source = sidecar(tmp_path, "published: 2024-01-31\noutlet: The Paper\nurl: 'https://example.com/a'\n")
    assert read_sidecar(source) == SourceMeta("2024-01-31", "The Paper", "https://example.com/a")
    assert read_sidecar(sidecar(tmp_path, "published: '2024-02-29'\n")).published == "2024-02-29"


@pytest.mark.parametrize("text, problem", [
    ("published: 2024-02-30\n", "published must be a date like 2024-01-31, not '2024-02-30'"),
    ("published: '2024-02-30'\n", "published must be a date like 2024-01-31, not '2024-02-30'"),
    ("published: 0000-01-01\n", "published must be a date like 2024-01-31, not '0000-01-01'"),
    ("published: !!timestamp 2024-02-30\n", "not valid YAML"),
    ("outlet: [1, 2]\n", "outlet must be text, not list"),
    ("url: {a: b}\n", "url must be text, not dict"),
    ("outlet: yes\n", "outlet must be text, not bool"),
    ("outlet: A\noutlet: B\n", "not valid YAML: duplicate key 'outlet'"),
    ("outlet: &x A\nurl: *x\n", "not valid YAML: line 1: anchors and aliases are not allowed"),
    (ALIAS_BOMB, "not valid YAML: line 1: anchors and aliases are not allowed"),
    ("outlet: " + "[" * 5000 + "]" * 5000 + "\n", "not valid YAML: line 1: nested too deep"),
    ("outlet: " + "- " * 5000 + "x\n", "not valid YAML"),
    ("outlet: " + "x" * 70_000 + "\n", "too large for a sidecar (over 65,536 bytes)"),
    (b"outlet: caf\xe9\n", "not UTF-8 text"),
    ("- a\n- b\n", "expected a mapping of published, outlet, url"),
])
def test_a_bad_sidecar_is_one_line_naming_it(tmp_path: Path, text, problem: str) -> None:
    source = sidecar(tmp_path, text)
    with pytest.raises(InputError) as err:
        read_sidecar(source)
    message = err.value.message
    assert message.startswith(f"{tmp_path / 'a.meta.yml'}: {problem}"), message
    assert "\n" not in message and len(message) < 400


def test_an_unreadable_sidecar_is_named(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x")
    (tmp_path / "a.meta.yml").mkdir()  # unreadable as a file, whoever runs the test
    with pytest.raises(InputError) as err:
        read_sidecar(source)
    assert err.value.message == f"{tmp_path / 'a.meta.yml'}: cannot read: Is a directory"


def test_a_seed_whose_sidecar_name_is_too_long_has_none(tmp_path: Path) -> None:
    source = tmp_path / ("x" * (os.pathconf(tmp_path, "PC_NAME_MAX") - 4) + ".txt")
    source.write_text("x")
    assert read_sidecar(source) is None
