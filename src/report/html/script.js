// threadwatch report: folding, filters, search and sortable tables.
// Inline and self-contained: the page's Content-Security-Policy allows
// this script by its hash and nothing else.
(function () {
  'use strict';
  function $(s, r) { return (r || document).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
  function depth(c) { return +c.getAttribute('data-d'); }

  // Folding a comment hides its replies; unfolding shows them again,
  // except those under a reply that is folded itself.
  function fold(c) {
    var folded = !c.classList.contains('folded');
    c.classList.toggle('folded', folded);
    $('button.t', c).textContent = folded ? '+' : '\u2212';
    var d = depth(c), hideBelow = folded ? d : Infinity;
    for (var n = c.nextElementSibling; n && depth(n) > d; n = n.nextElementSibling) {
      var nd = depth(n);
      if (!folded && nd <= hideBelow) { hideBelow = Infinity; }
      n.classList.toggle('fold', nd > hideBelow);
      if (!folded && hideBelow === Infinity && n.classList.contains('folded')) { hideBelow = nd; }
    }
  }

  function apply() {
    var flagged = $('#f-flagged').checked, cat = $('#f-cat').value, st = $('#f-status').value;
    var author = $('#f-author').value.trim().toLowerCase();
    var q = $('#f-q').value.trim().toLowerCase();
    var active = flagged || cat !== '' || st !== '' || author !== '' || q !== '';
    var shown = 0;
    document.body.classList.toggle('filtering', active);
    $$('details.th').forEach(function (t) {
      var any = false;
      $$('.c', t).forEach(function (c) {
        var ok = (!flagged || c.getAttribute('data-u') === '1') &&
          (cat === '' || (' ' + c.getAttribute('data-f') + ' ').indexOf(' ' + cat + ' ') >= 0) &&
          (st === '' || c.getAttribute('data-s') === st) &&
          (author === '' || c.getAttribute('data-a').toLowerCase() === author) &&
          (q === '' || c.textContent.toLowerCase().indexOf(q) >= 0);
        c.classList.toggle('filt', active && !ok);
        if (ok) { any = true; shown += 1; }
      });
      t.classList.toggle('filt', active && !any);
      if (active && any) { t.open = true; }
    });
    $('#f-count').textContent = !active ? '' :
      shown + (shown === 1 ? ' comment matches' : ' comments match');
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(apply, 150); }

  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0], i = th.cellIndex;
    var numeric = th.getAttribute('data-sort') === 'n';
    var dir = th.getAttribute('data-dir') === 'desc' ? 1 : -1;
    $$('th', table).forEach(function (h) { h.removeAttribute('data-dir'); });
    th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[i].textContent, y = b.cells[i].textContent;
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return dir * r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.t');
    if (b) { fold(b.closest('.c')); return; }
    var a = e.target.closest('a[data-author]');
    if (a) {
      e.preventDefault();
      $('#f-author').value = a.getAttribute('data-author');
      apply();
      $('#threads').scrollIntoView();
      return;
    }
    var j = e.target.closest('a[href^="#c"]');
    if (j) {
      var target = document.getElementById(j.getAttribute('href').slice(1));
      if (target) { var t = target.closest('details'); if (t) { t.open = true; } }
      return;
    }
    // "uncivil and pending": the comments that need action (issue 27).
    if (e.target.closest('#f-pending')) {
      e.preventDefault();
      $('#f-flagged').checked = true; $('#f-status').value = 'pending';
      apply();
      $('#threads').scrollIntoView();
      return;
    }
    var h = e.target.closest('th[data-sort]');
    if (h) { sortBy(h); }
  });
  ['#f-flagged', '#f-cat', '#f-status'].forEach(function (s) { $(s).addEventListener('change', apply); });
  ['#f-author', '#f-q'].forEach(function (s) { $(s).addEventListener('input', later); });
  $('#f-clear').addEventListener('click', function () {
    $('#f-flagged').checked = false; $('#f-cat').value = ''; $('#f-status').value = '';
    $('#f-author').value = ''; $('#f-q').value = ''; apply();
  });
  // A link can carry filters, to send a colleague straight to them:
  // report.html#flagged&author=Ann%20Lee&cat=threat&q=liar&status=pending
  (function fromHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('=') < 0 && h !== 'flagged') { return; }
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='), k = i < 0 ? kv : kv.slice(0, i);
      var v = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1));
      if (k === 'flagged') { $('#f-flagged').checked = true; }
      else if (k === 'author') { $('#f-author').value = v; }
      else if (k === 'cat') { $('#f-cat').value = v; }
      else if (k === 'status') { $('#f-status').value = v; }
      else if (k === 'q') { $('#f-q').value = v; }
    });
    apply();
  })();
  // Tells a test (and a curious reader) that the script ran under the
  // page's policy.
  document.body.setAttribute('data-ready', '1');
})();
