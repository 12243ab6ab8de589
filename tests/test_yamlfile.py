"""Reading YAML: libyaml composes and one walk builds the data and the lines; both must match
what PyYAML's pure-Python loader and constructor give, on every real file and on odd input."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guide import yamlfile
from guide.yamlfile import Loc, YamlFileError, read_yaml

FIXTURES = Path(__file__).parent / "fixtures"


def reference(text: str) -> tuple[Any, dict[Loc, int]]:
    """Data and lines as the pure-Python PyYAML loader and constructor give them."""
    node = yaml.SafeLoader(text).get_single_node()
    assert node is not None
    data = yaml.SafeLoader("").construct_document(node)
    lines: dict[Loc, int] = {(): node.start_mark.line + 1}

    def walk(node: Node, loc: Loc) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                lines[(*loc, key.value)] = key.start_mark.line + 1
                walk(value, (*loc, key.value))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*loc, index)] = item.start_mark.line + 1
                walk(item, (*loc, index))

    walk(node, ())
    return data, lines


def test_libyaml_is_used() -> None:
    # Without it every file is composed in pure Python, ten times slower: setup must bring it.
    assert yaml.__with_libyaml__
    assert issubclass(yamlfile._CLoader, yaml.CSafeLoader)
    # Its quick tag resolution leaves out what the safe loaders never have.
    assert not yaml.CSafeLoader.yaml_path_resolvers
    assert None not in yaml.CSafeLoader.yaml_implicit_resolvers


def test_every_content_file_reads_as_pure_pyyaml_reads_it() -> None:
    files = [*sorted((ROOT / "content").rglob("*.yml")), FIXTURES / "valid_role.yml"]
    assert len(files) > 30
    for file in files:
        document = read_yaml(file, file.name)
        data, lines = reference(file.read_text(encoding="utf-8"))
        assert document.data == data, file
        assert document.lines == lines, file


ODD = """\
id: odd
count: 3
ratio: 1.5
flag: yes
nothing: null
empty:
day: 2024-05-01
quoted: "3"
"*emphasis*": a *star* & an ampersand
7: a number as a key
nested:
  - [1, two, {three: 3}]
  - key: value
    other: |
      kept
      as is
"""
# Left to PyYAML's constructor: a merge key and a set.
UNUSUAL = """merged:
  <<: {a: 1, b: 2}
  b: 3
