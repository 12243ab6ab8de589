// French stemming for the theme's search worker. hooks/search_hooks.py appends this file to
// the theme's worker and serves the result as assets/javascripts/workers/search-fr.js.
//
// The theme adds a trailing wildcard to every word typed, so that « répét » finds
// « répétition »; but Lunr runs no pipeline, hence no stemmer, on a word with a wildcard, so
// the French stemmer of mkdocs.yml's search pipeline would never apply to what readers type.
// Here, once Lunr's French support is loaded:
// - the index keeps each word as written and adds its stem (« répétitions », « répétit »), and
//   both without accents (« repetitions », « repetit »), for readers who type without them;
// - a word typed with a wildcard also looks for its stem in the text, at a lower weight: pages
//   with the very form typed come first, pages with another form of it (singular, plural,
//   feminine, verb endings) follow. A word required with quotes is looked up by its stem.
// Nothing is stored or sent: all of it runs in the reader's browser.
(function () {
  "use strict";

  // Other forms of a word count less than the form typed, and only in the text: titles and
  // tags, which the theme weighs a thousand and a million times more, match as typed.
  var STEM_BOOST = 0.5;
  var STEM_FIELDS = ["text"];
  var ELIDED = /^(?:[cdjlmnst]|qu)\*?$/;

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function stemOf(word) {
    return lunr.fr.stemmer.stemOnly(new lunr.Token(word, {})).toString();
  }

  function adjustLunr() {
    if (typeof lunr === "undefined" || !lunr.fr || !lunr.fr.stemmer || lunr.fr.stemmer.stemOnly) {
      return;
    }
    // Index the word as written and its stem.
    var stemmer = lunr.fr.stemmer;
    var both = function (token, i, tokens) {
      var word = token.toString();
      var stemmed = stemmer(token.clone(), i, tokens);
      var stem = stemmed && stemmed.toString();
      var out = stem && stem !== word ? [token, stemmed] : [token];
      // Also without accents, so that « cloture » finds « clôture » and « etape » « étape ».
      [word, stem].forEach(function (form) {
        var plain = form && fold(form);
        if (plain && plain !== form) {
          out.push(token.clone(function () {
            return plain;
          }));
        }
      });
      return out.length > 1 ? out : token;
    };
    both.stemOnly = stemmer;
    lunr.Pipeline.registerFunction(both, "stemmer-fr-and-word");
    lunr.fr.stemmer = both;

    // Look words typed with a wildcard up by their stem too.
    var parseTerm = lunr.QueryParser.parseTerm;
    lunr.QueryParser.parseTerm = function (parser) {
      var clause = parser.currentClause;
      var next = parseTerm(parser);
      var term = clause.term;
      // The article or pronoun of an elision (« d’étape », « l’équipe ») is no word to look for:
      // with the theme's wildcard, « d* » would match every word starting with a d.
      if (typeof term === "string" && ELIDED.test(term)) {
        var at = parser.query.clauses.indexOf(clause);
        if (at !== -1 && parser.query.clauses.length > 1) {
          parser.query.clauses.splice(at, 1);
        }
        return next;
      }
      if (typeof term === "string" && /^[^*]+\*$/.test(term)) {
        var word = term.slice(0, -1);
        var stem = stemOf(word);
        if (stem && stem !== word && word.indexOf(stem) === 0) {
          if (clause.presence === lunr.Query.presence.REQUIRED) {
            clause.term = stem + "*";
          } else {
            parser.query.clause({
              term: stem + "*",
              fields: STEM_FIELDS,
              boost: (clause.boost || 1) * STEM_BOOST,
              usePipeline: false,
              presence: lunr.Query.presence.OPTIONAL
            });
          }
        }
      }
      return next;
    };
  }

  // The theme loads Lunr's languages with importScripts just before building the index:
  // adjust Lunr as soon as they are there (synchronously in a worker, through a promise in
  // the iframe that stands in for a worker when the site is opened from a local folder).
  var importOriginal = self.importScripts;
  self.importScripts = function () {
    var loaded = importOriginal.apply(self, arguments);
    if (loaded && typeof loaded.then === "function") {
      return loaded.then(function (value) {
        adjustLunr();
        return value;
      });
    }
    adjustLunr();
    return loaded;
  };
})();
