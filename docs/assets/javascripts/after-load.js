// Starts Material's scripts (and ours) once the page has loaded and its
// text is on screen. overrides/main.html writes them as inert
// <script type="text/plain" data-after-load="..."> tags; this file turns
// them into real ones, in order. On a slow phone the text then shows
// without waiting for 35 KB of JavaScript; search and the back-to-top
// button start a moment later. (The colour switch does not wait:
// overrides/partials/javascripts/palette.html runs before the first paint,
// so nothing flashes.) When all have run, <html> gets data-scripts="ready".
//
// Why wait for the first paint too: a fast connection can fire "load"
// before anything is drawn. The bundle's work would then delay the text,
// and Lighthouse counts its download as part of the largest paint.
// Browsers that do not report paints, and hidden tabs (which do not paint),
// start on "load" alone.
//
// Why send "DOMContentLoaded" again: Material mounts its content parts
// (back-to-top button, header title, contents highlight, search
// highlight) when that event fires. It fired long before
// the bundle ran, so without a second one those parts never start. It is
// sent in a task of its own, so Material's start-up is two shorter tasks,
// not one long one that blocks a tap.
(() => {
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else addEventListener("load", resolve, { once: true });
  });

  const painted = new Promise((resolve) => {
    const paints = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes || [];
    if (!paints.includes("paint") || document.visibilityState === "hidden") return resolve();
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        resolve();
      }
    }).observe({ type: "paint", buffered: true });
    // A tab hidden before its first paint never reports one.
    addEventListener("visibilitychange", resolve, { once: true });
  });

  // Resolves when the last script has run (or failed to load).
  const runScripts = () => new Promise((resolve) => {
    const waiting = [...document.querySelectorAll("script[data-after-load]")];
    if (!waiting.length) return resolve();
    waiting.forEach((placeholder, index) => {
      const script = document.createElement("script");
      script.src = placeholder.dataset.afterLoad;
      script.async = false;  // run in document order
      if (index === waiting.length - 1) script.onload = script.onerror = resolve;
      placeholder.replaceWith(script);
    });
  });

  const nextTask = () => new Promise((resolve) => setTimeout(resolve));

  Promise.all([loaded, painted])
    .then(runScripts)
    .then(nextTask)
    .then(() => {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      document.documentElement.dataset.scripts = "ready";
    });
})();
