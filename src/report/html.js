// Filters: a conflict card is shown when its severity is ticked, its rule is
// the chosen one (or none is chosen) and one of its sources is the chosen
// one. The state lives in the URL fragment so that a view can be shared.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.conflict"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=severity]"));
  var rule = form.querySelector("select[name=rule]");
  var source = form.querySelector("select[name=source]");
  var shown = document.getElementById("shown");

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
    select.value = "";
  }

  function fromHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    if (params.has("severity")) {
      var wanted = params.get("severity").split(",");
      boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    }
    choose(rule, params.get("rule") || "");
    choose(source, params.get("source") || "");
  }

  function toHash() {
    var params = new URLSearchParams();
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (ticked.length !== boxes.length) { params.set("severity", ticked.join(",")); }
    if (rule.value) { params.set("rule", rule.value); }
    if (source.value) { params.set("source", source.value); }
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
  }

  function apply() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var count = 0;
    cards.forEach(function (card) {
      var visible = severities.indexOf(card.dataset.severity) >= 0 &&
        (!rule.value || card.dataset.rule === rule.value) &&
        (!source.value || card.dataset.sources.split("\n").indexOf(source.value) >= 0);
      card.hidden = !visible;
      if (visible) { count++; }
    });
    // A claim or story with nothing shown is hidden with its heading.
    document.querySelectorAll("section.claim, section.story").forEach(function (section) {
      section.hidden = !section.querySelector("article.conflict:not([hidden])");
    });
    shown.textContent = "Showing " + count + " of " + cards.length + " conflicts";
    document.body.dataset.shown = String(count);
  }

  form.addEventListener("change", function () { toHash(); apply(); });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
