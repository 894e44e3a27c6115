"""The command-line contract: commands, help, convert outputs and error messages."""

from __future__ import annotations

import io
import json
import pickle
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project, seed_path
from generator.cli import FORMATS, StageBars, main, make_parser


def test_every_command_has_help_and_is_documented(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in make_parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == {"build", "convert"}
    for name, parser in subparsers.choices.items():
        assert parser.description, name
        assert f"briefing {name}" in readme, name
        for action in parser._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings} has no help"
                if name == "convert":
                    assert any(opt in readme for opt in action.option_strings), action.option_strings


@pytest.mark.parametrize("fmt", FORMATS)
def test_convert_writes_one_file_per_input(tmp_path, fmt):
    inputs = [seed_path("000"), seed_path("004")]
    assert main(["convert", "--format", fmt, "--out", str(tmp_path), *map(str, inputs)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.{fmt}" for p in inputs)


def test_convert_txt_is_the_body_with_blank_lines_between_paragraphs(tmp_path, gold):
    main(["convert", "--format", "txt", "--out", str(tmp_path), str(seed_path("002"))])
    text = (tmp_path / f"{seed_path('002').stem}.txt").read_text(encoding="utf-8")
    assert text.split("\n\n") == [p.strip() for p in gold["002"]["body"][:-1]] + [gold["002"]["body"][-1].strip() + "\n"]


def test_convert_json_uses_gold_field_names(tmp_path, gold):
    main(["convert", "--format", "json", "--out", str(tmp_path), str(seed_path("001"))])
    record = json.loads((tmp_path / f"{seed_path('001').stem}.json").read_text(encoding="utf-8"))
    assert set(gold["001"]) - {"seed"} <= set(record)
    assert record["title_derived"] is False
    assert record["seed"] == gold["001"]["seed"]
    assert any(q["speaker_name"] == "Geng Shuang" for q in record["quotes"])
    assert any(m["text"] == "Peking University" and m["type"] == "organisation" for m in record["mentions"])
    assert "2017-11" in {e["date"] for e in record["events"]}


def test_convert_refuses_two_inputs_with_one_output_name(tmp_path, capsys):
    other = tmp_path / "elsewhere" / seed_path("000").name
    other.parent.mkdir()
    other.write_bytes(seed_path("000").read_bytes())
    out = tmp_path / "out"
    assert main(["convert", "--format", "txt", "--out", str(out), str(seed_path("000")), str(other)]) == 1
    assert f"{other}: same output name as {seed_path('000')}: {seed_path('000').stem}.txt" in capsys.readouterr().err
    assert len(list(out.iterdir())) == 1


def test_convert_refuses_bad_file_but_converts_the_others(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    code = main(["convert", "--format", "txt", "--out", str(out), str(empty), str(seed_path("003"))])
    assert code == 1
    assert capsys.readouterr().err == f"{empty}: empty file (hint: nothing to convert; remove it or add the article text)\n"
    assert (out / f"{seed_path('003').stem}.txt").is_file()
    assert not (out / "empty.txt").exists()


def test_convert_explain_prints_every_line_with_fate_and_rule(capsys):
    path = seed_path("002")
    assert main(["convert", "--explain", str(path)]) == 0
    lines = [l for l in capsys.readouterr().out.splitlines() if not l.startswith("#")]
    source_lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(lines) == len(source_lines)
    assert re.match(r"^\s+1\s+removed_lines\s+furniture-vocabulary\s+Advertisement$", lines[0])
    assert any(re.search(r"\bvideos\s+video-block\s+11:28$", l) for l in lines)


def test_unknown_setting_is_an_error_naming_it(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.briefing]\nsite_nme = 'x'\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    assert main(["build", "--root", str(tmp_path), "--no-site"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {tmp_path / 'pyproject.toml'}: unknown setting [tool.briefing] site_nme")


def test_convert_needs_out(capsys):
    assert main(["convert", "--format", "txt", str(seed_path("000"))]) == 1
    assert "convert needs --out DIR" in capsys.readouterr().err


@pytest.mark.parametrize("line, problem", [
    ("words_per_minute = 0", "[tool.briefing] words_per_minute must be at least 1, not 0"),
    ('nlp_processes = "two"', "[tool.briefing] nlp_processes must be a whole number, not 'two'"),
    ("nlp_processes = true", "[tool.briefing] nlp_processes must be a whole number, not True"),
    ("site_name = 3", "[tool.briefing] site_name must be text, not 3"),
    ("max_seed_bytes = -1", "[tool.briefing] max_seed_bytes must be at least 1, not -1"),
])
def test_a_bad_setting_is_one_line_naming_pyproject(tmp_path, capsys, line, problem):
    (tmp_path / "pyproject.toml").write_text(f"[tool.briefing]\n{line}\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    assert main(["build", "--root", str(tmp_path), "--no-site"]) == 1
    assert capsys.readouterr().err == f"briefing: {tmp_path / 'pyproject.toml'}: {problem}\n"
@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_jobs_below_one_is_refused_with_a_message(tmp_path, capsys, jobs):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--root", str(tmp_path), "--jobs", jobs])
    assert exit_.value.code == 2
    assert f"argument --jobs: {jobs} is below 1; give 1 or more processes" in capsys.readouterr().err


def test_jobs_must_be_a_whole_number(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["build", "--root", str(tmp_path), "--jobs", "two"])
    assert "argument --jobs: 'two' is not a whole number" in capsys.readouterr().err


def test_a_build_always_ends_with_a_summary_and_draws_no_bar_off_a_terminal(tmp_path, capsys):
    project = make_project(tmp_path, seeds={"a.txt": seed_path("000").read_bytes(), "b.txt": b"",
                                            "c.txt": seed_path("002").read_bytes()})
    assert main(["build", "--root", str(project), "--no-site"]) == 1  # b.txt is empty: refused
    err = capsys.readouterr().err
    assert "briefing: built 2 articles (2 parsed, 0 from the cache), 1 refused\n" in err
    written = int(re.search(r"briefing: (\d+) pages written, 0 unchanged; outputs: docs/; \d+\.\d s\n", err)[1])
    assert written == len(json.loads((project / "docs" / ".briefing-manifest.json").read_text())["pages"])
    assert "\r" not in err  # no progress bar in a log
    assert main(["build", "--root", str(project), "--no-site"]) == 1
    again = capsys.readouterr().err
    assert "built 2 articles (0 parsed, 2 from the cache), 1 refused" in again
    assert f"0 pages written, {written} unchanged" in again


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stage_bars_draw_on_a_terminal_and_pickle_without_their_bar(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bars = StageBars()
    bars("nlp", 1, 4)
    copy = pickle.loads(pickle.dumps(bars))  # the child process that writes docs/ gets a copy
    assert copy.enabled and copy.bar is None
    bars("nlp", 4, 4)
    bars("pages", 3, 3)
    drawn = terminal.getvalue()
    assert "find names, quotes, dates" in drawn and "/4 " in drawn and "write pages" in drawn
    assert bars.bar is None  # a finished stage closes its bar


def test_stage_bars_stay_silent_off_a_terminal(monkeypatch):
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    bars = StageBars()
    bars("nlp", 1, 4)
    bars("nlp", 4, 4)
    assert log.getvalue() == ""


@pytest.mark.parametrize("line", ['site_dir = "seeds"', 'zip_name = "seeds"', 'docs_dir = ".."', 'seeds_dir = "/etc"'])
def test_folder_names_are_no_settings(tmp_path, capsys, line):
    """The folders are the command-line contract: `site_dir = "seeds"` once swapped the seeds
    folder away, and `".."` wrote outside the project (found in review)."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.briefing]\n{line}\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("An article.\n", encoding="utf-8")
    assert main(["build", "--root", str(tmp_path), "--no-site"]) == 1
    key = line.split()[0]
    assert capsys.readouterr().err.startswith(f"briefing: {tmp_path / 'pyproject.toml'}: unknown setting [tool.briefing] {key}")
    assert (tmp_path / "seeds" / "a.txt").is_file()


def test_convert_explain_shows_control_characters_as_escapes(tmp_path, capsys):
    """Article text goes to a terminal: an escape sequence in a line is shown, never sent."""
    path = tmp_path / "a.txt"
    prose = "Pilots at the harbour walked out over night shifts, and the port said talks would resume. " * 8
    path.write_text(f"Harbour pilots strike\n\n{prose}\n\nThe strike began \x1b[31mat dawn today.\n\n{prose}\n",
                    encoding="utf-8")
    assert main(["convert", "--explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "The strike began \\x1b[31mat dawn today." in out
