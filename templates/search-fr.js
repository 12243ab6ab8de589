// French search that forgives: stemming, accents, elisions. hooks/search_hooks.py appends this
// file to the theme's worker and serves the result as assets/javascripts/workers/search-fr.js
// (the export writes the same file).
//
// The theme adds a trailing wildcard to every word typed, so that « répét » finds
// « répétition »; but Lunr runs no pipeline on a word with a wildcard, hence no stemmer, no
// stop-word filter and nothing else of mkdocs.yml's search pipeline. Here, once Lunr's French
// support is loaded:
// - the index keeps each word and its stem, both folded: accents and ligatures removed
//   (« Éperon » is indexed as « eperon », « œil » as « oeil »);
// - every word typed is folded the same way, so « eperon » and « éperon » find the same pages;
// - a lone letter left by an elision (« d’action » is typed as « d » and « action ») and the
//   French stop words (« des », « la ») are dropped from the query instead of matching every
//   word that starts with them; a word required with quotes is kept, and found in any form;
// - a word typed with a wildcard also looks for its stem, at a lower weight: pages with the very
//   form typed come first, pages with another form of it follow;
// - with several words typed, a page must hold each of them, in any of its forms;
// - a page's title counts more than its tags, so an entry's own page comes first for its name.
// Nothing is stored or sent: all of it runs in the reader's browser.
(function () {
  "use strict";

  // Other forms of a word count less than the form typed.
  var STEM_BOOST = 0.5;
  var STEM_FIELDS = ["title", "text"];
  // A stem shorter than this (« all » for « allez ») would match too many unrelated words.
  var MIN_STEM = 5;
  // Field weights: the theme weighs tags a thousand times more than titles; here the title
  // leads, and tags still outweigh the running text.
  var FIELD_BOOSTS = { title: 1000, tags: 100 };

  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };

  function fold(word) {
    return word
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæß]/g, function (letter) {
        return LIGATURES[letter];
      });
  }

  function stemOf(word) {
    return lunr.fr.stemmer.stemOnly(new lunr.Token(word, {})).toString();
  }

  function isStopWord(word) {
    return !lunr.fr.stopWordFilter(new lunr.Token(word, {}));
  }

  function adjustLunr() {
    if (typeof lunr === "undefined" || !lunr.fr || !lunr.fr.stemmer || lunr.fr.stemmer.stemOnly) {
      return;
    }
    // Index the word and its stem, both folded.
    var stemmer = lunr.fr.stemmer;
    var wordAndStem = function (token, i, tokens) {
      var word = token.toString();
      var stemmed = stemmer(token.clone(), i, tokens);
      var forms = [fold(word)];
      var stem = stemmed && fold(stemmed.toString());
      if (stem && stem !== forms[0]) {
        forms.push(stem);
      }
      if (searchIndex) {
        // At search time, only forms the index holds: a required word's form that no page has
        // (the stem of a word typed without its accents) would otherwise rule out every page.
        var held = forms.filter(function (form) {
          return Object.prototype.hasOwnProperty.call(searchIndex.invertedIndex, form);
        });
        forms = held.length ? held : forms.slice(0, 1);
      }
      return forms.map(function (form) {
        return token.clone(function () {
          return form;
        });
      });
    };
    var searchIndex = null;
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      searchIndex = build.call(this);
      return searchIndex;
    };
    wordAndStem.stemOnly = stemmer;
    lunr.Pipeline.registerFunction(wordAndStem, "stemmer-fr-folded");
    lunr.fr.stemmer = wordAndStem;

    // Fold the words of every query, drop stop words and elided letters, add stems.
    var REQUIRED = lunr.Query.presence.REQUIRED;
    var addClause = lunr.Query.prototype.clause;
    var adding = false;
    lunr.Query.prototype.clause = function (clause) {
      addClause.call(this, clause);
      if (adding || typeof clause.term !== "string") {
        return this;
      }
      var match = /^(\**)([^*]*)(\**)$/.exec(clause.term);
      if (!match || !match[2]) {
        return this;
      }
      var typed = match[2];
      var word = fold(typed);
      if (clause.presence !== REQUIRED && (isStopWord(typed) || isStopWord(word))) {
        this.clauses.pop();
        return this;
      }
      clause.typed = true;
      var stem = fold(stemOf(typed));
      var usable = stem && stem.length >= MIN_STEM && stem !== word && word.indexOf(stem) === 0;
      if (!match[1] && !match[3]) {
        return this; // a word in quotes goes through the pipeline: the word and its stem, folded
      }
      clause.term = match[1] + word + match[3];
      if (match[1] || match[3] !== "*") {
        return this;
      }
      if (usable) {
        clause.stem = stem + "*";
        if (clause.presence === REQUIRED) {
          clause.term = clause.stem;
        } else {
          adding = true;
          try {
            this.clause({
              stemOf: clause,
              term: stem + "*",
              fields: STEM_FIELDS.filter(function (field) {
                return clause.fields.indexOf(field) !== -1;
              }),
              boost: (clause.boost || 1) * STEM_BOOST,
              usePipeline: false,
              wildcard: lunr.Query.wildcard.TRAILING,
              presence: lunr.Query.presence.OPTIONAL
            });
          } finally {
            adding = false;
          }
          if (!this.clauses[this.clauses.length - 1].fields.length) {
            this.clauses.pop();
          }
        }
      }
      return this;
    };

    // Several words typed: a page must hold each of them (in any of its forms), as in a
    // search engine; a single word keeps the theme's ranking of partial matches.
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (fn) {
      return query.call(this, function (q) {
        fn.call(q, q);
        requireEvery(q);
      });
    };
    function requireEvery(q) {
      var typed = q.clauses.filter(function (c) {
        return c.typed && c.presence === lunr.Query.presence.OPTIONAL;
      });
      if (typed.length < 2) {
        return;
      }
      typed.forEach(function (c) {
        c.presence = REQUIRED;
        if (c.stem) {
          c.term = c.stem;
        }
      });
      q.clauses = q.clauses.filter(function (c) {
        return !(c.stemOf && typed.indexOf(c.stemOf) !== -1);
      });
    }

    // Titles before tags.
    var addField = lunr.Builder.prototype.field;
    lunr.Builder.prototype.field = function (name, attributes) {
      if (attributes && Object.prototype.hasOwnProperty.call(FIELD_BOOSTS, name)) {
        attributes = Object.assign({}, attributes, { boost: FIELD_BOOSTS[name] });
      }
      return addField.call(this, name, attributes);
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