a set: !!set {x, y}
"""


def test_odd_values_read_as_pure_pyyaml_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "odd.yml"
    file.write_text(ODD, encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(yamlfile, "_record_lines", None)  # the quick walk alone
        document = read_yaml(file, "odd.yml")
    data, lines = reference(ODD)
    assert document.data == data and document.lines == lines
    assert data["day"] == datetime.date(2024, 5, 1) and data["flag"] is True and data[7]
    assert document.line_of(("nested", 1, "other")) == 14
    file.write_text(ODD + UNUSUAL, encoding="utf-8")
    document = read_yaml(file, "odd.yml")
    data, lines = reference(ODD + UNUSUAL)
    assert document.data == data and document.lines == lines
    assert data["merged"] == {"a": 1, "b": 3} and data["a set"] == {"x", "y"}


@pytest.mark.parametrize(
    "text",
    [
        "id: x\nname: &n Nom\nother: *n\n",
        "id: x\nlist: &l [1]\n",  # an anchor alone is refused too
        "id: x\nsummary: un texte *en italique*\nbad: *alias\n",
    ],
)
def test_anchors_and_aliases_are_refused(tmp_path: Path, text: str) -> None:
    file = tmp_path / "anchor.yml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError, match="un signe que YAML lit comme une instruction"):
        read_yaml(file, "anchor.yml")


def test_emphasis_is_not_taken_for_an_alias(tmp_path: Path) -> None:
    file = tmp_path / "emphasis.yml"
    file.write_text("id: x\nsummary: un *mot* & un autre **mot**\n", encoding="utf-8")
    assert read_yaml(file, "emphasis.yml").data["summary"] == "un *mot* & un autre **mot**"


def test_scalar_nodes_keep_their_tag(tmp_path: Path) -> None:
    # The quick walk hands every non-text scalar to PyYAML's constructor.
    file = tmp_path / "tags.yml"
    file.write_text("a: !!str 12\nb: !!int '12'\nc: ~\n", encoding="utf-8")
    assert read_yaml(file, "tags.yml").data == {"a": "12", "b": 12, "c": None}
    assert isinstance(yaml.CSafeLoader("a: 1").get_single_node().value[0][0], ScalarNode)


def test_parse_cache_gives_what_parsing_gives(tmp_path: Path) -> None:
    """Every real content file, read through the cache a first time (parsed) and a second time
    (from the cache file, in a new ParseCache): the same data and lines as without a cache."""
    files = sorted((ROOT / "content").rglob("*.yml"))
    cache_dir = tmp_path / "cache"
    first = yamlfile.ParseCache(cache_dir, ROOT / "content")
    parsed = [read_yaml(f, f.name, first) for f in files]
    first.save()
    second = yamlfile.ParseCache(cache_dir, ROOT / "content")
    again = [read_yaml(f, f.name, second) for f in files]
    assert second.missed == 0 and len(second.used) == len({f.read_bytes() for f in files})
    for f, a, b in zip(files, parsed, again, strict=True):
        assert (b.data, b.lines) == (a.data, a.lines) == reference(f.read_text(encoding="utf-8")), f
    # Each use rebuilds the data: a change made by a reader stays its own.
    again[0].data["added by a reader"] = True
    assert "added by a reader" not in read_yaml(files[0], files[0].name, second).data


def test_parse_cache_reparses_a_changed_file_and_keeps_no_error(tmp_path: Path) -> None:
    cache_dir, content = tmp_path / "cache", tmp_path / "content"
    content.mkdir()
    file = content / "a.yml"
    file.write_text("id: a\ntitle: Un\n", encoding="utf-8")
    cache = yamlfile.ParseCache(cache_dir, content)
    assert read_yaml(file, "a.yml", cache).data == {"id": "a", "title": "Un"}
    cache.save()
    file.write_text("id: a\ntitle: Deux\n", encoding="utf-8")
    cache = yamlfile.ParseCache(cache_dir, content)
    assert read_yaml(file, "a.yml", cache).data == {"id": "a", "title": "Deux"}
    assert cache.missed == 1
    cache.save()
    file.write_text("id: a\ntitle: [Trois\n", encoding="utf-8")
    for _ in range(2):  # the error is never kept: the second run reports it the same way
        cache = yamlfile.ParseCache(cache_dir, content)
        with pytest.raises(YamlFileError) as error:
            read_yaml(file, "a.yml", cache)
        assert error.value.error.line == 2 and "« [ »" in error.value.error.message
        cache.save()


def test_parse_cache_survives_a_damaged_file_and_dates(tmp_path: Path) -> None:
    cache_dir, content = tmp_path / "cache", tmp_path / "content"
    content.mkdir()
    file = content / "a.yml"
    file.write_text("id: a\nle: 2026-11-26\n", encoding="utf-8")
    cache = yamlfile.ParseCache(cache_dir, content)
    cache.file.parent.mkdir(parents=True)
    cache.file.write_bytes(b"\x00not marshal")
    cache = yamlfile.ParseCache(cache_dir, content)
    assert read_yaml(file, "a.yml", cache).data == {"id": "a", "le": datetime.date(2026, 11, 26)}
    cache.save()  # a date cannot be kept: the file is parsed again, correctly, next time
    cache = yamlfile.ParseCache(cache_dir, content)
    assert read_yaml(file, "a.yml", cache).data["le"] == datetime.date(2026, 11, 26)
