// Suggestions as you type in the search box, from /api/v1/suggest.
//
// Progressive enhancement: without this script the box is a plain search field and the form works as
// it is. With it, the box becomes an ARIA 1.2 combobox: arrow keys move through the suggestions, Enter
// takes one, Escape closes the list, and a status line tells screen readers how many there are.
// Choosing a ward or a language sets that filter and searches; choosing a class opens its page.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !input.dataset.suggest || !window.fetch) return;
  var form = input.form;
  var data = input.dataset;

  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  // A list that scrolls would otherwise be a Tab stop of its own; focus stays in the box (aria-activedescendant).
  list.tabIndex = -1;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var items = [];
  var active = -1;
  var timer = 0;
  var pending = null;
  var asked = "";

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function span(text, className, lang) {
    var element = document.createElement("span");
    element.textContent = text;
    if (className) element.className = className;
    if (lang) element.lang = lang;
    return element;
  }

  function kindLabel(type) {
    return { municipality: data.kindMunicipality, language: data.kindLanguage, classroom: data.kindClassroom }[type] || "";
  }

  function show(found) {
    list.textContent = "";
    items = found;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "q-suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.appendChild(span(item.label, "label", "ja"));
      // The commas are for screen readers, which would otherwise run the parts together.
      if (item.detail) { option.appendChild(span(", ", "visually-hidden")); option.appendChild(span(item.detail, "detail")); }
      option.appendChild(span(", ", "visually-hidden"));
      option.appendChild(span(kindLabel(item.type), "kind"));
      // mousedown would move focus out of the box and close the list before the click lands.
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { choose(index); });
      list.appendChild(option);
    });
    list.hidden = found.length === 0;
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    status.textContent = found.length ? data.count.replace("{count}", String(found.length)) : data.none;
  }

  function highlight(index) {
    var options = list.children;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function selectFilter(id, value) {
    var select = document.getElementById(id);
    if (!select) return false;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; return true; }
    }
    return false;
  }

  function choose(index) {
    var item = items[index];
    if (!item) return;
    close();
    if (item.type === "classroom") {
      window.location.href = data.classroomUrl.replace("{id}", encodeURIComponent(item.id));
      return;
    }
    if (selectFilter(item.type === "municipality" ? "municipality" : "language", item.id)) {
      input.value = "";
    } else {
      input.value = item.label;
    }
    form.submit();
  }

  function ask() {
    var text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (pending) pending.abort();
    if (!text) { close(); status.textContent = ""; return; }
    pending = window.AbortController ? new AbortController() : null;
    fetch(data.suggest + "?q=" + encodeURIComponent(text), { signal: pending ? pending.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (body) { if (input.value.trim() === text) show(body.items || []); })
      .catch(function () { /* offline or superseded: the plain form still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length > 0;
    if (event.key === "ArrowDown") {
      if (!open) { asked = ""; ask(); return; }
      event.preventDefault();
      highlight(active + 1 < items.length ? active + 1 : 0);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active > 0 ? active - 1 : items.length - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
      status.textContent = "";
    }
  });

  input.addEventListener("blur", function () { close(); asked = ""; status.textContent = ""; });
})();
