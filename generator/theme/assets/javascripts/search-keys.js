/* Search once the reader pauses, not on every key.
 *
 * Material sends a query to its search worker on every key release in the search box, and
 * the worker answers them one after another. With a thousand articles the early prefixes
 * ("c", "co") match most of the index and take the longest, so the word the reader typed is
 * answered last; from file:// the worker even shares the page's thread, so the page freezes
 * meanwhile (issue 9). This script holds the key releases of the search box back and passes
 * one on when typing pauses, so only what the reader paused at is searched. One-letter
 * queries (almost every document matches) wait for a longer pause; two letters ("EU") are
 * searched as soon as typing pauses. Plain DOM events only: works from file:// and over
 * http; if this file is missing, search behaves as Material ships it. Enter while a search
 * is pending starts it at once; Material's Enter opens the best result shown, so a reader
 * who presses Enter mid-word may need a second Enter once the results are in.
 */
(function () {
  "use strict";
  // Typing pause before searching. Calibrated with benchmarks/bench_search.py on 1,000
  // synthetic articles from file:// (2 cores, loaded): "cooperation" typed at 80 ms a key
  // gave its results 2.0 s after the last key without this script and 0.5 s with it; the
  // pause itself adds its length to a pasted query (0.2 s -> 0.45 s). Fast typists leave
  // 80-150 ms between keys, so their prefixes are skipped.
  var PAUSE_MS = 250;
  // A lone letter matches nearly every document (1.2 s of search at 1,000 articles, on the
  // page's thread from file://): search it only if the reader stops there.
  var ONE_LETTER_PAUSE_MS = 1000;
  var SEARCH_BOX = "input.md-search__input";
  var timer = 0;

  function release(box) {
    timer = 0;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("keyup", function (event) {
    var box = event.target;
    if (!event.isTrusted || !(box instanceof HTMLInputElement) || !box.matches(SEARCH_BOX)) {
      return;  // our own re-sent event, or another field: let it through untouched
    }
    event.stopPropagation();  // capture phase: Material's listener on the box never sees it
    clearTimeout(timer);
    var length = box.value.trim().length;
    var pause = length === 1 ? ONE_LETTER_PAUSE_MS : length === 0 ? 0 : PAUSE_MS;
    timer = setTimeout(release, pause, box);
  }, true);

  // Enter (Material opens the best result shown, on keydown): start the pending search now
  // rather than after the pause, so a second Enter finds its results.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && timer && event.target instanceof HTMLInputElement &&
        event.target.matches(SEARCH_BOX)) {
      clearTimeout(timer);
      release(event.target);
    }
  }, true);
})();
