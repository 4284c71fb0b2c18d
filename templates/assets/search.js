// The search page's client: it answers the query in the address (?q=…)
// and each one typed, from the index sitegen writes in tim-kiem/chi-muc/
// (internal/search). Each file of the index is a script that calls
// sitegenSearch(payload), so it loads with a plain <script> element, from
// disk (file://) and under any sub-path, with no fetch.
//
// The rules are those of internal/search (Reader, the reference its
// tests check and the browser tests compare with): words cut by the same
// pattern and folded by the same rule (package fold), every word of the
// query required, the last one matched as a prefix while it is typed,
// BM25 weights computed at build time, and a bonus for a word in the
// very form typed. Results are DOM nodes made here; text of the index
// never becomes markup.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  var K1 = 1.2, WEIGHT_MAX = 63, EXACT_BONUS = K1 + 1, MIN_PREFIX = 2, MAX_WORD = 64, LIMIT = 20;
  var MAX_RECORD_FILES = 2, WHOLE_WORD = 1e4;
  var WORD = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+/gu;
  var MARKS = /\p{Mn}/gu;
  var root = form.getAttribute("data-root") || "";
  var manifestURL = form.getAttribute("data-index");
  var dir = manifestURL.slice(0, manifestURL.lastIndexOf("/") + 1);
  var encoder = new TextEncoder();

  function label(name) { return form.getAttribute("data-" + name) || ""; }
  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in args ? args[k] : m; });
  }

  // fold is package fold's rule: no marks, đ → d, lower case.
  function fold(s) {
    return s.normalize("NFD").replace(MARKS, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  // words cuts s as the index does; each word with where it stands.
  // The results' texts repeat the same words: each is measured and
  // folded once (forms; null when too long to be a word).
  var forms = new Map();
  function words(s) {
    var out = [], m, f;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s))) {
      f = forms.get(m[0]);
      if (f === undefined) {
        // A UTF-16 unit is at most 3 bytes of UTF-8.
        var v = m[0].length * 3 > MAX_WORD && encoder.encode(m[0]).length > MAX_WORD ? null : m[0].normalize("NFC").toLowerCase();
        f = v === null ? null : { variant: v, folded: fold(v) };
        forms.set(m[0], f);
      }
      if (f) out.push({ variant: f.variant, folded: f.folded, at: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // DIGIT is the value of each character of a postings string
  // (internal/search, alphabet).
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Uint8Array(128);
  for (var c = 0; c < ALPHABET.length; c++) DIGIT[ALPHABET.charCodeAt(c)] = c;

  // records are the documents of the files of records loaded so far;
  // outside, for each frequent word whose file of records is loaded, the
  // most it weighs in a document whose record is not there.
  var records = new Map(), outside = new Map(), loadedRecords = new Set();

  // Loading the index: each file once, as a script.
  var waiting = {}, files = {};
  window.sitegenSearch = function (payload) {
    if (/^r/.test(payload.f)) {
      payload.d.forEach(function (d) { records.set(d[0], d); });
      (payload.o || []).forEach(function (o) { outside.set(o[0], o[1]); });
      loadedRecords.add(payload.f);
    }
    var done = waiting[payload.f];
    if (done) {
      delete waiting[payload.f];
      done(payload);
    }
  };
  function baseOf(name) { return name.replace(/\.[0-9a-f]{8}\.js$/, ""); }
  function load(name) {
    var base = baseOf(name);
    if (!files[base]) {
      files[base] = new Promise(function (resolve, reject) {
        waiting[base] = resolve;
        var s = document.createElement("script");
        s.src = dir + name;
        // A file that ran without handing its payload is no file of
        // this index either.
        s.onerror = s.onload = function () {
          if (!waiting[base]) return;
          delete files[base];
          delete waiting[base];
          reject(new Error(name));
        };
        document.head.appendChild(s);
      });
    }
    return files[base];
  }

  var manifest = null;
  function shardsFor(w, prefix) {
    var best = longestKey(manifest.shards, w), out = [];
    for (var i = 0; i < manifest.shards.length; i++) {
      if (i === best || (prefix && manifest.shards[i][0].indexOf(w) === 0)) out.push(manifest.shards[i][1]);
    }
    return out;
  }
  // longestKey is the file of files ([key, name]) whose key is the
  // longest that w starts with; -1 for none.
  function longestKey(files, w) {
    var best = -1;
    for (var i = 0; i < files.length; i++) {
      if (w.indexOf(files[i][0]) === 0 && (best < 0 || files[i][0].length > files[best][0].length)) best = i;
    }
    return best;
  }

  // matching are the rows of the shards that word a matches, each with
  // the mask of the written forms it has in the very form typed.
  function matching(a, shards) {
    var out = [];
    shards.forEach(function (shard) {
      shard.t.forEach(function (row) {
        var folded = row[0], variants = row[1];
        if (folded !== a.w.folded && !(a.asPrefix && folded.indexOf(a.w.folded) === 0)) return;
        var exact = 0;
        for (var i = 0; i < variants.length; i++) {
          if (variants[i] === a.w.variant || (a.asPrefix && variants[i].indexOf(a.w.variant) === 0)) exact |= 1 << i;
        }
        out.push({ row: row, exact: exact, records: row.length > 5 ? shard.r[row[5]] : null, titles: row.length > 6 ? row[6] : null });
      });
    });
    return out;
  }

  // termScores are the scores of word a in each document (0: not there),
  // for a prefix the best of the words it starts; with candidates, a
  // dense word (internal/search, shardData) is looked up in those only.
  function termScores(a, candidates) {
    var n = manifest.n, scores = new Float64Array(n);
    a.rows.forEach(function (m) {
      var row = m.row, df = row[2], p = row[3], masked = row[1].length > 1;
      var rowIdf = idf(df);
      // The last word whole before the words it begins (internal/search,
      // wholeWord).
      var whole = a.asPrefix && row[0] === a.w.folded ? WHOLE_WORD : 0;
      var j, d, s;
      if (row[4]) {
        for (j = 0; j < (candidates ? candidates.length : n); j++) {
          d = candidates ? candidates[j] : j;
          var w = DIGIT[p.charCodeAt(d)];
          if (!w) continue;
          s = score(rowIdf, w, masked ? DIGIT[p.charCodeAt(n + d)] : 1, m.exact) + whole;
          if (s > scores[d]) scores[d] = s;
        }
        return;
      }
      var next = numbers(p);
      for (j = 0, d = 0; j < df; j++) {
        d += next();
        var weight = DIGIT[p.charCodeAt(next.at++)];
        s = score(rowIdf, weight, masked ? next() : 1, m.exact) + whole;
        if (s > scores[d]) scores[d] = s;
      }
    });
    return scores;
  }

  // idf is the inverse document frequency of a word in df documents.
  function idf(df) {
    return Math.log(1 + (manifest.n - df + 0.5) / (df + 0.5));
  }

  // score is a word's score in a document: its weight there times its
  // idf, and the bonus when the document has the word in the form typed.
  function score(idf, weight, mask, exact) {
    var s = idf * weight / WEIGHT_MAX * (K1 + 1);
    if (mask & exact) s += idf * EXACT_BONUS;
    return s;
  }

  // numbers reads the numbers of a postings string in turn
  // (internal/search, appendNumber); its .at is where it stands.
  function numbers(p) {
    var next = function () {
      for (var v = 0, shift = 1, c; (c = DIGIT[p.charCodeAt(next.at++)]) >= 32; shift *= 32) v += (c - 32) * shift;
      return v + c * shift;
    };
    next.at = 0;
    return next;
  }

  // doc is document id, from its record when fromRecord, else from its
  // block.
  function doc(id, fromRecord) {
    var r = records.get(id);
    if (fromRecord) return { id: id, kind: r[1], title: r[2], path: r[3], date: r[4], text: r[5] };
    return load(manifest.docs[Math.floor(id / manifest.block)]).then(function (b) {
      var d = b.d[id - b.first];
      return { id: id, kind: d[0], title: d[1], path: d[2], date: d[3], text: d[4] };
    });
  }

  // search answers q as internal/search's Reader.Search does; first is
  // given the first results when they are known before the rest
  // (earlyHits).
  function search(q, prefix, first) {
    var ws = words(q);
    if (!ws.length) return Promise.resolve(null);
    var asks = ws.map(function (w, i) {
      var asPrefix = prefix && i === ws.length - 1 && Array.from(w.folded).length >= MIN_PREFIX;
      var common = asPrefix ? undefined : manifest.commonIndex.get(w.folded);
      // It may be rare (internal/search, maybeRare): not listed as
      // frequent, or, being typed, the beginning of no frequent word.
      var maybeRare = asPrefix ? !manifest.common.some(function (c) { return c[0].indexOf(w.folded) === 0; }) : common === undefined;
      return { w: w, asPrefix: asPrefix, common: common === undefined ? -1 : common, maybeRare: maybeRare, files: shardsFor(w.folded, asPrefix) };
    });
    // The rare words first (and those of no document, and the prefix):
    // the one in the fewest documents names the candidates. When its
    // words are all rare, the records of their documents, with the
    // frequent words each has, are in a file or two of records, and the
    // frequent words' shards need not be loaded (internal/search,
    // Reader.Search).
    var rare = asks.filter(function (a) { return a.common < 0; });
    var frequent = asks.filter(function (a) { return a.common >= 0; });
    var home = new Map();
    // Asked for with the rare words' shards, to wait fewer times
    // (internal/search, ahead).
    var last = asks[asks.length - 1], early = [], rarest = null;
    var maybe = last.maybeRare ? [last] : asks.filter(function (a) { return a.maybeRare; });
    function ahead(w, prefix) {
      var best = longestKey(manifest.records, w);
      manifest.records.forEach(function (f, i) {
        if ((i === best || (prefix && f[0].indexOf(w) === 0)) && early.indexOf(f[1]) < 0) early.push(f[1]);
      });
    }
    maybe.forEach(function (a) { ahead(a.w.folded, a.asPrefix); });
    var sure = !maybe.length;
    if (sure) {
      asks.forEach(function (a) {
        var c = manifest.commonIndex.get(a.w.folded);
        if (c !== undefined && (!rarest || manifest.common[c][2] < rarest[2])) rarest = manifest.common[c];
      });
      if (rarest) ahead(rarest[0], false);
      // The last word's too, whole: most often a cell's or an article's
      // number, whose records may show the first results before any
      // shard (earlyHits).
      if (manifest.commonIndex.has(last.w.folded)) ahead(last.w.folded, false);
    }
    if (early.length > MAX_RECORD_FILES) {
      early = [];
      // The last word being typed begins too many words: its own file of
      // records, whole, which may show the first results (earlyHits).
      if (maybe.length === 1 && maybe[0] === last && last.asPrefix) ahead(last.w.folded, false);
    }
    var earlyLoaded = Promise.all(early.map(load)), rareRows = rowsOf(rare);
    var someRare = asks.some(function (a) { return !manifest.commonIndex.has(a.w.folded); });
    var firstFiles = Promise.all([earlyLoaded, someRare && rareRows]);
    firstFiles.then(function () {
      var hits = earlyHits(asks);
      if (hits.length) first({ words: asks, docs: hits.map(function (h) { return doc(h.id, true); }) });
    }, function () {});
    // The frequent words' shards once the files that may show the first
    // results have come: asked for with them, they came before them.
    var frequentRows = sure && (early.length ? firstFiles.then(function () { return rowsOf(frequent); }) : rowsOf(frequent));
    return Promise.all([earlyLoaded, rareRows, frequentRows]).then(function () {
      rare.forEach(function (a) { homes(a.rows, home); });
      var found = candidates(rare), least = rare.length && leastOf(rare), files = least && recordFilesFor(least.rows);
      if (least && (!least.rows.length || files)) {
        return Promise.all((files || []).map(load)).then(function () {
          frequent.forEach(function (a) { a.scores = recordScores(a, found); });
          return found;
        });
      }
      return rowsOf(frequent).then(function () {
        frequent.forEach(function (a) { homes(a.rows, home); });
        if (!found) return candidates(frequent);
        frequent.forEach(function (a) { a.scores = termScores(a, found); });
        return found;
      });
    }).then(function (found) {
      // Every word's score is above 0 where it is found; the sum is
      // taken in the order of the query's words, as internal/search does.
      var hits = [];
      found.forEach(function (d) {
        var v = asks[0].scores[d];
        for (var i = 1; i < asks.length && v > 0; i++) v = asks[i].scores[d] > 0 ? v + asks[i].scores[d] : 0;
        if (v > 0) hits.push({ id: d, score: Math.round(v * 1e6) / 1e6 });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      var total = hits.length;
      // The results' records come from files of records or from blocks,
      // whichever are fewer files.
      var top = hits.slice(0, LIMIT), viaRecords = [], viaBlocks = [];
      top.forEach(function (h) {
        h.has = records.has(h.id);
        if (h.has) return;
        var block = manifest.docs[Math.floor(h.id / manifest.block)];
        if (viaBlocks.indexOf(block) < 0) viaBlocks.push(block);
        if (viaRecords.indexOf(home.get(h.id) || block) < 0) viaRecords.push(home.get(h.id) || block);
      });
      var useRecords = viaRecords.length < viaBlocks.length;
      return Promise.all(top.map(function (h) {
        var f = !h.has && useRecords && home.get(h.id);
        return f ? load(f).then(function () { return doc(h.id, true); }) : doc(h.id, h.has);
      })).then(function (docs) {
        if (total > 0) return { words: asks, docs: docs, total: total };
        return suggest(ws).then(function (s) { return { words: asks, docs: [], total: 0, suggest: s }; });
      });
    });
  }

  // rowsOf loads the shards of words asks and finds their rows.
  function rowsOf(asks) {
    return Promise.all(asks.map(function (a) {
      return Promise.all(a.files.map(load)).then(function (shards) {
        a.rows = matching(a, shards);
        a.cost = a.rows.reduce(function (c, m) { return c + m.row[2]; }, 0);
      });
    }));
  }

  // candidates are the documents that have every word of asks (null for
  // none), each word's scores set: the word in the fewest documents names
  // them, the others are looked up in them.
  function candidates(asks) {
    if (!asks.length) return null;
    var least = leastOf(asks);
    least.scores = termScores(least, null);
    var found = [], d;
    for (d = 0; d < least.scores.length; d++) if (least.scores[d] > 0) found.push(d);
    asks.forEach(function (a) {
      if (a === least) return;
      a.scores = termScores(a, found);
      found = found.filter(function (d) { return a.scores[d] > 0; });
    });
    return found;
  }

  // homes notes in home the file of records of each document of rows
  // that has one (internal/search, recordDocs), unless a row before named
  // it.
  function homes(rows, home) {
    rows.forEach(function (m) {
      if (!m.records) return;
      var p = m.titles || m.row[3], next = numbers(p), d = 0;
      while (next.at < p.length) {
        d += next();
        if (!m.titles) next.at++; // the weight
        if (!m.titles && m.row[1].length > 1) next(); // the mask
        if (!home.has(d)) home.set(d, m.records);
      }
    });
  }

  function leastOf(asks) {
    return asks.reduce(function (l, a) { return a.cost < l.cost ? a : l; });
  }

  // recordFilesFor are the files of records of the documents of rows
  // when they are all rare words (internal/search, fileData), in at most
  // MAX_RECORD_FILES files; null otherwise.
  function recordFilesFor(rows) {
    var files = [];
    for (var i = 0; i < rows.length; i++) {
      if (!rows[i].records || rows[i].titles !== null) return null;
      if (files.indexOf(rows[i].records) < 0) files.push(rows[i].records);
    }
    return files.length > MAX_RECORD_FILES ? null : files;
  }

  // recordScores are frequent word a's scores in documents found, from
  // the frequent words their records list (internal/search,
  // frequentWords).
  function recordScores(a, found) {
    var scores = new Float64Array(manifest.n), score = frequentScorer(a, a.common);
    found.forEach(function (d) {
      var wm = weightIn(records.get(d)[6], a.common);
      if (wm) scores[d] = score(wm[0], wm[1]);
    });
    return scores;
  }

  // weightIn is the weight and mask of frequent word c in a record's list
  // of the frequent words it has; null when it has not c.
  function weightIn(have, c) {
    var next = numbers(have);
    for (var k = 0; next.at < have.length; ) {
      k += next();
      var weight = DIGIT[have.charCodeAt(next.at++)];
      var mask = manifest.common[k][1].length > 1 ? next() : 1;
      if (k === c) return [weight, mask];
      if (k > c) break;
    }
    return null;
  }

  // frequentScorer scores word a, frequent word c, in a document where
  // it weighs weight in the forms of mask (-1: any), as termScores scores
  // it: a prefix found whole. Its idf and the forms typed are worked out
  // once, not for every record.
  function frequentScorer(a, c) {
    var cw = manifest.common[c], exact = 0, rowIdf = idf(cw[2]), bonus = a.asPrefix ? WHOLE_WORD : 0;
    for (var i = 0; i < cw[1].length; i++) {
      if (cw[1][i] === a.w.variant || (a.asPrefix && cw[1][i].indexOf(a.w.variant) === 0)) exact |= 1 << i;
    }
    return function (weight, mask) { return score(rowIdf, weight, mask, exact) + bonus; };
  }

  // earlyHits are the first results of a query, from the files of
  // records loaded so far before any shard of its frequent words (a rare
  // word scored from its row, in the shards loaded first): those whose
  // score no document whose record is not loaded can reach
  // (internal/search, Reader.early).
  function earlyHits(asks) {
    var bound = Infinity, hits = [], scoreIn = [], most = [], out = [], df = [];
    var prefixOnly = score(idf(1), WEIGHT_MAX, -1, -1);
    for (var i = 0; i < asks.length; i++) {
      var a = asks[i], c = manifest.commonIndex.get(a.w.folded);
      if (c !== undefined) {
        df.push(manifest.common[c][2]);
        var scorer = frequentScorer(a, c);
        scoreIn.push(frequentIn(scorer, c));
        most.push(scorer(manifest.common[c][3], -1));
        var o = outside.get(a.w.folded);
        var os = o === undefined ? NaN : o > 0 ? scorer(o, -1) : -Infinity;
        out.push(a.asPrefix ? Math.max(os, prefixOnly) : os);
        continue;
      }
      // A rare word: every document that has it is in its file of
      // records.
      var m = a.rows && a.rows.filter(function (m) { return m.row[0] === a.w.folded; })[0];
      if (!m) return [];
      df.push(m.row[2]);
      var bonus = a.asPrefix ? WHOLE_WORD : 0;
      scoreIn.push(wholeIn(m, bonus));
      most.push(prefixOnly + bonus);
      if (!m.records || m.titles !== null || !loadedRecords.has(baseOf(m.records))) out.push(NaN);
      else out.push(a.asPrefix ? prefixOnly : -Infinity);
    }
    for (i = 0; i < asks.length; i++) {
      if (isNaN(out[i])) continue;
      var b = 0;
      for (var j = 0; j < asks.length; j++) b += j === i ? out[j] : most[j];
      bound = Math.min(bound, b);
    }
    if (bound === Infinity) return [];
    // Every loaded record is looked at, the word in the fewest documents
    // first, the most of them left out at once.
    var order = asks.map(function (a, i) { return i; }).sort(function (x, y) { return df[x] - df[y]; });
    var s = [];
    records.forEach(function (r, id) {
      for (var k = 0; k < order.length; k++) {
        if ((s[order[k]] = scoreIn[order[k]](id, r)) === null) return;
      }
      // Summed in the order of the words, as search does.
      var v = s[0];
      for (var i = 1; i < s.length; i++) v += s[i];
      hits.push({ id: id, score: Math.round(v * 1e6) / 1e6 });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var k = 0;
    // A margin above the bound for the rounding of the scores.
    while (k < hits.length && k < LIMIT && hits[k].score > bound + 1e-6) k++;
    return hits.slice(0, k);
  }
  // frequentIn scores frequent word c in a record by scorer; null: not
  // there.
  function frequentIn(scorer, c) {
    return function (id, r) {
      var wm = weightIn(r[6], c);
      return wm ? scorer(wm[0], wm[1]) : null;
    };
  }
  // wholeIn scores a rare word, found whole (its row m), in a document,
  // with bonus; null: not there.
  function wholeIn(m, bonus) {
    var weights = new Map(), p = m.row[3], next = numbers(p), masked = m.row[1].length > 1, rowIdf = idf(m.row[2]);
    for (var j = 0, d = 0; j < m.row[2]; j++) {
      d += next();
      var weight = DIGIT[p.charCodeAt(next.at++)];
      weights.set(d, [weight, masked ? next() : 1]);
    }
    return function (id) {
      var wm = weights.get(id);
      return wm ? score(rowIdf, wm[0], wm[1], m.exact) + bonus : null;
    };
  }

  // suggest is the cell whose name (or former name) is nearest the query.
  function suggest(ws) {
    return load(manifest.names).then(function (p) {
      var query = ws.map(function (w) { return w.folded; }).join(" ");
      var best = null, bestDist = Infinity;
      p.c.forEach(function (n) {
        [n.n].concat(n.f || []).forEach(function (name) {
          var d = nameDistance(query, ws.length, name);
          if (d < bestDist) {
            best = n;
            bestDist = d;
          }
        });
      });
      return best;
    });
  }
  function nameDistance(query, n, name) {
    var nw = words(name).map(function (w) { return w.folded; });
    var d = editDistance(query, nw.join(" "));
    for (var i = 0; i + n <= nw.length; i++) d = Math.min(d, editDistance(query, nw.slice(i, i + n).join(" ")));
    return d;
  }
  function editDistance(a, b) {
    var ra = Array.from(a), rb = Array.from(b), row = [], i, j;
    for (j = 0; j <= rb.length; j++) row[j] = j;
    for (i = 1; i <= ra.length; i++) {
      var diag = row[0];
      row[0] = i;
      for (j = 1; j <= rb.length; j++) {
        var next = Math.min(row[j] + 1, row[j - 1] + 1, diag + (ra[i - 1] === rb[j - 1] ? 0 : 1));
        diag = row[j];
        row[j] = next;
      }
    }
    return row[rb.length];
  }

  // Showing results, as nodes.
  function matches(w, asks) {
    return asks.some(function (a) {
      return w.folded === a.w.folded || (a.asPrefix && w.folded.indexOf(a.w.folded) === 0);
    });
  }
  // highlight appends text to el, each word of the query in a <mark>.
  function highlight(el, text, asks) {
    var at = 0;
    words(text).forEach(function (w) {
      if (!matches(w, asks)) return;
      if (w.at > at) el.appendChild(document.createTextNode(text.slice(at, w.at)));
      var m = document.createElement("mark");
      m.textContent = text.slice(w.at, w.end);
      el.appendChild(m);
      at = w.end;
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }
  // excerpt is about 200 characters of text around its first match.
  function excerpt(text, asks) {
    if (text.length <= 220) return text;
    var first = words(text).find(function (w) { return matches(w, asks); });
    var start = first ? Math.max(0, first.at - 60) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first.at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 200), cut = text.lastIndexOf(" ", end);
    if (end < text.length && cut > start) end = cut;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  // show writes the answer to q; data-answered then names q, for whoever
  // waits for it (the browser tests). An answer's first results, known
  // before the rest (earlyHits), are shown as they come, data-first
  // naming q: the whole answer then begins with them.
  function show(q, res) {
    form.setAttribute(res && res.total === undefined ? "data-first" : "data-answered", q);
    list.textContent = "";
    if (!res) {
      status.textContent = "";
      return;
    }
    if (res.total === 0) {
      status.textContent = fill(label("none"), { q: q.trim() });
      if (res.suggest) {
        var li = document.createElement("li"), a = document.createElement("a");
        li.appendChild(document.createTextNode(label("suggest") + ": "));
        a.href = root + res.suggest.p;
        a.textContent = res.suggest.n;
        li.appendChild(a);
        li.appendChild(document.createTextNode("?"));
        li.className = "suggest";
        list.appendChild(li);
      }
      return;
    }
    if (res.total === undefined) status.textContent = fill(label("more"), { shown: res.docs.length });
    else status.textContent = res.total > res.docs.length
      ? fill(label("shown"), { shown: res.docs.length, n: res.total })
      : fill(label("results"), { n: res.total });
    res.docs.forEach(function (d) {
      var li = document.createElement("li"), h = document.createElement("a");
      h.href = root + d.path;
      highlight(h, d.title, res.words);
      li.appendChild(h);
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = label("kind-" + d.kind) + (d.date ? " · " + d.date : "");
      li.appendChild(meta);
      if (d.text) {
        var p = document.createElement("p");
        highlight(p, excerpt(d.text, res.words), res.words);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  // ready loads the manifest, once; it is asked for as the page opens,
  // so that it is there by the time a reader has typed.
  var manifestLoaded = null;
  function ready() {
    if (!manifestLoaded) {
      manifestLoaded = load(manifestURL.slice(dir.length)).then(function (m) {
        m.commonIndex = new Map(m.common.map(function (c, i) { return [c[0], i]; }));
        manifest = m;
      }, function (e) {
        manifestLoaded = null;
        throw e;
      });
    }
    return manifestLoaded;
  }

  var asked = 0;
  function run(q) {
    var n = ++asked;
    if (!manifest) status.textContent = label("loading");
    ready().then(function () {
      return search(q, !/\s$/.test(q), function (first) {
        if (n === asked) show(q, first);
      });
    }).then(function (res) {
      if (n === asked) show(q, res);
    }, function () {
      if (n === asked) {
        show(q, null);
        status.textContent = label("failed");
      }
    }).then(function () {
      // The address names the query shown, after the results: a
      // replaceState costs Chromium milliseconds.
      if (n !== asked) return;
      try {
        history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      } catch (e) {
        // A page opened from disk may not change its address: no matter.
      }
    });
  }

  input.addEventListener("input", function () { run(input.value); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
  });
  // The arrow keys move between the query and the results.
  form.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && list.querySelector("a")) {
      e.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
    if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : input).focus();
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    run(q);
  } else {
    ready().catch(function () {}); // a query will say it
  }
})();
