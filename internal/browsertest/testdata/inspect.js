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
    const opt = inst.getOption() || {};
    c.markArea = (opt.series || []).some((s) => s.markArea && (s.markArea.data || []).length > 0);
    [c.markAreaDrawn, c.markAreaHeight] = markAreaDrawn(inst);
    const expected = bandExpected(inst, opt);
    c.markAreaExpected = isFinite(expected) ? expected : 1e6;
    c.values = chartValues(opt);
    const t = tableFor(el);
    if (t) {
      c.table = t.id || 'table';
      c.tableValues = numbersIn(t.innerText);
    }
    return c;
  });

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
  };
})()
