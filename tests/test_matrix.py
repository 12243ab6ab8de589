"""The role × plane matrix: complete in the data (one fixture per error, each message naming the
file, the line and the role/plane pair), and shown as a table, on role pages and on plane pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import errors_for, squash

from guide.content import Content

MATRIX = "content/matrix.yml"
_CELL_START = re.compile(r"^  - role: (\S+)\n    plane: (\S+)\n", re.M)


def cell_blocks(text: str) -> list[tuple[int, int, str, str]]:
    """(start offset, end offset, role, plane) of each cell of matrix.yml, in file order."""
    starts = list(_CELL_START.finditer(text))
    assert len(starts) >= 12, "matrix.yml is not laid out as '  - role: x / plane: y' blocks"
    ends = [m.start() for m in starts[1:]] + [len(text)]
    return [(m.start(), end, m.group(1), m.group(2)) for m, end in zip(starts, ends, strict=True)]


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_real_matrix_has_one_cell_per_role_and_plane(content: Content) -> None:
    pairs = [(cell.role, cell.plane) for cell in content.matrix.cells]
    assert sorted(pairs) == sorted((r, p) for r in content.roles for p in content.planes)
    assert len(pairs) == len(content.roles) * len(content.planes) == 12
    for cell in content.matrix.cells:
        assert 1 <= len(cell.examples) <= 2


def test_missing_cell(project: Path) -> None:
    path = project / MATRIX
    text = path.read_text(encoding="utf-8")
    start, end, role, plane = cell_blocks(text)[4]
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    cells_line = line_at(text, text.index("cells:"))
    assert errors_for(project) == [
        f"{MATRIX}:{cells_line}: cells: il manque la case du rôle « {role} » sur le plan « {plane} » : "
        "la matrice a une case par rôle et par plan"
    ]


def test_extra_cell_for_a_pair_already_described(project: Path) -> None:
    path = project / MATRIX
    text = path.read_text(encoding="utf-8")
    blocks = cell_blocks(text)
    start, end, role, plane = blocks[2]
    duplicate = text[start:end]
    path.write_text(text.rstrip("\n") + "\n" + duplicate, encoding="utf-8")
    new_line = line_at(text.rstrip("\n") + "\n", len(text.rstrip("\n")) + 1)
    assert errors_for(project) == [
        f"{MATRIX}:{new_line}: cells[{len(blocks) + 1}]: case en trop pour le rôle « {role} » sur le "
        f"plan « {plane} » : la ligne {line_at(text, start)} décrit déjà ce couple"
    ]


def test_unknown_role_in_a_cell(project: Path) -> None:
    path = project / MATRIX
    text = path.read_text(encoding="utf-8")
    start, _, role, plane = cell_blocks(text)[0]
    typo = role + "x"
    path.write_text(
        text[:start] + text[start:].replace(f"role: {role}", f"role: {typo}", 1), encoding="utf-8"
    )
    errors = errors_for(project)
    line = line_at(text, start)
    assert (
        f"{MATRIX}:{line}: cells[1].role: dans la case du rôle « {typo} » sur le plan « {plane} » : "
        f"rôle « {typo} » inconnu. Vouliez-vous dire « {role} » ?"
    ) in " ".join(errors)
    # The pair left without its cell is reported too.
    assert any(f"il manque la case du rôle « {role} » sur le plan « {plane} »" in e for e in errors)


def test_unknown_plane_in_a_cell(project: Path) -> None:
    path = project / MATRIX
    text = path.read_text(encoding="utf-8")
    start, _, role, plane = cell_blocks(text)[1]
    path.write_text(
        text[:start] + text[start:].replace(f"plane: {plane}", "plane: direction", 1), encoding="utf-8"
    )
    errors = errors_for(project)
    assert any(
        e.startswith(f"{MATRIX}:{line_at(text, start) + 1}: cells[2].plane: ")
        and f"dans la case du rôle « {role} » sur le plan « direction »" in e
        and "plan « direction » inconnu" in e
        for e in errors
    ), errors


# The site --------------------------------------------------------------------------------


@pytest.mark.build
def test_matrix_page_is_a_table_of_every_cell(site: Path, content: Content) -> None:
    page = (site / "matrice.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="guide-matrix__table"') : page.index("</table>")]
    rows = re.findall(r"<tr\b.*?</tr>", table, re.S)
    assert len(rows) == 1 + len(content.roles)
    header = re.findall(r"<th\b[^>]*>(.*?)</th>", rows[0], re.S)
    assert [squash(h) for h in header[1:]] == [squash(p.name) for p in content.planes.values()]
    for row, role in zip(rows[1:], content.roles.values(), strict=True):
        assert squash(role.name) in squash(re.search(r"<th\b.*?</th>", row, re.S).group(0))  # type: ignore[union-attr]
        cells = re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)
        labels = re.findall(r'<td\b[^>]*data-label="([^"]*)"', row)
        assert len(cells) == len(content.planes)
        for cell_html, label, plane in zip(cells, labels, content.planes.values(), strict=True):
            cell = content.cell(role.id, plane.id)
            assert squash(cell.text) in squash(cell_html)
            for example in cell.examples:
                assert squash(example) in squash(cell_html)
            assert label == f"{role.name} · {plane.name}"
    # Its links lead to pages that exist.
    for target in re.findall(r'href="([^"#]+\.html)"', table):
        assert (site / target).is_file(), target


@pytest.mark.build
def test_each_cell_shows_on_its_role_page_and_its_plane_page(site: Path, content: Content) -> None:
    """The plane page shows the cell whole; the role page, kept short, shows its text only."""
    missing = []
    for cell in content.matrix.cells:
        shown = {
            f"roles/{cell.role}.html": (cell.text,),
            f"plans/{cell.plane}.html": (cell.text, *cell.examples),
        }
        for path, texts in shown.items():
            page = squash((site / path).read_text(encoding="utf-8"))
            missing += [f"{path}: {t[:50]}" for t in texts if squash(t) not in page]
    assert not missing, "\n".join(missing)


@pytest.mark.browser
def test_matrix_reads_role_by_role_on_a_phone(browser: object, site_url: str, content: Content) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(f"{site_url}/matrice.html")
        table_width = page.eval_on_selector(".guide-matrix__table", "e => e.getBoundingClientRect().width")
        assert table_width <= 390
        first_cell = page.locator(".guide-matrix__table td").first
        label = page.evaluate("e => getComputedStyle(e, '::before').content", first_cell.element_handle())
        role, plane = next(iter(content.roles.values())), next(iter(content.planes.values()))
        assert label.strip('"') == f"{role.name} · {plane.name}"
        # Cells stack: the second cell starts below the first one.
        boxes = page.eval_on_selector_all(
            ".guide-matrix__table tbody tr:first-child td",
            "els => els.map(e => e.getBoundingClientRect().top)",
        )
        assert boxes == sorted(boxes) and len(set(boxes)) == len(boxes)
    finally:
        page.close()
