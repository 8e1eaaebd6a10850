import ast
import re
import string
from pathlib import Path

import pytest

from helpers.case import kinds
from helpers.i18n.catalogue import LANGUAGES, catalogue, label, normalize_language, t

SRC = Path(__file__).resolve().parents[1] / "src" / "helpers"


def _texts(entry, languages=LANGUAGES):
    for lang in languages:
        value = entry[lang]
        yield from (value.values() if isinstance(value, dict) else [value])


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_and_nothing_else():
    missing = [key for key, entry in catalogue().items() if set(entry) != set(LANGUAGES)]
    assert missing == []


def test_both_languages_use_the_same_placeholders():
    mismatched = []
    for key, entry in catalogue().items():
        found = [
            set().union(*map(_placeholders, _texts({lang: entry[lang]}, [lang])))
            for lang in LANGUAGES
        ]
        if found[0] != found[1]:
            mismatched.append(key)
    assert mismatched == []


def test_counted_messages_have_one_and_other_forms():
    for key, entry in catalogue().items():
        for lang in LANGUAGES:
            if isinstance(entry[lang], dict):
                assert set(entry[lang]) == {"one", "other"}, key


def _keys_used_in_source():
    """Constant keys passed to ``t(key, …)`` and to ``Problem(where, value, key)``."""
    used = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"t": 0, "Problem": 2}.get(name)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                used.add(arg.value)
    return used


def test_every_message_key_used_in_the_source_exists():
    used = _keys_used_in_source()
    assert len(used) > 20, "the scan found too few keys: the test would pass vacuously"
    assert sorted(used - set(catalogue())) == []


def test_every_problem_type_raised_by_validators_has_a_message():
    raised = set()
    for path in (SRC / "case").glob("*.py"):
        raised |= set(re.findall(r'PydanticCustomError\("([a-z_]+)"', path.read_text("utf-8")))
    raised.discard("several")
    assert raised
    assert sorted(k for k in raised if f"errors.{k}" not in catalogue()) == []


@pytest.mark.parametrize(
    ("group", "enum"),
    [
        ("case.lender_kind", kinds.LenderKind),
        ("case.funder_kind", kinds.FunderKind),
        ("case.income_kind", kinds.IncomeKind),
        ("case.cost_category", kinds.CostCategory),
        ("case.cost_group", kinds.CostGroup),
        ("case.hardship_kind", kinds.HardshipKind),
        ("case.evidence_kind", kinds.EvidenceKind),
        ("case.evidence_status", kinds.EvidenceStatus),
        ("case.scam_sign", kinds.ScamSign),
        ("case.area", kinds.Area),
        ("case.bucket", kinds.Bucket),
    ],
)
def test_every_choice_has_a_label_in_both_languages(group, enum):
    for member in enum:
        assert label(group, member, "zh-CN") != label(group, member, "en")


def test_language_tags_people_write_are_understood():
    assert normalize_language("zh") == "zh-CN"
    assert normalize_language("zh_CN.UTF-8") == "zh-CN"
    assert normalize_language("en_GB") == "en"
    with pytest.raises(ValueError, match="not supported"):
        normalize_language("de")


def test_counted_messages_choose_their_form():
    assert (
        t("case.summary.household_value", "en", size=1, count=1, area="urban") == "1 person, urban"
    )
    assert (
        t("case.summary.household_value", "en", size=3, count=3, area="urban") == "3 people, urban"
    )


def test_no_locale_file_defines_a_key_twice():
    # YAML lets a repeated key silently replace the first, so a field's message would read as
    # another's; count the keys as written.
    import re
    from collections import Counter
    from pathlib import Path

    import helpers.i18n

    folder = Path(helpers.i18n.__file__).parent / "locales"
    repeated = {}
    for path in folder.glob("*.yaml"):
        keys = re.findall(r"^([\w.]+):", path.read_text("utf-8"), re.M)
        twice = [key for key, count in Counter(keys).items() if count > 1]
        if twice:
            repeated[path.name] = twice
    assert repeated == {}


def test_no_module_chooses_punctuation_or_wording_by_comparing_the_language():
    # Text by language comes from the catalogue (helpers.i18n.punctuation for the marks); a
    # branch on the language tag in code is how English punctuation reached Chinese pages.
    import re
    from pathlib import Path

    import helpers

    pattern = re.compile(r"""(==|!=)\s*["'](zh-CN|en)["']|["'](zh-CN|en)["']\s*(==|!=)""")
    root = Path(helpers.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line) and not line.lstrip().startswith((">>>", "..."))
    ]
    assert offenders == []


def test_each_locale_file_is_named_by_its_package_and_its_keys_start_with_it():
    import re
    from pathlib import Path

    import helpers
    import helpers.i18n

    root = Path(helpers.__file__).parent
    owners = {p.name for p in root.iterdir() if (p / "__init__.py").exists()}
    owners |= {p.stem for p in root.glob("*.py") if not p.stem.startswith("_")}
    folder = Path(helpers.i18n.__file__).parent / "locales"
    strays = {}
    for path in sorted(folder.glob("*.yaml")):
        assert path.stem in owners, f"{path.name} is named after no package or module"
        keys = re.findall(r"^([\w.]+):", path.read_text("utf-8"), re.M)
        wrong = [key for key in keys if not key.startswith(f"{path.stem}.")]
        if wrong:
            strays[path.name] = wrong
    assert strays == {}
