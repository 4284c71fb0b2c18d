// copy.js finds the buttons that copy a citation, marks each with
// data-test-copy="N" for the test to click, and returns the text each should
// put on the clipboard: the element the button names (data-copy,
// data-copy-target or aria-controls hold its id), else the citation around
// the button without the button's own label.
(() => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const buttons = [...document.querySelectorAll(
    'button[data-copy], button[data-copy-target], .cite button, .citation button, [data-cite] button')];
  return [...new Set(buttons)].map((b, i) => {
    b.setAttribute('data-test-copy', String(i));
    let src = null;
    for (const a of ['data-copy', 'data-copy-target', 'aria-controls']) {
      const id = b.getAttribute(a);
      if (id && document.getElementById(id.replace(/^#/, ''))) { src = document.getElementById(id.replace(/^#/, '')); break; }
    }
    let text;
    if (src) {
      text = src.matches('input, textarea') ? src.value : src.innerText;
    } else {
      const box = b.closest('.cite, .citation, [data-cite]');
      text = box ? box.innerText.replace(b.innerText, '') : '';
    }
    return { label: norm(b.innerText) || b.getAttribute('aria-label') || '', want: norm(text) };
  });
})()
