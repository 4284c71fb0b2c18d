// inspect.js is evaluated in each page after it loads. It waits until the
// charts are drawn (or a few seconds have passed) and returns what the Go
// test checks: the charts, the tables beside them, the links, the anchors and
// the width of the layout. It is an expression whose value is a promise.
(async () => {
  const chartSelector = '[_echarts_instance_], .chart, [data-chart]';
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const containers = () => [...document.querySelectorAll(chartSelector)]
    // A container inside another (echarts adds its own divs) is the same chart.
    .filter((el, _, all) => !all.some((o) => o !== el && o.contains(el)));

  // Numbers as the page writes them: Vietnamese "3.232" and "69,8%",
  // English "3,232" and "69.8%".
  const vi = (document.documentElement.lang || '').toLowerCase().startsWith('vi');
  const numbersIn = (text) => {
    const out = [];
    const re = vi ? /-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?/g : /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g;
    for (const m of text.matchAll(re)) {
      const s = vi ? m[0].replace(/\./g, '').replace(',', '.') : m[0].replace(/,/g, '');
      out.push(Number(s));
    }
    return out;
  };
  const chartValues = (opt) => {
    const vals = [];
    for (const s of opt.series || []) {
      for (const d of s.data || []) {
        let v = d;
        if (d && typeof d === 'object' && !Array.isArray(d)) v = d.value;
        if (Array.isArray(v)) v = v[v.length - 1];
        if (typeof v === 'number' && isFinite(v)) vals.push(v);
      }
    }
    return vals;
  };
  // The table that shows a chart's figures: named by the chart's
  // data-table, aria-describedby or aria-details, else the first table in
  // the chart's own figure (not a wider section or article, whose other
  // tables hold other figures).
  const tableFor = (el) => {
    for (const attr of ['data-table', 'aria-describedby', 'aria-details']) {
      for (const id of (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean)) {
        const t = document.getElementById(id);
        const table = t && (t.matches('table') ? t : t.querySelector('table'));
        if (table) return table;
      }
    }
    const box = el.closest('.chart-block, figure');
    return box ? box.querySelector('table') : null;
  };
  // The band's drawn elements (echarts keeps them in its markArea view):
  // how many, and the height of the tallest, in pixels.
  const markAreaDrawn = (inst) => {
    let n = 0, height = 0;
    for (const v of inst._componentsViews || []) {
      if (v && v.type === 'markArea' && v.group) {
        v.group.traverse((c) => {
          if (c.isGroup || c.invisible || c.ignore) return;
          n++;
          if (c.getBoundingRect) height = Math.max(height, c.getBoundingRect().height);
        });
      }
    }
    return [n, height];
  };
  // How tall the tallest band of the option should be drawn, in pixels, by
  // the chart's own scale (-1 when the chart cannot say): a target such as
  // 200–220 has a height, a single value none.
  const bandExpected = (inst, opt) => {
    let h = -1;
    for (const s of opt.series || []) {
      for (const pair of (s.markArea || {}).data || []) {
        const y = (p) => (p && p.coord ? p.coord[1] : (p || {}).yAxis);
        if (!Array.isArray(pair) || pair.length !== 2 || typeof y(pair[0]) !== 'number' || typeof y(pair[1]) !== 'number') continue;
        if (typeof inst.convertToPixel !== 'function') return y(pair[0]) === y(pair[1]) ? Math.max(h, 0) : Infinity;
        try {
          const a = inst.convertToPixel({ yAxisIndex: 0 }, y(pair[0]));
          const b = inst.convertToPixel({ yAxisIndex: 0 }, y(pair[1]));
          if (isFinite(a) && isFinite(b)) h = Math.max(h, Math.abs(a - b));
        } catch (e) { /* a chart without a y axis */ }
      }
    }
    return h;
  };

  // The part of the page a box shows: clipped by each SVG clip path
  // around el (a scrolling legend keeps the items of its other pages in
  // the SVG, clipped out of view). null when nothing of it shows.
  const shown = (el, box) => {
    let r = { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    for (let a = el; a && a.tagName && a.tagName.toLowerCase() !== 'div'; a = a.parentNode) {
      const style = getComputedStyle(a);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return null;
      const m = /url\(\s*['"]?#([^'")\s]+)/.exec(a.getAttribute('clip-path') || '');
      const clip = m && document.getElementById(m[1]);
      const shape = clip && clip.firstElementChild;
      if (!shape || !shape.getBBox || !a.getScreenCTM) continue;
      const bb = shape.getBBox();
      let ctm = a.getScreenCTM();
      const own = shape.transform && shape.transform.baseVal.consolidate();
      if (own) ctm = ctm.multiply(own.matrix);
      const pts = [[bb.x, bb.y], [bb.x + bb.width, bb.y], [bb.x, bb.y + bb.height], [bb.x + bb.width, bb.y + bb.height]]
        .map(([x, y]) => new DOMPoint(x, y).matrixTransform(ctm));
      r = {
        left: Math.max(r.left, Math.min(...pts.map((p) => p.x))),
        right: Math.min(r.right, Math.max(...pts.map((p) => p.x))),
        top: Math.max(r.top, Math.min(...pts.map((p) => p.y))),
        bottom: Math.min(r.bottom, Math.max(...pts.map((p) => p.y))),
      };
    }
    return r.right - r.left > 0.5 && r.bottom - r.top > 0.5 ? r : null;
  };
  // What a reader reads in a chart, as boxes in the page's pixels: every
  // text ECharts drew (labels, axis labels, legend) and the toolbox's
  // icons (the download button), which echarts keeps in its toolbox view.
  const readable = (el, inst) => {
    const out = [];
    for (const t of el.querySelectorAll('svg text')) {
      const r = (t.textContent || '').trim() && shown(t, t.getBoundingClientRect());
      if (r) out.push({ what: JSON.stringify(t.textContent), ...r });
    }
    const base = el.getBoundingClientRect();
    for (const v of (inst && inst._componentsViews) || []) {
      if (!v || !v.group || !(v.__model && v.__model.mainType === 'toolbox')) continue;
      v.group.traverse((c) => {
        // Its icons are paths; a rect is the toolbox's background.
        if (c.isGroup || c.invisible || c.ignore || c.type === 'rect' || !c.getBoundingRect) return;
        const b = c.getBoundingRect().clone();
        b.applyTransform(c.getComputedTransform());
        if (b.width > 0 && b.height > 0) {
          out.push({ what: 'the toolbox icon', left: base.left + b.x, top: base.top + b.y, right: base.left + b.x + b.width, bottom: base.top + b.y + b.height });
        }
      });
    }
    return out;
  };
  // Pairs of boxes that cover each other by more than a pixel each way.
  const overlaps = (boxes) => {
    const out = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`${a.what} and ${b.what} (${Math.round(w)}×${Math.round(h)} px)`);
      }
    }
    return out;
  };

  const drawn = (el) => {
    const inst = window.echarts && echarts.getInstanceByDom(el);
    return inst && el.querySelectorAll('svg path, svg rect, svg polygon, svg polyline, svg circle, svg line').length > 0;
  };
  const deadline = Date.now() + 5000;
  await frames();
  while (Date.now() < deadline && !containers().every(drawn)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await frames();

  const charts = containers().map((el) => {
    const inst = window.echarts && echarts.getInstanceByDom(el);
    const c = {
      id: el.id || '',
      kind: el.getAttribute('data-chart') || '',
      instance: !!inst,
      renderer: el.querySelector('svg') ? 'svg' : (el.querySelector('canvas') ? 'canvas' : ''),
      marks: el.querySelectorAll('svg path, svg rect, svg polygon, svg polyline, svg circle, svg line').length,
      texts: [...el.querySelectorAll('svg text')].map((t) => t.textContent),
    };
    if (!inst) return c;
    c.overlaps = overlaps(readable(el, inst));
    const opt = inst.getOption() || {};
    c.markArea = (opt.series || []).some((s) => s.markArea && (s.markArea.data || []).length > 0);
    [c.markAreaDrawn, c.markAreaHeight] = markAreaDrawn(inst);
    const expected = bandExpected(inst, opt);
    c.markAreaExpected = isFinite(expected) ? expected : 1e6;
    c.values = chartValues(opt);
    const t = tableFor(el);
    if (t) {
      c.table = t.id || 'table';
      // A table folded under its chart (a chart's own page) is read as
      // a reader who opens it sees it.
      const fold = t.closest('details');
      const folded = fold && !fold.open;
      if (folded) fold.open = true;
      c.tableValues = numbersIn(t.innerText);
      if (folded) fold.open = false;
    }
    return c;
  });

  // Table rows taller than three lines of text: a row's height against
  // three lines of its cells (their line height) and the cells' own
  // padding and borders.
  const tallRows = [];
  for (const table of document.querySelectorAll('table')) {
    if (!table.getClientRects().length) continue;
    const name = table.id || (table.caption ? table.caption.textContent.trim() : 'table');
    for (const tr of table.rows) {
      const height = tr.getBoundingClientRect().height;
      let limit = 0, line = 0;
      for (const cell of tr.cells) {
        const cs = getComputedStyle(cell);
        let lh = parseFloat(cs.lineHeight);
        if (!isFinite(lh)) lh = 1.2 * parseFloat(cs.fontSize);
        const extra = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((n, k) => n + (parseFloat(cs[k]) || 0), 0);
        line = Math.max(line, lh);
        limit = Math.max(limit, 3 * lh + extra);
      }
      if (height > limit + 1) {
        const head = tr.cells.length ? tr.cells[0].textContent.trim().replace(/\s+/g, ' ') : '';
        tallRows.push({ table: name, row: head, height: Math.round(height), limit: Math.round(limit), lines: Math.round(height / line * 10) / 10 });
      }
    }
  }

  // A followed figure link (#admitted-2017): whether its cell and its
  // table's heading row are in view, and what the box site.js puts
  // beside it says.
  let target = null;
  let hash = '';
  try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { /* not a figure */ }
  const el = hash && document.getElementById(hash);
  const td = el && el.closest && el.closest('td, th');
  const targetTable = td && td.closest('table');
  if (targetTable) {
    const inView = (e) => {
      const r = e.getBoundingClientRect();
      return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1;
    };
    // On screen, and not under anything (a sticky row label): what is
    // drawn at its middle is the cell or inside it.
    const seen = (e) => {
      const r = e.getBoundingClientRect();
      if (!inView(e) || r.left < -1 || r.right > window.innerWidth + 1) return false;
      const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      return !!at && (at === e || e.contains(at));
    };
    const row = td.closest('tr');
    const head = targetTable.tHead;
    const col = head && head.rows[0] && head.rows[0].cells[td.cellIndex];
    const cite = document.getElementById('figure-cite');
    target = {
      id: hash,
      inView: seen(td),
      headInView: !!(head && inView(head)),
      rowHead: row && row.cells[0] ? row.cells[0].textContent.trim() : '',
      colHead: col ? col.textContent.trim() : '',
      cite: cite ? cite.textContent.replace(/\s+/g, ' ').trim() : '',
      where: cite && cite.querySelector('.figure-where') ? cite.querySelector('.figure-where').textContent.trim() : '',
      citeInView: !!(cite && inView(cite)),
    };
  }

  return {
    title: document.title,
    lang: document.documentElement.lang || '',
    charts,
    tables: document.querySelectorAll('table').length,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // On a phone innerWidth grows to fit a page that is too wide; the
    // layout viewport does not.
    clientWidth: document.documentElement.clientWidth,
    tallRows,
    target,
  };
})()
