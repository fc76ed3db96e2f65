// Notifications page: conveniences only; every action works without this script.
(() => {
  "use strict";
  const filter = document.getElementById("filter");
  const apply = document.getElementById("filter-apply");
  if (filter && apply) {
    apply.hidden = true;
    filter.addEventListener("change", () => filter.form.submit());
  }
  const all = document.getElementById("select-all");
  const boxes = () => Array.from(document.querySelectorAll("input[name=ids]"));
  if (all) {
    all.hidden = false;
    all.addEventListener("change", () => boxes().forEach((box) => { box.checked = all.checked; }));
  }
})();
