"""The YAML mistakes authors make, each explained in French with its file, its line and what to
do (one tiny fixture per mistake in tests/fixtures/yaml_mistakes/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.yamlfile import YamlFileError, read_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "yaml_mistakes"
SHIFTED = (
    "cette ligne est décalée trop ou pas assez : une clé d’un même groupe commence à la même "
    "colonne que la précédente, et un élément de liste (« - ») deux espaces plus loin que sa clé. "
    "Alignez-la sur la ligne du dessus. "
)
SIGN = (
    "ce texte commence par {sign}, un signe que YAML lit comme une instruction et non comme du "
    'texte : mettez tout le texte entre guillemets droits, par exemple summary: "*Un mot* puis la suite"'
)

MISTAKES = [
    (
        "deux_points",
        2,
        "ce texte contient « : », que YAML prend pour une nouvelle clé. Mettez la phrase entre "
        'guillemets droits ("…"), ou écrivez « >- » après la clé et le texte sur les lignes '
        "suivantes, décalées de deux espaces. ligne 2 : « summary: Le but : avancer »",
    ),
    (
        "tabulation",
        3,
        "une tabulation décale cette ligne : YAML n’accepte que des espaces. Remplacez la tabulation "
        "par des espaces : la ligne est décalée de deux espaces de plus que la clé dont elle dépend, "
        "comme ses voisines ; ici 2 espaces, car elle dépend de la clé de la ligne 2 : « themes: »",
    ),
    (
        "trop_decale",
        3,
        SHIFTED + "ligne 3 : «    name: x » ; celle du dessus, ligne 2 : « summary: bonjour »",
    ),
    (
        "pas_assez_decale",
        4,
        SHIFTED + "ligne 4 : «  words: b » ; celle du dessus, ligne 3 : «   - situation: a »",
    ),
    (
        "guillemet_dans_guillemets",
        2,
        'ce texte entre guillemets (") contient lui-même un guillemet ", qui le termine trop tôt. '
        "Écrivez les guillemets du texte à la française (« … »), ou entourez le texte d’apostrophes "
        "('…') en doublant chaque apostrophe du texte (l''équipe). "
        'ligne 2 : « summary: "Il a dit "oui" hier" »',
    ),
    (
        "apostrophe_entre_apostrophes",
        2,
        "une apostrophe dans un texte entre apostrophes le termine trop tôt : doublez-la (l''équipe) "
        "ou entourez le texte de guillemets droits (\"…\"). ligne 2 : « summary: 'L'équipe avance' »",
    ),
    (
        "guillemet_jamais_ferme",
        2,
        "un guillemet ouvert ici n’est jamais fermé : fermez le texte par le même guillemet "
        "(\" ou ') à la fin de la phrase",
    ),
    ("commence_par_star", 2, SIGN.format(sign="« * » (une mise en italique ?)")),
    ("commence_par_amp", 2, SIGN.format(sign="« & »")),
    ("commence_par_bang", 2, SIGN.format(sign="« ! »")),
    ("commence_par_at", 2, SIGN.format(sign="« @ »")),
    ("commence_par_tick", 2, SIGN.format(sign="« ` »")),
    ("commence_par_pct", 2, SIGN.format(sign="« % »")),
]


@pytest.mark.parametrize(("fixture", "line", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_yaml_mistake_is_explained_in_french(fixture: str, line: int, message: str) -> None:
    with pytest.raises(YamlFileError) as caught:
        read_yaml(FIXTURES / f"{fixture}.yml", f"content/cas/{fixture}.yml")
    assert str(caught.value.error) == f"content/cas/{fixture}.yml:{line}: {message}"


def test_every_fixture_is_a_tested_mistake() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.yml")) == sorted(m[0] for m in MISTAKES)
