// Starts Material's scripts (and ours) once the page has loaded.
// overrides/main.html writes them as inert <script type="text/plain"
// data-after-load="..."> tags; this file turns them into real ones, in
// order. On a slow phone the text then shows without waiting for 35 KB of
// JavaScript; search, the colour switch and tooltips start a moment later.
// (overrides/partials/color-scheme.html sets a dark scheme before the
// first paint, so nothing flashes.) When all have run, <html> gets
// data-scripts="ready".
(() => {
  const start = () => {
    const waiting = [...document.querySelectorAll("script[data-after-load]")];
    waiting.forEach((placeholder, index) => {
      const script = document.createElement("script");
      script.src = placeholder.dataset.afterLoad;
      script.async = false;  // run in document order
      if (index === waiting.length - 1) {
        script.onload = () => { document.documentElement.dataset.scripts = "ready"; };
      }
      placeholder.replaceWith(script);
    });
  };
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
})();
