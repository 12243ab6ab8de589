"""The structure tree of the PDFs that WeasyPrint writes, finished for PDF/UA-1 (called by
guide.pdfforms.finish_pdf, with pikepdf; checked by `outloud` in tests/test_pdf_ua.py):

- **Artifacts**: content hidden from assistive technology in the HTML (`aria-hidden="true"`:
  the deck's running header and footer, a card back's mark, family and number; an image with
  an empty `alt`, which HTML calls decorative) is painted as
  `/Artifact` marked content, out of the structure tree. WeasyPrint tags every text it draws
  and reads no ARIA; `hidden_as_artifacts` makes its tagging give the structure elements of
  such content the placeholder type ARTIFACT, which `finish_tags` takes out of the tree (and
  of the parent tree) while it rewrites their marked content in the pages' content streams.
- **Figures**: WeasyPrint writes a Figure's `/BBox` in CSS pixels from the top of the page;
  it becomes PDF points from the bottom, the page's own coordinates.
- **Header cells**: WeasyPrint writes `TH` without a scope; a `TH` gets `/Scope /Column` in a
  header row (in `THead`, or a row of header cells only) and `/Scope /Row` otherwise, as the
  templates' `scope` attributes say.
- **Annotations** (links, form fields) get the Print flag: print and screen show the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf

ARTIFACT = "/Artifact"  # placeholder type of a structure element whose content is an artifact
PX = 0.75  # a CSS pixel in PDF points: WeasyPrint draws each page at this scale
PRINT_FLAG = 4  # annotation flag: printed


def hidden_as_artifacts() -> None:
    """Make WeasyPrint's tagging type the structure elements of `aria-hidden="true"` content
    and of images with `alt=""` ARTIFACT (see the module's docstring). Idempotent; WeasyPrint
    is pinned (pyproject.toml) and tests/test_pdf_ua.py fails if its tagging no longer goes
    through here."""
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "guide_artifacts", False):
        return

    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = real.element
        hidden = element is not None and (
            element.get("aria-hidden") == "true" or (real.element_tag == "img" and element.get("alt") == "")
        )
        for tagged in original(box, *args):
            if hidden:
                tagged["S"] = ARTIFACT
            yield tagged

    build_box_tree.guide_artifacts = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


def finish_tags(pdf: pikepdf.Pdf) -> None:
    """Finish the structure tree of `pdf` in place (see the module's docstring)."""
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            annot.F = int(annot.get("/F", 0)) | PRINT_FLAG
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    pages = {page.objgen: page for page in pdf.pages}
    artifacts: dict[Any, set[int]] = {}  # page -> MCIDs to paint as artifacts

    def visit(element: Any, page: Any) -> None:
        page = element.get("/Pg", page)
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array):
            return
        kept = []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid:
                if kid.S == ARTIFACT:
                    _collect(kid, page, artifacts)
                    continue
                _finish_element(kid, pages)
                visit(kid, page)
            kept.append(kid)
        if len(kept) != len(kids):
            element.K = pikepdf.Array(kept)

    for top in _kids(tree):
        visit(top, None)
    if artifacts:
        _paint_as_artifacts(pdf, tree, artifacts)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _collect(element: Any, page: Any, out: dict[Any, set[int]]) -> None:
    """The marked content of `element`'s subtree, by page; an annotation in it is an error
    (PDF/UA-1: every annotation is tagged)."""
    page = element.get("/Pg", page)
    for kid in _kids(element):
        if isinstance(kid, int):
            out.setdefault(page.objgen, set()).add(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out.setdefault(kid.get("/Pg", page).objgen, set()).add(int(kid.MCID))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            raise ValueError("an annotation (link or form field) inside aria-hidden content")
        elif isinstance(kid, pikepdf.Dictionary):
            _collect(kid, page, out)


def _finish_element(element: Any, pages: dict[Any, pikepdf.Page]) -> None:
    kind = element.S
    if kind == "/Figure":
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        for attributes in _attributes(element):
            if "/BBox" in attributes and page is not None:
                x0, y0, x1, y1 = (float(v) for v in attributes.BBox)
                top = float(page.mediabox[3])
                attributes.BBox = pikepdf.Array(
                    [round(v, 3) for v in (x0 * PX, top - y1 * PX, x1 * PX, top - y0 * PX)]
                )
    elif kind == "/TH":
        row = element.get("/P")
        group = row.get("/P") if row is not None else None
        cells = [c.get("/S") for c in _kids(row)] if row is not None else []
        column = (group is not None and group.get("/S") == "/THead") or all(c == "/TH" for c in cells)
        tables = [a for a in _attributes(element) if a.get("/O") == "/Table"]
        if not tables:
            tables = [pikepdf.Dictionary(O=pikepdf.Name.Table)]
            element.A = tables[0]  # WeasyPrint always writes one; never reached in practice
        tables[0].Scope = pikepdf.Name.Column if column else pikepdf.Name.Row


def _attributes(element: Any) -> list[pikepdf.Dictionary]:
    found = element.get("/A")
    if found is None:
        return []
    items = list(found) if isinstance(found, pikepdf.Array) else [found]
    return [a for a in items if isinstance(a, pikepdf.Dictionary)]


def _paint_as_artifacts(pdf: pikepdf.Pdf, tree: Any, artifacts: dict[Any, set[int]]) -> None:
    """Rewrite each page's marked content of the MCIDs in `artifacts` as `/Artifact`, and take
    them out of the parent tree."""
    nums = tree.ParentTree.get("/Nums", pikepdf.Array())
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        mcids = artifacts.get(page.objgen)
        if not mcids:
            continue
        instructions = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            if (
                operator == pikepdf.Operator("BDC")
                and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in mcids
            ):
                instruction = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
                )
            instructions.append(instruction)
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        array = parents.get(int(page.obj.get("/StructParents", -1)))
        if isinstance(array, pikepdf.Array):
            for mcid in mcids:
                if mcid < len(array):
                    array[mcid] = None
