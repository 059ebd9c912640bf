// Keyboard shortcuts of the steward console. Item page: s = same, d = different (the reason field
// takes focus first when empty; Enter then submits), n = skip. Queue: j/k move, Enter opens. / = search.
(function () {
  "use strict";
  var pending = null;
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
  }
  function answer(value) {
    var button = document.querySelector('#decide-form button[name="answer"][value="' + value + '"]');
    if (!button || button.disabled) { return; }
    var reason = document.getElementById("reason");
    if (reason && reason.value.trim() === "") {
      pending = button;
      reason.focus();
      reason.placeholder = "type the reason, then press Enter";
      return;
    }
    button.click();
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (typing(e)) {
      if (e.key === "Enter" && e.target.id === "reason" && pending && e.target.value.trim() !== "") {
        e.preventDefault();
        pending.click();
      } else if (e.key === "Escape") {
        e.target.blur();
      }
      return;
    }
    if (e.key === "s") { e.preventDefault(); answer("SAME"); }
    else if (e.key === "d") { e.preventDefault(); answer("DIFFERENT"); }
    else if (e.key === "n") { var skip = document.getElementById("skip"); if (skip) { skip.click(); } }
    else if (e.key === "/") { e.preventDefault(); window.location.href = "/search"; }
    else if (e.key === "j" || e.key === "k" || e.key === "Enter") { moveInQueue(e); }
  });
  function moveInQueue(e) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr"));
    if (rows.length === 0) { return; }
    var at = rows.findIndex(function (r) { return r.classList.contains("selected"); });
    if (e.key === "Enter") {
      if (at >= 0) { rows[at].querySelector("a.item-link").click(); }
      return;
    }
    if (at >= 0) { rows[at].classList.remove("selected"); }
    at = e.key === "j" ? Math.min(rows.length - 1, at + 1) : Math.max(0, at - 1);
    rows[at].classList.add("selected");
    rows[at].scrollIntoView({block: "nearest"});
  }
}());
