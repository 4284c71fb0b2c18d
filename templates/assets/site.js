// site.js draws every chart of the page with the ECharts loaded before it.
// Each chart is a .chart[data-chart] element; its option, built by the
// generator with go-echarts, is the JSON of the script element whose id is
// the chart's id followed by "-option". Nothing is fetched from anywhere.
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'vi';
  var numbers = window.Intl ? new Intl.NumberFormat(lang) : null;

  // Tooltips show numbers the way the page does (3.232 in Vietnamese).
  function formatValue(v) {
    if (typeof v === 'number' && numbers) return numbers.format(v);
    return v === '-' || v == null ? '–' : String(v);
  }

  // Value axes label their ticks the way the page writes numbers, not
  // ECharts' English default (3,500 reads as a fraction in Vietnamese).
  function localiseAxes(option) {
    ['xAxis', 'yAxis'].forEach(function (key) {
      var axes = option[key];
      if (!axes) return;
      if (!Array.isArray(axes)) axes = [axes];
      axes.forEach(function (axis) {
        if (axis.data || axis.type === 'category' || axis.type === 'time') return;
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (v) { return formatValue(v); };
      });
    });
  }

  // Names on a category axis beside horizontal bars (the cells of a
  // year) take at most two fifths of the chart's width, cut short with an
  // ellipsis, so that a phone still shows the bars.
  function fitNames(option, el) {
    var axes = option.yAxis;
    if (!axes) return false;
    if (!Array.isArray(axes)) axes = [axes];
    var fitted = false;
    axes.forEach(function (axis) {
      if (!axis.data) return;
      axis.axisLabel = axis.axisLabel || {};
      axis.axisLabel.width = Math.max(80, Math.round(el.clientWidth * 0.4));
      axis.axisLabel.overflow = 'truncate';
      fitted = true;
    });
    return fitted;
  }

  // How far down the legend reaches, in pixels from the chart's top, as
  // ECharts laid it out (0 when it cannot tell).
  function legendBottom(chart) {
    var model = chart.getModel && chart.getModel();
    var legend = model && model.getComponent('legend');
    var view = legend && chart.getViewOfComponentModel && chart.getViewOfComponentModel(legend);
    if (!view || !view.group) return 0;
    var box = view.group.getBoundingRect();
    return view.group.y + box.y + box.height;
  }

  // On a narrow screen the legend wraps onto more lines: the plot moves
  // down below it, and the chart grows by as much, so that the legend
  // covers neither the plot nor its labels and the plot keeps its height.
  // The option leaves gap pixels between a legend of one line and the
  // plot. Returns the function that fits the chart again after a resize.
  function legendFitter(chart, option, el) {
    var grid = option.grid && (Array.isArray(option.grid) ? option.grid[0] : option.grid);
    if (!grid) return function () {};
    var height = el.clientHeight;
    var base = Number(grid.top) || 0;
    var gap = 24;
    return function () {
      var top = Math.max(base, Math.ceil(legendBottom(chart)) + gap);
      if (top === Number(grid.top)) return;
      grid.top = top;
      el.style.height = (height + top - base) + 'px';
      chart.resize();
      chart.setOption({ grid: option.grid });
    };
  }

  function draw(el) {
    var script = document.getElementById(el.id + '-option');
    if (!script || !window.echarts) return null;
    var option;
    try {
      option = JSON.parse(script.textContent);
    } catch (e) {
      return null;
    }
    if (option.tooltip) option.tooltip.valueFormatter = formatValue;
    localiseAxes(option);
    var names = fitNames(option, el);
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    var fitLegend = legendFitter(chart, option, el);
    fitLegend();
    // fit lays the chart out again at its element's new size.
    return function fit() {
      if (names && fitNames(option, el)) chart.setOption({ yAxis: option.yAxis });
      chart.resize();
      fitLegend();
    };
  }

  // Copies text to the clipboard: navigator.clipboard where the page is
  // a secure context, else a selected textarea and execCommand('copy'),
  // which also works on a page opened from disk (file://).
  function copyText(text, done) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  // A copy button copies the text of the element its data-copy names and
  // says so for a moment. Buttons are hidden until this script runs, so
  // a page without JavaScript shows the citation as plain text only.
  function wireCopy(button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      var el = document.getElementById(button.getAttribute('data-copy'));
      if (!el) return;
      copyText(el.textContent, function (ok) {
        if (!ok) return;
        button.textContent = document.body.getAttribute('data-copied') || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  // Today in the site's language, from the reader's clock, the way the
  // page writes a day (02/12/2026, 2 December 2026): the day of access
  // of a citation. The page says how (data-date-locale and
  // data-date-options, from the catalogue); "" where the browser cannot.
  function today() {
    var body = document.body;
    try {
      var options = JSON.parse(body.getAttribute('data-date-options') || '{}');
      return new Intl.DateTimeFormat(body.getAttribute('data-date-locale') || lang, options).format(new Date());
    } catch (e) {
      return '';
    }
  }

  // Each citation and embed snippet of the page gets its copy button
  // (hidden until wireCopy), and each citation the note that says the
  // copy fills in the day (hidden until fillDays): without scripts
  // neither would do anything, so the page does not carry them.
  function addCopyButtons() {
    var body = document.body;
    var texts = document.querySelectorAll('p.cite-text[id], pre.embed-code > code[id]');
    for (var i = 0; i < texts.length; i++) {
      var el = texts[i];
      var cite = el.tagName === 'P';
      var after = cite ? el : el.parentNode;
      if (cite) {
        var note = document.createElement('p');
        note.className = 'cite-note';
        note.hidden = true;
        note.textContent = body.getAttribute('data-date-note') || '';
        after.parentNode.insertBefore(note, after.nextSibling);
        after = note;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.hidden = true;
      button.setAttribute('data-copy', el.id);
      button.textContent = body.getAttribute(cite ? 'data-copy' : 'data-embed-copy') || '';
      after.parentNode.insertBefore(button, after.nextSibling);
    }
  }

  // Fills in the day of access of every citation on the page, and shows
  // the notes that say the copy button does.
  function fillDays() {
    var day = today();
    if (!day) return;
    var days = document.querySelectorAll('.cite-date');
    for (var i = 0; i < days.length; i++) days[i].textContent = day;
    var notes = document.querySelectorAll('.cite-note');
    for (var j = 0; j < notes.length; j++) notes[j].hidden = false;
  }

  // The text of an element, on one line.
  function textOf(el) {
    return el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  // The heading of the column a table cell is in; null outside a table.
  function columnHead(cell) {
    var table = cell && cell.closest('table');
    var heads = table && table.tHead && table.tHead.rows[0] ? table.tHead.rows[0].cells : [];
    return heads[cell ? cell.cellIndex : -1] || null;
  }

  // A figure's "#" link says in its title what the figure's citation
  // says of it: the start its whole column shares is said once, by the
  // column's heading (data-cite-start), and the link holds the rest
  // (data-cite-own), which, where it ends with a space, ends with the
  // figure's source as the figure's own title says it.
  function citeTitles() {
    var links = document.querySelectorAll('a.anchor[data-cite-own]');
    for (var i = 0; i < links.length; i++) {
      var head = columnHead(links[i].closest('td'));
      var own = links[i].getAttribute('data-cite-own');
      if (own.slice(-1) === ' ') {
        var figure = links[i].parentNode.querySelector('data[title]');
        own = figure ? own + figure.getAttribute('title') + '.' : own.slice(0, -1);
      }
      links[i].title = ((head && head.getAttribute('data-cite-start')) || '') + own;
    }
  }

  // The figure a followed link names (#admitted-2017): its table cell (or
  // one count in it, a dated anchor), the cell's table, its row and the
  // heading of its column; null when the fragment names no figure. A
  // reader may type any fragment: one that is not valid
  // percent-encoding ("#%") names none, and must not stop the rest of
  // the page's script (the charts).
  function figureTarget() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return null;
    }
    var el = id && document.getElementById(id);
    if (!el || !el.closest) return null;
    // Its "#" link's title is what the figure's citation says of it.
    var count = el.tagName === 'TD' ? el.querySelector('.count') : el;
    if (!count || !count.classList.contains('count')) return null;
    var link = count.querySelector('a.anchor[title]');
    var cell = el.closest('td');
    var table = cell && cell.closest('table');
    var wrap = cell && cell.closest('.table-wrap');
    if (!link || !table || !wrap) return null;
    var row = cell.parentNode;
    var heads = table.tHead && table.tHead.rows[0] ? table.tHead.rows[0].cells : [];
    return {
      id: id, link: link, cell: cell, table: table, wrap: wrap, row: row,
      rowHead: row.cells[0], colHead: columnHead(cell), corner: heads[0]
    };
  }

  // Marks the headings of the followed figure's row and column (the cell
  // itself is marked by site.css's :target), and unmarks the last ones.
  function markHeads(t) {
    var old = document.querySelectorAll('.figure-head');
    for (var i = 0; i < old.length; i++) old[i].classList.remove('figure-head');
    if (!t) return;
    if (t.rowHead && t.rowHead !== t.cell) t.rowHead.classList.add('figure-head');
    if (t.colHead) t.colHead.classList.add('figure-head');
  }

  // Following a figure's permanent link (#admitted-2017) shows what it
  // is: its row's and column's headings are marked, and a box under its
  // table says them ("Năm 2017 · Kết nạp") and gives the figure's
  // citation with a copy button.
  function showFigureCite() {
    var old = document.getElementById('figure-cite');
    if (old) old.parentNode.removeChild(old);
    var t = figureTarget();
    markHeads(t);
    if (!t) return;
    var box = document.createElement('div');
    box.className = 'cite figure-cite';
    box.id = 'figure-cite';
    var title = document.createElement('p');
    title.className = 'cite-title';
    title.textContent = document.body.getAttribute('data-cite-figure') || '';
    var where = document.createElement('p');
    where.className = 'figure-where';
    where.textContent = [[textOf(t.corner), textOf(t.rowHead)].join(' ').trim(), textOf(t.colHead)]
      .filter(function (s) { return s; }).join(' · ');
    var text = document.createElement('p');
    text.className = 'cite-text';
    text.id = 'figure-cite-text';
    var body = document.body;
    var rest = body.getAttribute('data-cite-rest') || '';
    var url = (body.getAttribute('data-cite-base') || '') + '#' + t.id;
    var day = today();
    text.textContent = [body.getAttribute('data-cite-publisher'), t.link.getAttribute('title'),
      rest.replace('{url}', url).replace('{date}', day || '…')].filter(function (s) { return s; }).join(' ');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.setAttribute('data-copy', 'figure-cite-text');
    button.textContent = document.body.getAttribute('data-copy') || 'Copy';
    box.appendChild(title);
    box.appendChild(where);
    box.appendChild(text);
    if (day) {
      var note = document.createElement('p');
      note.className = 'cite-note';
      note.textContent = body.getAttribute('data-date-note') || '';
      box.appendChild(note);
    }
    box.appendChild(button);
    t.wrap.parentNode.insertBefore(box, t.wrap.nextSibling);
    wireCopy(button);
  }

  // Scrolls a followed figure into view with what says what it is: the
  // browser puts its cell at the top of the screen, its table's heading
  // row out of sight. From the table's caption, or else its heading row,
  // down to the box under the table, or else to the cell: the first of
  // these that fits on the screen is shown; when none does, the cell is
  // put in the middle. Sideways, the cell is brought out from under the
  // row's label, which stays in view as a wide table scrolls.
  function revealFigure() {
    var t = figureTarget();
    if (!t) return;
    var box = document.getElementById('figure-cite');
    var room = window.innerHeight;
    var margin = 8;
    var tops = [t.table.caption, t.table.tHead];
    var ends = [box, t.cell];
    var done = false;
    for (var i = 0; i < tops.length && !done; i++) {
      for (var j = 0; j < ends.length && !done; j++) {
        if (!tops[i] || !ends[j]) continue;
        var top = tops[i].getBoundingClientRect().top - margin;
        if (ends[j].getBoundingClientRect().bottom + margin - top <= room) {
          window.scrollBy(0, top);
          done = true;
        }
      }
    }
    if (!done && t.cell.scrollIntoView) t.cell.scrollIntoView({ block: 'center' });
    var label = t.rowHead.getBoundingClientRect();
    var cell = t.cell.getBoundingClientRect();
    var wrap = t.wrap.getBoundingClientRect();
    if (cell.left < label.right) t.wrap.scrollLeft -= label.right - cell.left + margin;
    else if (cell.right > wrap.right) t.wrap.scrollLeft += cell.right - wrap.right + margin;
  }

  // A chart's own page sits in another site's frame: a link that leaves
  // it opens in the reader's window, where the site's pages belong.
  function linksOutOfFrame() {
    if (!document.body.classList.contains('page-embed')) return;
    var links = document.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('href').charAt(0) !== '#') links[i].target = '_top';
    }
  }

  // Without base_url an embed snippet names the chart's page relative to
  // this one; the reader's own address makes it absolute, as another
  // site needs it.
  function absoluteEmbeds() {
    var codes = document.querySelectorAll('code[data-relative]');
    for (var i = 0; i < codes.length; i++) {
      var rel = codes[i].getAttribute('data-relative');
      var abs;
      try { abs = new URL(rel, location.href).href; } catch (e) { continue; }
      if (!/^https?:/.test(abs)) continue; // opened from disk: no address to give
      codes[i].textContent = codes[i].textContent.replace('src="' + rel + '"', 'src="' + abs + '"');
    }
  }

  function start() {
    linksOutOfFrame();
    absoluteEmbeds();
    addCopyButtons();
    var buttons = document.querySelectorAll('button.copy[data-copy]');
    for (var b = 0; b < buttons.length; b++) wireCopy(buttons[b]);
    fillDays();
    citeTitles();
    showFigureCite();
    window.addEventListener('hashchange', function () {
      showFigureCite();
      revealFigure();
    });
    var charts = [];
    var els = document.querySelectorAll('.chart[data-chart]');
    for (var i = 0; i < els.length; i++) {
      var fit = draw(els[i]);
      if (fit) charts.push(fit);
    }
    // The browser scrolls to a followed figure as the page loads; the
    // charts above it are drawn by then.
    if (document.readyState === 'complete') {
      revealFigure();
    } else {
      window.addEventListener('load', function () {
        window.requestAnimationFrame(revealFigure);
      });
    }
    if (!charts.length) return;
    var pending = false;
    window.addEventListener('resize', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        for (var i = 0; i < charts.length; i++) charts[i]();
      });
    });
    // Printing lays the page out at the paper's width.
    window.addEventListener('beforeprint', function () {
      for (var i = 0; i < charts.length; i++) charts[i]();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
