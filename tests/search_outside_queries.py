# ruff: noqa: E501  (the outside reader's lines, kept as written)
"""Queries typed by an outside reader, each with the pages that answer it (any one of them in the
first three results passes), for tests/test_search_queries.py (issue 20).

Provenance: written on 2026-11-27 by a reader-tester session that never saw the search's
implementation (no src/, tests/, templates/ nor JavaScript), from the list of the site's pages
with their titles and descriptions and from the built pages' text; copied here unchanged from
its file. Its own note:

    Queries written by an outside reader who never saw the search implementation (2026-11, reader-tester pass).
    Method: read pages.txt and the built pages' text (no src/tests/templates/js), imagined four kinds of readers, checked each target page answers the query.

CONTENT_GAPS lists what that reader looked for and no page answers (for the authors, not
searched).
"""

from __future__ import annotations

OUTSIDE_QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # A curious client (manager, HR person, friend).
    ("combien ça coûte", ("phases/rencontre-tripartite.html", "decouvrir.html")),
    ("qui paie l'accompagnement ?", ("decouvrir.html",)),
    ("mon patron saura ce que je dis ?", ("principes/confidentialite.html",)),
    ("c'est obligatoire ?", ("cas/envoye-contre-son-gre.html", "phases/demande.html")),
    ("c'est quoi un entretien d'accompagnement", ("accompagnement.html",)),
    ("tu accompagnes des managers mais concrètement tu fais quoi", ("decouvrir.html",)),
    ("différence avec une thérapie", ("decouvrir.html",)),
    ("le consultant va m'évaluer ?", ("distinctions/evaluation-des-personnes.html",)),
    ("combien de séances faut-il", ("phases/seances.html",)),
    ("on peut faire les séances en visio", ("decouvrir.html",)),
    ("document pour présenter la démarche à mon DRH", ("fiches/ce-qu-est-l-accompagnement.html",)),
    ("comment se plaindre du consultant", ("deontologie.html",)),
    ("je paye moi meme, droit de rétractation", ("deontologie.html",)),
    ("que deviennent les notes du consultant", ("phases/cloture.html", "principes/confidentialite.html")),
    ("accompagnement en groupe ou seul, que choisir", ("individuel-collectif.html",)),
    ("ce site utilise des cookies ?", ("a-propos.html",)),
    ("livres sur le coaching de managers", ("lectures.html",)),
    # A new consultant learning the method.
    ("les 4 rôles du consultant", ("roles/index.html",)),
    ("role mirroir", ("roles/miroir.html",)),
    ("qu'est-ce que l'éperon", ("roles/eperon.html",)),
    ("aider le manager à relativiser un échec", ("roles/moderateur.html",)),
    (
        "faire en sorte que le manager garde ce qu'il a appris après l'accompagnement",
        ("roles/integrateur.html",),
    ),
    ("les trois plans d'analyse", ("plans/index.html",)),
    ("relations avec les collègues du même niveau", ("plans/pairs.html",)),
    ("mission et valeurs de l'entreprise", ("plans/organisation.html",)),
    ("rester neutre entre le manager et sa direction", ("principes/neutralite.html",)),
    ("confiance reciproque", ("principes/confiance-reciproque.html",)),
    ("pourquoi pas de questionnaire", ("principes/dialogue-ouvert.html",)),
    (
        "sortir le manager de sa zone de confort sans le mettre en danger",
        ("principes/cadre-stimulant-protecteur.html",),
    ),
    ("est-ce que je peux donner un conseil au manager", ("posture.html",)),
    ("tableau rôles plans", ("matrice.html",)),
    ("différence avec un audit", ("distinctions/audit.html",)),
    ("formation des nouveaux consultants", ("parcours/index.html",)),
    ("quand suis-je prêt à accompagner seul", ("parcours/pret-a-accompagner-seul.html",)),
    ("jeu de rôle à trois pour s'entraîner", ("parcours/s-exercer-en-trio.html",)),
    ("co-animer avec un consultant expérimenté", ("parcours/observer-puis-co-animer.html",)),
    ("que veut dire acquis", ("glossaire.html",)),
    # A consultant preparing or running a session.
    ("fiche pour préparer une séance", ("fiches/preparer-seance.html",)),
    ("modèle de contrat à signer à trois", ("fiches/contrat-d-accompagnement.html",)),
    ("règles du groupe : ce qui se dit ici reste ici", ("fiches/charte-de-groupe.html",)),
    ("grille pour l'observateur en trio", ("fiches/grille-d-observation.html",)),
    ("que noter après une séance", ("fiches/seance-individuelle.html",)),
    ("préparer ma séance de supervision", ("fiches/supervision.html",)),
    ("cartes à imprimer en A7", ("cartes/index.html",)),
    (
        "numéros à appeler en cas d'urgence pendant une séance",
        ("cartes/aide-memoire.html", "principes/confidentialite.html"),
    ),
    ("questions pour ouvrir la séance", ("questions/votre-seance.html",)),
    ("question pour finir : le prochain pas", ("questions/le-pas-suivant.html",)),
    ("chronomètre de séance", ("outils/minuteur.html",)),
    ("faire un plan minuté pour une séance de 2h", ("outils/planifier.html",)),
    ("déroulé d'une séance d'1h30 avec un manager", ("deroules/seance-individuelle.html",)),
    ("tour de table des essais en groupe", ("deroules/retours-d-essais.html",)),
    ("codev", ("deroules/codeveloppement.html",)),
    ("fiche bilan de fin pour le manager", ("fiches/bilan-tripartite.html",)),
    ("carnet du manager entre deux rendez-vous", ("fiches/entre-deux-seances.html",)),
    ("comment démarrer la première séance", ("phases/premiere-seance.html", "cas/premier-entretien.html")),
    ("point à mi-parcours", ("phases/point-d-etape.html",)),
    ("exporter mes favoris sur un autre ordinateur", ("outils/favoris.html",)),
    # Situations typed as a person types them.
    ("burn out", ("cas/detresse-et-harcelement.html",)),
    ("manager toxique qui humilie", ("cas/detresse-et-harcelement.html",)),
    ("le sponsor veut savoir ce qui se dit en séance", ("cas/demande-de-compte-rendu.html",)),
    ("feedback", ("roles/miroir.html",)),
    ("il ne veut pas être coaché", ("cas/envoye-contre-son-gre.html",)),
    ("promue chef de ses anciens collegues", ("cas/nouveau-responsable.html",)),
    ("conflit entre deux managers", ("cas/conflit-avec-un-pair.html",)),
    ("il repousse toujours l'entretien avec sa collaboratrice", ("cas/conversation-evitee.html",)),
    ("démission d'un collaborateur clé", ("cas/depart-d-un-pilier.html",)),
    ("fusion de services, nouvel organigramme", ("cas/reorganisation.html",)),
    ("perte de sens", ("cas/perte-de-sens.html",)),
    ("le manager veut que je lui donne la solution", ("cas/demande-de-conseil.html",)),
    ("j'ai dit au manager ce que je ferais à sa place", ("cas/ecart-du-consultant.html",)),
    ("deux participants monopolisent la parole", ("cas/seance-collective-desequilibree.html",)),
    ("le directeur me demande mon avis sur un de ses chefs de projet", ("cas/demande-d-evaluation.html",)),
    ("peur de retomber dans ses vieilles habitudes après la fin", ("cas/fin-d-accompagnement.html",)),
    ("elle annule les rdv et veut arrêter", ("cas/arret-premature.html",)),
    ("confidentialite", ("principes/confidentialite.html",)),
    ("réunion à trois avec le N+1 pour fixer les objectifs", ("phases/rencontre-tripartite.html",)),
    ("déléguer à l'équipe", ("plans/equipe.html",)),
    ("accessibilité lecteur d'ecran", ("accessibilite.html",)),
]
CONTENT_GAPS: list[str] = [
    "Prix : aucune page ne donne un ordre de grandeur du coût (tarif d'une séance ou d'un accompagnement) ; on lit seulement que le prix est fixé dans la proposition et au contrat.",
    "Coaching : aucune page ne dit en quoi l'entretien d'accompagnement diffère du coaching (ou s'il en est une forme) ; Découvrir le compare à la thérapie, à la formation, au mentorat et au conseil, pas au coaching.",
    "Financement : rien sur la prise en charge (OPCO, plan de développement des compétences, CPF) pour une entreprise ou un manager qui paie lui-même.",
    "Efficacité : rien sur ce que l'on sait des effets de ce type d'accompagnement (études, mesure des résultats) au-delà des témoignages de Découvrir.",
    "Coaching d'équipe : aucune page sur l'accompagnement d'un manager avec sa propre équipe ; l'accompagnement collectif du guide réunit seulement des pairs.",
    "Choisir un consultant : Découvrir donne trois questions à poser, mais aucune page n'explique comment trouver ou choisir un consultant.",
]
