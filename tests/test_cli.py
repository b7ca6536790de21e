"""The `workshop` command line contract: output formats, errors, help."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from workshop.cli import SUBCOMMAND_MODULES, build_parser, main


def test_new_and_sessions(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    assert (
        main(
            [
                "new",
                "--db",
                db,
                "--title",
                "Oud",
                "--date",
                "2015-05-20",
                "--start",
                "13:00",
                "--end",
                "17:00",
            ]
        )
        == 0
    )
    old_id = capsys.readouterr().out.strip()
    assert (
        main(["new", "--db", db, "--title", "Nieuw", "--date", "2021-04-09", "--start", "15.00"])
        == 0
    )
    new_id = capsys.readouterr().out.strip()
    assert main(["sessions", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{new_id}\t2021-04-09\tNieuw", f"{old_id}\t2015-05-20\tOud"]


def test_db_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert main(["new", "--title", "Via env", "--date", "2021-04-09", "--start", "15:00"]) == 0
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "--title", "X", "--date", "9 april", "--start", "15:00"],
        ["new", "--title", "X", "--date", "2021-04-09", "--start", "kwart over drie"],
    ],
)
def test_errors_are_one_clear_line(tmp_path, capsys, argv):
    code = main([*argv, "--db", f"sqlite:///{tmp_path / 'l.sqlite'}"])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and err.startswith("workshop: ")


def test_not_a_library_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert main(["sessions", "--db", f"sqlite:///{bad}"]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_help_everywhere():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert len(SUBCOMMAND_MODULES) >= 2
    for name in sub.choices:
        result = subprocess.run(
            [sys.executable, "-m", "workshop", name, "--help"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, (name, result.stderr)
        assert "--db" in result.stdout


def test_english_help(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "list sessions" in capsys.readouterr().out


def test_the_command_table_names_every_subcommand_of_its_module():
    """`COMMANDS` says which module registers each subcommand (main builds only that one)."""
    import argparse
    import importlib

    from workshop.cli import COMMANDS
    from workshop.cli.common import common_parser

    registered = {}
    for module in SUBCOMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub, common_parser())
        registered.update(dict.fromkeys(sub.choices, module))
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], "app"),
        (["--db", "sqlite:///x.sqlite", "demo", "--exit-after-show"], "demo"),
        (["--lang", "en", "--db=sqlite:///x", "sessions"], "sessions"),
        (["--version"], "app"),
        (["--help"], None),
        (["-h", "demo"], None),
        (["demo", "--help"], "demo"),
        (["sesions"], None),  # a typo: the full parser names the choices
    ],
)
def test_the_subcommand_is_found_before_parsing(argv, command):
    from workshop.cli import command_in

    assert command_in(argv) == command


def test_one_subcommand_parser_imports_no_other_command_module():
    code = (
        "import sys\n"
        "from workshop.cli import build_parser, command_in\n"
        "argv = ['demo', '--exit-after-show']\n"
        "args = build_parser(command_in(argv)).parse_args(argv)\n"
        "assert args.exit_after_show and args.handler.__name__ == 'run_demo'\n"
        "print(sorted(m for m in sys.modules if m.startswith('workshop.cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['workshop.cli.argparse_i18n', 'workshop.cli.common', 'workshop.cli.gui']"
    )


def test_a_typo_still_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "sesions"])
    err = capsys.readouterr().err
    assert "invalid choice: 'sesions'" in err
    assert all(f"'{name}'" in err for name in ("sessions", "serve", "forget", "demo"))
