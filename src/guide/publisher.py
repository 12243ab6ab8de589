"""The publisher (content/publisher.yml): the site's address, the check a publication build runs,
the logo and the theme for the sheets, the cards and the site.

    content/publisher.yml --site_address (light: PyYAML only)--> mkdocs's site_url (hooks), export
                          --Publisher model (guide.content)--> legal pages, sheets, cards, theme.css
    scripts/build.sh --`guide publication-check`--> publication_problems: refuses the example's
                      placeholders, naming the file, the line and the field

GUIDE_SITE_URL, when set, overrides the file's address (a preview build on another host); the
publication check then refuses it too if it is an example address.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .colours import theme_css

if TYPE_CHECKING:
    from . import models as m

FILE = "publisher.yml"
SITE_URL_VARIABLE = "GUIDE_SITE_URL"
REPO_URL_VARIABLE = "GUIDE_REPO_URL"  # the sources' repository (mkdocs.yml repo_url)
_REPO_URL = re.compile(r'^repo_url:\s*!ENV\s*\[\s*GUIDE_REPO_URL\s*,\s*"([^"]*)"\s*\]', re.M)
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a published site's.
_RESERVED_SUFFIXES = (".example", ".invalid", ".test", ".localhost", ".local")
_RESERVED_NAMES = {"example", "invalid", "test", "localhost", "example.com", "example.net", "example.org"}


def is_example_host(host: str) -> bool:
    """Whether `host` is a name reserved for examples (example.org, x.example, y.invalid…)."""
    host = host.lower().rstrip(".")
    if host in _RESERVED_NAMES or host.endswith(_RESERVED_SUFFIXES):
        return True
    return any(host.endswith("." + name) for name in ("example.com", "example.net", "example.org"))


def site_address(content_dir: Path) -> str:
    """The site's address: GUIDE_SITE_URL, else the publisher file's `site_url` (read without
    validating it: the content's validation reports a bad one), with a final slash; "" when
    neither gives one."""
    import yaml

    address = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not address:
        try:
            data = yaml.safe_load((content_dir / FILE).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return ""
        value = data.get("site_url") if isinstance(data, dict) else None
        address = value.strip() if isinstance(value, str) else ""
    if address and not address.endswith("/"):
        address += "/"
    return address


def publication_problems(content_dir: Path, project_root: Path) -> list[str]:
    """Why the content cannot be published as it is, in French, each naming the file, its line
    and the field: the site's address or the contact still the example's. Bad content is the
    validation's to report (`guide validate`): only the publisher file is read here."""
    from pydantic import ValidationError

    from . import models as m
    from .errors import display_path
    from .messages import say
    from .yamlfile import YamlFileError, read_yaml

    file = content_dir / FILE
    shown = display_path(file, project_root)
    if not file.is_file():
        return [f"{shown} : {say('publication.missing')}"]
    try:
        doc = read_yaml(file, shown)
        publisher = m.Publisher.model_validate(doc.data)
    except (YamlFileError, ValidationError):
        return [f"{shown} : {say('publication.invalid')}"]
    problems: list[str] = []

    def example(field: str, value: str) -> None:
        error = doc.error((field,), "")
        problems.append(f"{error.path}:{error.line}: {field} : {say('publication.example', value=value)}")

    if is_example_host(urlsplit(publisher.site_url).hostname or ""):
        example("site_url", publisher.site_url)
    if is_example_host(publisher.email.rpartition("@")[2]):
        example("email", publisher.email)
    override = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if override and is_example_host(urlsplit(override).hostname or ""):
        problems.append(f"{SITE_URL_VARIABLE} : {say('publication.variable', value=override)}")
    repository = repository_address(project_root)
    if repository and is_example_host(urlsplit(repository).hostname or ""):
        problems.append(f"{REPO_URL_VARIABLE} : {say('publication.repository', value=repository)}")
    return problems


def repository_address(project_root: Path) -> str:
    """The sources' repository a build links to: GUIDE_REPO_URL, else mkdocs.yml's default."""
    override = os.environ.get(REPO_URL_VARIABLE, "").strip()
    if override:
        return override
    try:
        found = _REPO_URL.search((project_root / "mkdocs.yml").read_text(encoding="utf-8"))
    except OSError:
        return ""
    return found.group(1) if found else ""


def logo_data_uri(publisher: m.Publisher, content_dir: Path) -> str:
    """The logo as a data: URI (the PDFs fetch nothing), or "" when the publisher gives none."""
    if publisher.logo is None:
        return ""
    data = (content_dir / publisher.logo).read_bytes()
    kind = "image/svg+xml" if publisher.logo.endswith(".svg") else "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def publisher_css(publisher: m.Publisher) -> str:
    """The theme's colours as CSS, for the site (assets/theme.css) and after the PDFs' styles."""
    colours = publisher.colours
    return theme_css(colours.primary, colours.accent, colours.tint, colours.dark_link)
