"""The README stays true: every environment variable the settings read is documented in its configuration."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
READ_FROM_ENVIRONMENT = re.compile(
    r"""(?:environ\.get|environ\[|getenv|env_bool|env_list|env_int)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def environment_variables(*modules: Path) -> set[str]:
    return {name for module in modules for name in READ_FROM_ENVIRONMENT.findall(module.read_text())}


def test_every_setting_read_from_the_environment_is_in_the_readme():
    names = environment_variables(ROOT / "masthead" / "settings.py", ROOT / "masthead" / "config.py")
    assert len(names) > 40  # the pattern still finds how settings.py reads the environment
    readme = (ROOT / "README.md").read_text()
    missing = sorted(name for name in names if not re.search(rf"\b{name}\b", readme))
    assert not missing, f"README.md does not document: {', '.join(missing)}"
