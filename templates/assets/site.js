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
    // fit lays the chart out again at its element's new size.
    return function fit() {
      if (names && fitNames(option, el)) chart.setOption({ yAxis: option.yAxis });
      chart.resize();
    };
  }

  function start() {
    var charts = [];
    var els = document.querySelectorAll('.chart[data-chart]');
    for (var i = 0; i < els.length; i++) {
      var fit = draw(els[i]);
      if (fit) charts.push(fit);
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
