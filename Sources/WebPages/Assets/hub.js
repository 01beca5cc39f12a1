// hub's only script: conveniences on top of pages that work without it.
// - Copy buttons: a <button data-copy="ID"> copies the text of the element with that id (the
//   copy-command partial); hidden until this script runs.
// - Search as you type: the header's search box (data-live-search) reloads the results region
//   (#results) of the home page with the same server-rendered HTML a submit would fetch.
"use strict";

// Marks the page as scripted so that the stylesheet shows what needs the script (copy buttons).
document.documentElement.classList.add("js");

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1200);
  });
});

(() => {
  const input = document.querySelector("input[data-live-search]");
  if (!input || !document.getElementById("results") || !window.fetch || !window.DOMParser) return;
  let timer = null;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = new URL(window.location.href);
      url.pathname = "/";
      url.searchParams.set("q", input.value);
      url.searchParams.delete("cursor");
      url.searchParams.delete("page");
      const request = ++latest;
      try {
        const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
        if (!response.ok || request !== latest) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById("results");
        const current = document.getElementById("results");
        if (!fresh || !current) return;
        current.replaceWith(fresh);
        document.title = page.title;
        history.replaceState(null, "", url);
      } catch (_) { /* keep the current results; the form still submits */ }
    }, 200);
  });
})();
