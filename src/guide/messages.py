"""The messages of meaning an author reads from `guide validate`, in French, in one place.

    message id --MESSAGES--> French template --say(id, **values)--> the text of a ContentError

The site is in French (mkdocs.yml `theme.language: fr`, held by tests/test_messages.py) and so
are its authors: the catalogue is French only. Its ids are of three kinds:

- pydantic's own error types (`missing`, `too_long`, `literal_error`...): `guide.content`
  turns each error into its message from the error's `type` and `ctx`, as pydantic's
  « Customizing error messages » documents, never from its English `msg`;
- our validators' errors in `guide.models`, raised as `refuse(id, **values)`
  (a `PydanticCustomError` whose type is the id and whose message is the French text); their
  ids hold a dot (`text.raw_html`), pydantic's types never do: that is how `guide.content`
  tells them apart;
- the cross-checks' and loaders' messages (`guide.content`, `guide.yamlfile`,
  `guide.includes`, `guide.errors.unknown`), written as `say(id, **values)`.

Typography as in `guide.yamlfile`'s syntax messages: « » around what the author wrote, ’, a
space before « : ; ? ! ». A value is shown as the author typed it, between « »; field paths
(YAML keys) stay as they are. Adding a message: one line here, then `say`/`refuse` with its id;
tests/test_messages.py fails on an id used in the code but missing here, on a message without
French, and on a message of validate's report left in English.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pydantic_core import PydanticCustomError

LANGUAGE = "fr"  # the site's language (mkdocs.yml theme.language): the catalogue's

MESSAGES: dict[str, str] = {
    # Pydantic's error types, formatted with the error's ctx (and `value`, `found`, `expected`).
    "missing": "champ obligatoire manquant",
    "missing.fields": "champ obligatoire manquant (champs obligatoires : {required})",
    "missing.fields_optional": (
        "champ obligatoire manquant (champs obligatoires : {required} ; facultatifs : {optional})"
    ),
    "extra_forbidden": "champ inconnu « {field} ».{hint} Champs possibles : {allowed}",
    "text.empty": "le texte ne doit pas être vide",
    "text.too_long": "texte trop long : {max_length} caractères au plus, il en a {actual_length}",
    "list.empty": "la liste ne doit pas être vide : donnez au moins un élément",
    "list.too_short": "il faut au moins {min_length} éléments, il y en a {actual_length}",
    "list.too_long": "{max_length} éléments au plus, il y en a {actual_length}",
    "id.pattern": (
        "« {value} » n’est pas un identifiant valide : des lettres minuscules sans accents, des "
        "chiffres et des traits d’union (par exemple confiance-reciproque)"
    ),
    "string_pattern_mismatch": "« {value} » n’a pas la forme attendue ({pattern})",
    "type": "il faut ici {expected}, et non {found}",
    "literal_error": "« {value} » n’est pas une valeur possible : {expected}",
    "greater_than_equal": "{value} est trop petit : {ge} au moins",
    "less_than_equal": "{value} est trop grand : {le} au plus",
    "other": "cette valeur n’est pas acceptée ici (erreur « {type} ») : voyez content/README.md",
    # What a wrong type is called: "il faut ici {expected}, et non {found}".
    "expected.text": "un texte",
    "expected.number": "un nombre entier",
    "expected.bool": "true ou false",
    "expected.list": "une liste (des lignes qui commencent par « - »)",
    "expected.mapping": "des champs (clé: valeur)",
    "found.text": "le texte « {value} »",
    "found.number": "le nombre {value}",
    "found.bool": "{value} (true/false)",
    "found.list": "une liste",
    "found.mapping": "des champs (clé: valeur)",
    "found.nothing": "rien (une valeur vide)",
    "found.other": "« {value} »",
    "or": " ou ",
    "did_you_mean": " Vouliez-vous dire « {close} » ?",
    "text.colon": (
        "ce texte contient « : », que YAML prend pour une nouvelle clé (il a lu « {read} »). "
        'Mettez la phrase entre guillemets droits (- "…"), ou écrivez « >- » après le tiret ou '
        "la clé et le texte sur les lignes suivantes, décalées de deux espaces"
    ),
    # Our validators (guide.models), raised with refuse().
    "text.raw_html": (
        "le HTML n’est pas accepté dans un texte (trouvé « {found} ») : écrivez en Markdown, "
        "**gras** ou *italique*"
    ),
    "text.event_handler": (
        "un attribut d’événement n’est pas accepté dans un texte (trouvé « {found} ») : écrivez "
        "du texte simple ou du Markdown"
    ),
    "text.link_scheme": (
        "un lien « {scheme}: » n’est pas accepté (trouvé « {found} ») : un lien mène à une adresse "
        "http:, https: ou mailto:, ou à une page du guide"
    ),
    "term.one_definition": (
        "donnez soit « definition: … », soit « frame: true » (la définition de confidentiality.yml)"
    ),
    "opening.role_or_sponsor": (
        "donnez soit « role: <id> » (un rôle, avec le manager), soit « sponsor: true » (le cas "
        "s’ouvre avec le commanditaire, sans rôle joué)"
    ),
    "line.frame_by_consultant": "seul le consultant dit le cadre : « frame » va avec « consultant » ou seul",
    "line.one_speaker": (
        "une réplique a un seul locuteur : écrivez soit « consultant: … », soit « manager: … », "
        "soit « sponsor: … »"
    ),
    "scenario.both_speak": (
        "le dialogue a besoin de répliques du consultant et du manager (ou du commanditaire)"
    ),
    "criterion.tied": (
        "rattachez le critère à un cas (« scenario: <id> ») ou à un exercice (« exercise: <id d’une étape> »)"
    ),
    "label.name_request": (
        "« {value} » demande le nom d’une personne : les fiches sont confidentielles, demandez des "
        "initiales ou un code (par exemple « Manager (initiales ou code) »)"
    ),
    "area.one_kind": "donnez soit « lines » (un nombre de lignes réglées), soit « box » (une hauteur en mm)",
    "section.rows_without_items": (
        "« rows » fait une grille vide : donnez « columns » et ne tirez aucun élément"
    ),
    "section.rows_need_area": "« rows » demande « item_area » : la hauteur de chaque case de la grille",
    "section.for_pulled_items": (
        "« {name} » s’applique aux éléments tirés : ajoutez des plans, des rôles, des principes ou "
        "des distinctions, ou retirez « {name} »"
    ),
    "section.columns_need_area": "« columns » demande « item_area » : la hauteur de chaque case de la grille",
    "section.grid_one_per_row": (
        "une grille (« columns ») liste ses éléments un par ligne : retirez « item_columns »"
    ),
    "duration.range": (
        "« {value} » ne donne pas d’intervalle : écrivez-le comme un intervalle, par exemple "
        "« 2 à 4 semaines » ou « 1 h à 1 h 30 »"
    ),
    "placeholder.broken": (
        "« {value} » : une accolade est ouverte sans être fermée, ou l’inverse ; un emplacement "
        "s’écrit {{nom}}"
    ),
    "placeholder.unknown": "emplacement inconnu {{{name}}} dans « {value} » : possibles : {allowed}",
    "labels.each": "donnez un libellé à chacun de : {keys}{missing}{extra}",
    "labels.missing": " ; manquants : {names}",
    "labels.unknown": " ; inconnus : {names}",
    "structure.shortest_longest": "« shortest » ({shortest} min) dépasse « longest » ({longest} min)",
    "structure.total": (
        "les minutes des étapes font {total} min, hors de l’intervalle de « shortest » à "
        "« longest » ({shortest} à {longest} min)"
    ),
    "structure.duplicate_step": "id d’étape « {id} » en double : chaque étape d’un déroulé a son propre id",
    # Files (guide.yamlfile, guide.content).
    "file.too_big": "le fichier fait {size} octets ; un fichier de contenu en fait {limit} au plus",
    "file.not_utf8": (
        "le fichier n’est pas en UTF-8 (octet 0x{byte}) : enregistrez-le avec l’encodage UTF-8"
    ),
    "file.empty": "le fichier est vide : il doit contenir des champs (clé: valeur)",
    "front_matter.empty": "l’en-tête est vide : il doit contenir des champs (clé: valeur)",
    "file.not_mapping": "le fichier doit commencer par des champs (clé: valeur), et non par {found}",
    "front_matter.not_mapping": "l’en-tête doit contenir des champs (clé: valeur), et non {found}",
    "found.single_value": "une valeur seule",
    "file.missing": "ce fichier manque",
    "folder.empty": "aucun fichier .yml dans ce dossier : il en faut au moins un",
    "id.file_name": "l’id « {id} » doit être le nom du fichier, « {stem} »",
    "id.duplicate": "id « {id} » en double : {other} l’emploie déjà",
    # An unknown reference: "{what} « {value} » inconnu(e).{hint} Possibles : {allowed}".
    "unknown": "{what}.{hint} Possibles : {allowed}",
    "unknown.roles": "rôle « {value} » inconnu",
    "unknown.planes": "plan « {value} » inconnu",
    "unknown.principles": "principe « {value} » inconnu",
    "unknown.contrasts": "distinction « {value} » inconnue",
    "unknown.scenarios": "cas « {value} » inconnu",
    "unknown.worksheets": "fiche « {value} » inconnue",
    "unknown.phases": "phase « {value} » inconnue",
    "unknown.structures": "déroulé « {value} » inconnu",
    "unknown.questions": "question « {value} » inconnue",
    "unknown.sessions": "séance commentée « {value} » inconnue",
    "unknown.structure_step": "étape « {value} » inconnue dans le déroulé que suit la séance",
    "unknown.confidentiality": "section « {value} » inconnue dans confidentiality.yml",
    "unknown.spoken": "texte dit « {value} » inconnu dans confidentiality.yml",
    "unknown.exercises": "exercice « {value} » inconnu (une étape avec « exercise » ou un exercice « solo »)",
    "unknown.collection": "collection « {value} » inconnue",
    "unknown.insert": "insertion « {value} » inconnue",
    "unknown.frame_short": "texte bref du cadre « {value} » inconnu",
    "unknown.publisher_part": "partie « {value} » inconnue de publisher.yml",
    "unknown.other": "« {value} » inconnu",
    "insert.no_section": "nommez au moins une section : {allowed}",
    # The publisher (content/publisher.yml: guide.models.Publisher, guide.publisher).
    "publisher.email": "« {value} » n’est pas une adresse électronique (attendu : nom@domaine.fr)",
    "publisher.phone": (
        "« {value} » n’est pas un numéro de téléphone (attendu : chiffres, espaces, points, un + devant "
        "l’indicatif : 01 23 45 67 89 ou +33 1 23 45 67 89)"
    ),
    "publisher.site_url": (
        "« {value} » n’est pas l’adresse d’un site (attendu : https://domaine.fr/ ou "
        "https://domaine.fr/guide/, sans paramètre ni ancre)"
    ),
    "publisher.logo": "aucun fichier « {value} » dans le dossier {folder}/",
    "colour.form": "« {value} » n’est pas une couleur (attendu : #rrggbb, par exemple #00796b)",
    "colour.contrast": (
        "un texte {value} sur {background} n’a qu’un contraste de {ratio}, il en faut au moins "
        "{needed} (WCAG AA) : choisissez une couleur plus {direction}"
    ),
    "colour.darker": "foncée",
    "colour.lighter": "claire",
    "publication.example": (
        "« {value} » est une adresse d’exemple ; mettez celle de votre cabinet avant de publier"
    ),
    "publication.variable": (
        "« {value} » est une adresse d’exemple ; retirez cette variable ou donnez l’adresse publique du site"
    ),
    "publication.repository": (
        "« {value} » est une adresse d’exemple (les liens « Sources du guide » et de modification "
        "des pages) ; donnez par GUIDE_REPO_URL celle du dépôt de vos sources"
    ),
    "publication.missing": "fichier absent ; il nomme l’éditeur du site (voir dev/publisher.md)",
    "publication.invalid": "fichier non valide ; lancez scripts/validate.sh pour le détail",
    "publication.refused": "Publication refusée : l’éditeur du site est encore celui de l’exemple.",
    # Cross-checks between files (guide.content).
    "cell.context": "dans la case du rôle « {role} » sur le plan « {plane} » : ",
    "interface.missing_collections": (
        "il manque les textes de la ou des collections {keys} : donnez à chacune ses libellés et ses titres"
    ),
    "role.alternates_itself": "un rôle ne peut pas alterner avec lui-même",
    "worksheet.signatures": (
        "les signatures vont sur la fiche que les trois parties signent (audience: tripartite) ; "
        "cette fiche est pour « {audience} » et n’identifie personne"
    ),
    "frame.duplicate_section": "id de section « {id} » en double",
    "frame.duplicate_spoken": "id de texte dit « {id} » en double",
    "scenario.opening_listed": (
        "le rôle à prendre d’abord, « {role} », doit aussi figurer sous « roles » avec son pourquoi"
    ),
    "path.duplicate_step": "id d’étape « {id} » en double",
    "path.needs_threes": "le parcours a besoin d’une étape qui s’exerce à trois (exercise.format: threes)",
    "path.needs_supervision": (
        "le parcours a besoin d’une étape qui s’exerce sous supervision (exercise.format: supervision)"
    ),
    "path.read_twice": (
        "l’étape « {step} » met {page} sous « read », déjà lue à l’étape « {first} » : une page se "
        "lit une fois dans le parcours, mettez-la sous « further »"
    ),
    "path.read_and_further": "{page} est à la fois sous « read » et sous « further » de l’étape « {step} »",
    "path.criterion": "l’étape « {step} » nomme le critère « {criterion} » : possibles : {known}",
    "path.no_criterion": "aucun pour l’instant : donnez un « id » à un critère",
    "path.readiness": "la dernière étape donne les critères pour être prêt (« readiness »)",
    "matrix.extra_cell": (
        "case en trop pour le rôle « {role} » sur le plan « {plane} » : la ligne {line} décrit déjà ce couple"
    ),
    "matrix.missing_cell": (
        "il manque la case du rôle « {role} » sur le plan « {plane} » : la matrice a une case par "
        "rôle et par plan"
    ),
    "glossary.duplicate_term": "terme « {term} » en double : déjà défini à la ligne {line}",
    "session.duplicate_person": "deux personnes s’appellent « {name} » : un prénom par personne",
    "session.consultant_person": (
        "le consultant parle sous « consultant » : donnez aux autres personnes un prénom"
    ),
    "session.setting": (
        "la séance est « {setting} » mais le déroulé « {structure} » est « {other} » : choisissez "
        "un déroulé du même cadre"
    ),
    "session.duration": (
        "{duration} min : le déroulé « {structure} » se tient en {shortest} à {longest} min"
    ),
    "session.step_order": (
        "l’étape « {step} » vient avant « {later} » dans le déroulé : les moments se suivent dans "
        "l’ordre des étapes"
    ),
    "session.minute_after_end": "minute {minute}, après la fin de la séance ({duration} min)",
    "session.minute_order": (
        "minute {minute}, avant celle du moment précédent ({previous}) : les moments se racontent "
        "dans l’ordre"
    ),
    "session.speaker": (
        "« {who} » parle mais n’est pas dans « people » : écrivez « {consultant} » ou l’un de : {names}"
    ),
    # Hand-written pages (guide.pagecheck).
    "page.no_title": (
        "cette page n’a pas de titre : donnez-lui « title: … » dans son en-tête, ou commencez-la "
        "par un titre « # … »"
    ),
    # Rules on rendered pages (guide.rules).
    "role.too_long": (
        "la page de ce rôle compte {words} mots, au plus {limit} (cinq minutes de lecture) : "
        "retirez-en {over}, dans ce qui pèse le plus : {heaviest}"
    ),
    "role.field_words": "{field} ({words} mots)",
    "worksheet.first_new_page": "la première section ouvre déjà la page 1 : retirez « new_page »",
    "worksheet.pages": (
        "la fiche annonce {pages} page(s) mais ses sections en font {made} : marquez la première "
        "section de chaque page après la première par « new_page: true »"
    ),
}


def say(message_id: str, /, **values: object) -> str:
    """The French text of `message_id`, its `{name}` placeholders filled with `values`."""
    return MESSAGES[message_id].format(**values)


def refuse(message_id: str, /, **values: object) -> PydanticCustomError:
    """A validator's error for pydantic: its type is the id, its message the French text."""
    return PydanticCustomError(message_id, say(message_id, **values))


def listing(values: Iterable[object]) -> str:
    return ", ".join(str(value) for value in values)


def unknown(kind: str, value: str, allowed: Iterable[str]) -> str:
    """`rôle « mirroir » inconnu. Vouliez-vous dire « miroir » ? Possibles : miroir, eperon…`

    `kind` is a key of `guide.catalog.TARGETS` (a collection's key, "confidentiality"...) or
    another family of names: "collection", "insert", "frame_short"."""
    options = list(allowed)
    what = say(f"unknown.{kind}" if f"unknown.{kind}" in MESSAGES else "unknown.other", value=value)
    close = difflib.get_close_matches(value, options, n=1)
    hint = say("did_you_mean", close=close[0]) if close else ""
    return say("unknown", what=what, hint=hint, allowed=listing(options))
