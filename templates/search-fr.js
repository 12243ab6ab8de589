// The guide's search worker (issue 20): MiniSearch with the French Snowball stemmer, speaking
// the theme's worker protocol (set-up, ready, query, result), so that the theme's search box
// and result list stay as they are. hooks/search_hooks.py serves it as
// assets/javascripts/workers/search-fr.js with the library files it loads (assets/javascripts/
// vendor/, copied from node_modules/); overrides/main.html starts it on first use of the search
// box. The index, search/guide-index.js, is built with the site (src/guide/search.py): every page
// once, with three fields (title with the page's address; headings with its description and
// tags; text), each with the glossary's synonyms of the words it holds, its words folded (lower
// case, no accents, œ → oe) and without the French stop words and question words.
//
// Each word typed is looked for
// - as typed, folded, also as the start of a longer word (« répét » finds « répétition »), and
//   with one typing error from 4 letters on, two from 8 (« confidencialite »);
// - through its French stem, as the start of a word (« accompagnez » finds
//   « accompagnement »), when the stem has 5 letters or more.
// Each word weighs by how few pages hold it, whatever the number of its forms on a page; a
// word in the title counts more than in a heading, which counts more than in the text. A page
// lacking a word loses half its score for it: pages holding every word come first, unless a
// page about the subject (its title) lacks one word of a long question. A page whose title is
// the query comes first: the page about a thing before the pages that mention it.
// Everything runs in the reader's browser; nothing is stored or sent. Loaded with importScripts,
// which also works from a local folder (file://), where the theme runs this worker in an iframe.
(function () {
  "use strict";

  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var BOOST = { title: 8, headings: 3, text: 1 };
  var MIN_STEM = 5;
  // The word as typed first; its other forms (stem, typing errors) count less.
  var WEIGHTS = { fuzzy: 0.45, prefix: 0.6 };
  var STEM_BOOST = 0.8;
  var MISSING = 0.5;
  var FIELD_LEVEL = { title: 1, headings: 0.7, text: 0.5 };
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
  var WORD = /[\p{L}\p{N}]+/gu;

  // Where this script is: the worker's own address, or the address of its <script> element in
  // the iframe that stands in for a worker from a local folder.
  var here =
    typeof document !== "undefined" && document.currentScript
      ? document.currentScript.src
      : self.location.href;
  function near(path) {
    return new URL(path, here).href;
  }

  var engine = null;
  var stopWords = null;
  var phrases = [];
  var stemmer = null;
  var ready = null;

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/[œæß]/g, function (letter) {
        return LIGATURES[letter];
      })
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  // The words of the index's own rule (guide.search.terms): folded, stop words out; each with
  // the word as typed (for its stem, which needs the accents).
  function words(text) {
    var found = [];
    (text.toLowerCase().match(WORD) || []).forEach(function (word) {
      var folded = fold(word);
      if (!stopWords.has(folded)) {
        found.push({ typed: word, folded: folded });
      }
    });
    return found;
  }

  // The index file holds its words in one string (guide.search.build_index): each word, a
  // space, then one list per field (separated by « | ») of the pages that hold it, each page
  // number in base 36 as the difference from the previous one, « :count » when the word is
  // there more than once. MiniSearch's serialized form is rebuilt from it.
  function expand(data) {
    var index = [];
    var parts = data.terms.split(" ");
    for (var i = 0; i + 1 < parts.length; i += 2) {
      var fields = {};
      parts[i + 1].split("|").forEach(function (list, field) {
        if (!list) {
          return;
        }
        var pages = {};
        var page = 0;
        list.split(",").forEach(function (entry) {
          var pair = entry.split(":");
          page += parseInt(pair[0], 36);
          pages[page] = pair.length > 1 ? parseInt(pair[1], 36) : 1;
        });
        fields[field] = pages;
      });
      index.push([parts[i], fields]);
    }
    var documentIds = {};
    var storedFields = {};
    var fieldLength = {};
    data.pages.forEach(function (page, id) {
      documentIds[id] = page[0];
      storedFields[id] = { location: page[0], title: page[1], text: page[2] };
      fieldLength[id] = data.lengths[id];
    });
    return {
      documentCount: data.pages.length,
      nextId: data.pages.length,
      documentIds: documentIds,
      fieldIds: data.fieldIds,
      fieldLength: fieldLength,
      averageFieldLength: data.averageLengths,
      storedFields: storedFields,
      dirtCount: 0,
      index: index,
      serializationVersion: 2
    };
  }

  function setup() {
    // Synchronous in a worker; a promise in the iframe that stands in for one.
    var loading = self.importScripts(
      near("../vendor/minisearch.js"),
      near("../vendor/snowball-stemmers.js"),
      near("../../../search/guide-index.js")
    );
    return Promise.resolve(loading).then(function () {
      var data = self.guideSearchIndex;
      stopWords = new Set(data.stopWords);
      phrases = data.phrases || [];
      stemmer = self.snowballFactory.newStemmer("french");
      engine = self.MiniSearch.loadJS(expand(data), {
        fields: data.fields,
        storeFields: ["location", "title", "text"],
        searchOptions: {
          boost: BOOST,
          weights: WEIGHTS,
          // The words are ready: folded and without stop words (see words).
          tokenize: function (text) {
            return [text];
          },
          processTerm: function (term) {
            return term;
          }
        }
      });
    });
  }

  function fuzziness(word) {
    if (word.length >= 8) {
      return 2;
    }
    return word.length >= 4 ? 1 : false;
  }

  // MiniSearch's query for one typed word: the word itself (with typing errors; as the start
  // of a longer word if it is the last one typed, which the reader may not have finished), or
  // its stem as the start of a word. Also gives the forms that count as the word itself.
  function wordQuery(word, last) {
    var queries = [{ queries: [word.folded], prefix: last, fuzzy: fuzziness(word.folded) }];
    word.starts = [word.folded];
    var stem = fold(stemmer.stem(word.typed));
    if (stem.length >= MIN_STEM && stem !== word.folded) {
      queries.push({ queries: [stem], prefix: true, boost: STEM_BOOST });
      word.starts.push(stem);
    }
    return { combineWith: "OR", queries: queries };
  }

  // Whether a page holds the word itself, as typed or in another form, not only with a typing
  // error (« chez » for « chef »).
  function holds(word, result) {
    return result.terms.some(function (term) {
      return word.starts.some(function (start) {
        return term.indexOf(start) === 0;
      });
    });
  }

  // The weight of the strongest field in which some of the results hold a word.
  function strongest(results) {
    var level = FIELD_LEVEL.text;
    results.forEach(function (result) {
      result.terms.forEach(function (term) {
        (result.match[term] || []).forEach(function (name) {
          level = Math.max(level, FIELD_LEVEL[name] || 0);
        });
      });
    });
    return level;
  }

  function inTitle(word, result) {
    return result.terms.some(function (term) {
      return (result.match[term] || []).indexOf("title") !== -1;
    });
  }

  // Whether a title holds the whole query, stop words included, as typed (« Ce que
  // l’accompagnement n’est pas »): the page's own name.
  function namesPage(query, title) {
    var typed = (fold(query).match(WORD) || []).join(" ");
    var name = " " + (fold(title).match(WORD) || []).join(" ") + " ";
    return typed.indexOf(" ") !== -1 && name.indexOf(" " + typed) !== -1;
  }

  // Whether the words typed are those of a title, stop words aside (« l’équipe » for
  // « Équipe »): the page's name.
  function titleTyped(typed, title) {
    var named = words(title);
    function same(word, t) {
      return t.starts.some(function (start) {
        return word.folded.indexOf(start) === 0;
      });
    }
    return (
      named.length > 0 &&
      named.every(function (word) {
        return typed.some(function (t) {
          return same(word, t);
        });
      }) &&
      typed.every(function (t) {
        return named.some(function (word) {
          return same(word, t);
        });
      })
    );
  }

  // A reader's phrase of common words only (« ne veut pas »), which words() would drop whole,
  // brings the guide's words it stands for (content/glossary.yml, search_synonyms; the index's
  // « phrases », guide.search.stop_word_phrases).
  function withPhrases(query) {
    var folded = " " + (fold(query).match(WORD) || []).join(" ") + " ";
    phrases.forEach(function (phrase) {
      if (folded.indexOf(" " + phrase[0] + " ") !== -1) {
        query += " " + phrase[1];
      }
    });
    return query;
  }

  function search(query) {
    var typed = words(withPhrases(query));
    var found = new Map();
    var pages = engine.documentCount;
    typed.forEach(function (word, i) {
      var results = engine.search(wordQuery(word, i === typed.length - 1));
      // A word that some pages hold as typed: the pages that only hold a word one typing error
      // away do not count as holding it. A word no page holds is taken as mistyped.
      var typo = !results.some(function (result) {
        return holds(word, result);
      });
      // Each word weighs by its rarity, whatever the number of its forms that a page holds
      // (« accompagn… » matches a dozen words on every page): its score on a page, relative
      // to its best page, times the log of how few pages hold it.
      var holding = results.filter(function (result) {
        return typo || holds(word, result);
      });
      var best = Math.max.apply(null, holding.map(function (result) {
        return result.score;
      }).concat([1e-9]));
      // And by where it is strongest: a word that some page has in its title or headings
      // names a subject; a word only ever in running text (« venir ») weighs less.
      var rarity = Math.log(1 + pages / Math.max(1, holding.length)) * strongest(holding);
      results.forEach(function (result) {
        var entry = found.get(result.id);
        if (!entry) {
          entry = { result: result, score: 0, count: 0, titled: 0, matched: typed.map(function () { return false; }) };
          found.set(result.id, entry);
        }
        var held = typo || holds(word, result);
        // A page that only holds a word one typing error away (« pris » for « prix ») gets
        // nothing for it when other pages hold the word itself.
        entry.score += held ? (rarity * result.score) / best : 0;
        entry.count += held ? 1 : 0;
        entry.titled += inTitle(word, result) ? 1 : 0;
        entry.matched[i] = held;
      });
    });
    var ranked = Array.from(found.values());
    ranked.forEach(function (entry) {
      // The page about the words typed: they are in its title, or its title is the query.
      entry.score *= 1 + entry.titled / typed.length;
      if (namesPage(query, entry.result.title) || titleTyped(typed, entry.result.title)) {
        entry.score *= 4;
      }
      // Pages with every word first, then those with most of them: each word a page lacks
      // lowers its score, so that a page about the subject that lacks one word of a long
      // question still comes before pages that only mention every word.
      entry.score *= Math.pow(MISSING, typed.length - entry.count);
    });
    ranked.sort(function (a, b) {
      return b.score - a.score || b.count - a.count;
    });
    return ranked.map(function (entry) {
      var terms = {};
      typed.forEach(function (word, i) {
        terms[word.typed] = entry.matched[i];
      });
      return [
        {
          location: entry.result.location,
          title: entry.result.title,
          text: entry.result.text,
          score: entry.score,
          terms: terms
        }
      ];
    });
  }

  function handle(message) {
    switch (message.type) {
      case SETUP:
        ready = ready || setup();
        return ready.then(function () {
          return { type: READY };
        });
      case QUERY:
        return (ready || (ready = setup())).then(function () {
          try {
            return { type: RESULT, data: { items: search(String(message.data || "")) } };
          } catch (error) {
            console.warn("search: " + error);
            return { type: RESULT, data: { items: [] } };
          }
        });
      default:
        return Promise.reject(new TypeError("search: unknown message " + message.type));
    }
  }

  // One message at a time, in order: a query waits for the index. A query typed over by a
  // later keystroke while it waited is not searched: the reader sees the last one sooner.
  var queue = Promise.resolve();
  var waiting = 0;
  addEventListener("message", function (event) {
    var query = event.data && event.data.type === QUERY;
    waiting += query ? 1 : 0;
    queue = queue.then(function () {
      waiting -= query ? 1 : 0;
      if (query && waiting > 0) {
        return undefined;
      }
      return handle(event.data).then(function (answer) {
        postMessage(answer);
      });
    });
  });
})();
