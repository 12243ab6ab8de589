"""The authors' command line and the exported JSON Schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from guide.schemas import SCHEMA_DIR, schema_files, stale_schemas

ROOT = Path(__file__).resolve().parents[1]


def guide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guide", *args], capture_output=True, text=True, check=False)


def test_validate_accepts_the_real_content() -> None:
    result = guide("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Le contenu est valide : 4 rôles, 3 plans")


def test_validate_prints_every_error_and_exits_1(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for name in ("miroir", "eperon"):
        path = content / "roles" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("summary:", "sumary:"), encoding="utf-8")
    result = guide("validate", "--content", str(content))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "4 erreurs dans le contenu du guide :"
    assert sum("champ inconnu « sumary ». Vouliez-vous dire « summary » ?" in line for line in lines) == 2
    assert all("/roles/" in line for line in lines[1:])


def test_schemas_are_up_to_date() -> None:
    assert stale_schemas() == [], "run `.venv/bin/guide schemas` and commit schemas/"


def test_the_field_tables_of_content_readme_are_up_to_date() -> None:
    from guide.fieldtables import README, readme_is_stale

    assert not readme_is_stale(), "run `.venv/bin/guide schemas` and commit content/README.md"
    text = README.read_text(encoding="utf-8")
    # Every field of every model is in the tables: principles' see_also and confidentiality too.
    assert "### `principles/*.yml` (`Principle`)" in text and "| `see_also` |" in text
    assert "### `confidentiality.yml` (`Confidentiality`)" in text


def test_stale_field_tables_are_detected(tmp_path: Path) -> None:
    from guide.fieldtables import README, readme_is_stale

    copy = tmp_path / "README.md"
    copy.write_text(
        README.read_text(encoding="utf-8").replace("| `see_also` |", "| `see_too` |"), encoding="utf-8"
    )
    assert readme_is_stale(copy)


def test_a_stale_schema_is_detected(tmp_path: Path) -> None:
    shutil.copytree(SCHEMA_DIR, tmp_path / "schemas")
    path = tmp_path / "schemas" / "role.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["properties"]["intention"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert stale_schemas(tmp_path / "schemas") == ["role.schema.json"]


def test_schemas_reject_unknown_keys() -> None:
    role = json.loads(schema_files()["role.schema.json"])
    assert role["additionalProperties"] is False
    assert {"id", "name", "practices", "examples"} <= set(role["required"])


def test_the_readme_is_the_newcomers_page() -> None:
    """At most 200 lines: what it is, the two commands, the author's quick guide, one picture,
    where to read more; the rest is in dev/ (not published)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert "scripts/serve.sh" in text and "scripts/test.sh" in text
    assert "`.ci/run` runs exactly `scripts/test.sh`." in text
    for doc in ("dev/architecture.md", "dev/interface-texts.md", "dev/quality.md", "dev/benchmarks.md"):
        assert doc in text and (ROOT / doc).is_file(), doc
