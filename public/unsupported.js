// Runs only in browsers too old for JavaScript modules (index.html loads it with `nomodule`),
// which cannot run Handrail either: the first screen says so instead of waiting for ever.
// Plain ES5 and a file of its own, so that no minifier rewrites it into syntax those browsers
// cannot read.
(function () {
  var screen = document.getElementById('first-screen');
  if (!screen) return;
  screen.className += ' first-screen--failed';
  screen.querySelector('.first-screen__failed').hidden = false;
  screen.querySelector('[data-reason="browser"]').hidden = false;
  // Reloading would not help here.
  screen.querySelector('.first-screen__reload').hidden = true;
})();
