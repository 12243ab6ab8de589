"""Queries readers would type into the guide's search box, each with the page it must bring into
the first three results (tests/test_search_queries.py).

Written from the readers' point of view (a curious client, a new consultant, a consultant
preparing a session) before the MiniSearch search of issue 20 was written, from the list of the
site's pages and their titles only, and used unchanged since: they are not tuned to the engine.
"""

from __future__ import annotations

# (what a reader types, the page that must come in the first three results)
READER_QUERIES: list[tuple[str, str]] = [
    # A curious client, or the person who pays.
    ("combien de séances", "phases/rencontre-tripartite.html"),
    ("qui paie", "phases/demande.html"),
    ("tarif", "phases/rencontre-tripartite.html"),
    ("prix d'un accompagnement", "phases/rencontre-tripartite.html"),
    ("sponsor", "phases/demande.html"),
    ("obligé de venir", "cas/envoye-contre-son-gre.html"),
    ("est-ce confidentiel", "principes/confidentialite.html"),
    ("la direction veut savoir ce qui se dit", "cas/demande-de-compte-rendu.html"),
    ("c'est quoi un entretien d'accompagnement", "accompagnement.html"),
    ("différence avec un audit", "distinctions/audit.html"),
    ("évaluation annuelle", "distinctions/evaluation-des-personnes.html"),
    ("ce que l'accompagnement n'est pas", "distinctions/index.html"),
    ("fin de l'accompagnement", "phases/cloture.html"),
    ("bilan à trois", "phases/bilan-tripartite.html"),
    ("premier rendez-vous", "phases/premiere-seance.html"),
    ("point à mi-parcours", "phases/point-d-etape.html"),
    ("étapes de l'accompagnement", "phases/index.html"),
    ("demande d'accompagnement", "phases/demande.html"),
    ("séance de groupe", "individuel-collectif.html"),
    ("coach", "accompagnement.html"),
    ("harcèlement au travail", "cas/detresse-et-harcelement.html"),
    # A new consultant.
    ("les quatre rôles", "roles/index.html"),
    ("les trois plans", "plans/index.html"),
    ("rôle miroir", "roles/miroir.html"),
    ("stimuler le manager", "roles/eperon.html"),
    ("relativiser", "roles/moderateur.html"),
    ("réutiliser ses acquis", "roles/integrateur.html"),
    ("ne pas prendre parti", "principes/neutralite.html"),
    ("secret", "principes/confidentialite.html"),
    ("questionnaire", "principes/dialogue-ouvert.html"),
    ("posture", "posture.html"),
    ("formation des consultants", "parcours/index.html"),
    ("s'entraîner", "parcours/s-exercer-en-trio.html"),
    ("exercice à trois", "parcours/s-exercer-en-trio.html"),
    ("co-animer", "parcours/observer-puis-co-animer.html"),
    ("premières séances sous supervision", "parcours/mener-sous-supervision.html"),
    ("accompagner seul", "parcours/pret-a-accompagner-seul.html"),
    ("croiser rôles et plans", "matrice.html"),
    ("relations avec les pairs", "plans/pairs.html"),
    ("conflit avec un collègue", "cas/conflit-avec-un-pair.html"),
    ("réorganisation", "cas/reorganisation.html"),
    ("promu chef de ses anciens collègues", "cas/nouveau-responsable.html"),
    ("départ d'un collaborateur clé", "cas/depart-d-un-pilier.html"),
    ("perte de sens", "cas/perte-de-sens.html"),
    ("conversation difficile repoussée", "cas/conversation-evitee.html"),
    ("deux participants monopolisent la parole", "cas/seance-collective-desequilibree.html"),
    ("évaluer un collaborateur", "cas/demande-d-evaluation.html"),
    ("dernière séance", "cas/fin-d-accompagnement.html"),
    # A consultant preparing or running a session.
    ("fiches à imprimer", "fiches/index.html"),
    ("préparer ma séance", "fiches/preparer-seance.html"),
    ("charte du groupe", "fiches/charte-de-groupe.html"),
    ("journal de séances", "fiches/journal-de-seances.html"),
    ("grille d'observation", "fiches/grille-d-observation.html"),
    ("entre deux séances", "fiches/entre-deux-seances.html"),
    ("jeu de cartes", "cartes/index.html"),
    ("plan du site", "plan-du-site.html"),
    ("mots-clés", "tags.html"),
    ("accessibilité du site", "accessibilite.html"),
    ("sources du guide", "a-propos.html"),
    ("contrat d'accompagnement", "fiches/contrat-d-accompagnement.html"),
    ("préparer une supervision", "fiches/supervision.html"),
    # Typos.
    ("confidencialite", "principes/confidentialite.html"),
    ("moderatteur", "roles/moderateur.html"),
    ("harcellement", "cas/detresse-et-harcelement.html"),
    ("accompagnemant", "accompagnement.html"),
    ("rencontre tripartie", "phases/rencontre-tripartite.html"),
    ("reorganistion", "cas/reorganisation.html"),
    ("integrateurr", "roles/integrateur.html"),
    # Questions as asked.
    ("comment se passe une séance", "phases/seances.html"),
    ("comment devenir consultant", "parcours/index.html"),
    ("que faire si le manager refuse l'accompagnement", "cas/envoye-contre-son-gre.html"),
]
