import json

import jsonschema
import pytest
import yaml

from helpers.case import list_samples, load_case
from helpers.cli import main
from tests.support import SAMPLES, run_cli_here


@pytest.mark.parametrize("name", list_samples())
def test_check_prints_a_one_screen_summary_of_every_sample(name, capsys):
    assert main(["check", name]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) <= 25
    case = load_case(SAMPLES / f"{name}.yaml")
    for debt in case.debts:
        assert debt.lender in out
    assert lines[-1] in ("案例有效。", "The case is valid.")


def test_check_speaks_the_case_language_unless_told(capsys):
    main(["check", "wang_fang_income_drop"])
    assert "Case summary" in capsys.readouterr().out
    main(["check", "wang_fang_income_drop", "--lang", "zh-CN"])
    out = capsys.readouterr().out
    assert "案例摘要" in out and "共欠 ¥60,470.00" in out


def test_schema_is_json_that_validates_every_sample():
    result = run_cli_here("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    for path in SAMPLES.glob("*.yaml"):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"as_of": "2025-04-01", "debts": []}, schema)


def test_import_into_a_sample_copies_it_to_cases_first(cases_dir, capsys):
    before = (SAMPLES / "zhang_wei_unemployed.yaml").read_bytes()
    code = main(
        [
            "import-debts",
            str(SAMPLES / "debts_template.xlsx"),
            "--into",
            "zhang_wei_unemployed",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    target = cases_dir / "zhang_wei_unemployed.yaml"
    assert f"samples are read-only: copied to {target}" in out
    assert f"imported 3 debts into {target}" in out
    assert (SAMPLES / "zhang_wei_unemployed.yaml").read_bytes() == before
    assert len(load_case(target).debts) == 8
    # the second import goes to the copy, which is now the user's case
    assert (
        main(
            [
                "import-debts",
                str(SAMPLES / "debts_template.csv"),
                "--into",
                "zhang_wei_unemployed",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert "copied" not in capsys.readouterr().out
    assert len(load_case(target).debts) == 11


def test_an_internal_fault_says_so_without_a_traceback(monkeypatch, capsys):
    import helpers.cli.case_commands as case_commands

    monkeypatch.setattr(case_commands, "summary_rows", lambda *a: 1 / 0)
    assert main(["check", "zhang_wei_unemployed", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError: division by zero)" in err
    assert "Traceback" not in err


class TestHelpInBothLanguages:
    def test_help_speaks_chinese_when_asked(self):
        result = run_cli_here("--lang", "zh", "compare", "--help")
        assert result.returncode == 0
        assert result.stdout.startswith("用法：python -m helpers compare")
        assert "默认方案并列比较，并给出建议" in result.stdout
        assert "机器可读的输出，单位元" in result.stdout
        assert "显示这段帮助并退出" in result.stdout

    def test_help_follows_the_language_of_the_case_named(self):
        # li_na_illness is written in Chinese (language: zh-CN); wang_fang's case is English
        chinese = run_cli_here("check", "li_na_illness", "--help")
        english = run_cli_here("check", "wang_fang_income_drop", "--help", env={"LANG": "C"})
        assert "检查一个案例是否有效，并打印概要" in chinese.stdout
        assert "validate a case and print its summary" in english.stdout

    def test_every_command_and_argument_has_help_in_both_languages(self):
        from helpers.cli import build_parser

        for lang in ("zh-CN", "en"):
            commands = build_parser(lang)._subparsers._group_actions[0].choices
            assert set(commands) >= {"check", "schema", "import-debts", "schedule", "compare"}
            for name, sub in commands.items():
                assert sub.description, (lang, name)
                assert all(action.help for action in sub._actions), (lang, name)
