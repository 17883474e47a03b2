/* Editors' helpers on the article form in the admin. Without this script the
   order numbers, keyword fields and romanised-name fields work as plain inputs. */
"use strict";
(function () {
  const base = window.location.pathname.replace(/(\/articles\/article\/).*$/, "$1");

  /* Order: ↑ and ↓ buttons (keyboard) or the ⠿ handle (mouse) move an inline row and
     renumber the order fields. */
  function rowsOf(group) {
    return Array.from(group.querySelectorAll(".inline-related, tr.form-row"))
      .filter((row) => !row.classList.contains("empty-form") && !row.id.endsWith("-empty"))
      .filter((row) => row.querySelector("input[name$='-order']"));
  }
  function renumber(group) {
    rowsOf(group).forEach((row, index) => {
      row.querySelector("input[name$='-order']").value = index + 1;
    });
  }
  function makeButton(className, text, label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = text;
    button.title = label;
    button.setAttribute("aria-label", label);
    button.style.marginLeft = "0.3em";
    return button;
  }
  function addMoveButtons(row) {
    const input = row.querySelector("input[name$='-order']");
    if (!input || row.classList.contains("empty-form") || row.querySelector(".move-row")) return;
    const handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.textContent = "⠿";
    handle.title = "Drag to reorder / 拖动排序";
    handle.setAttribute("aria-hidden", "true"); // the buttons are the keyboard way
    handle.style.cssText = "cursor:grab;margin-left:0.3em;font-size:1.2em;user-select:none";
    input.after(
      makeButton("move-row move-up", "↑", "Move up / 上移"),
      makeButton("move-row move-down", "↓", "Move down / 下移"),
      handle,
    );
  }

  /* Drag and drop: the handle makes its row draggable, so text in the row's inputs
     stays selectable; a row dropped on another row of its group takes its place. */
  let dragged = null;
  document.addEventListener("mousedown", (event) => {
    const handle = event.target.closest(".drag-handle");
    if (!handle) return;
    dragged = handle.closest(".inline-related, tr.form-row");
    dragged.draggable = true;
  });
  document.addEventListener("dragstart", (event) => {
    if (!dragged || event.target !== dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", ""); // Firefox drags only with data set
  });
  document.addEventListener("mouseup", () => {
    if (dragged && !dragged.classList.contains("dragging")) dragged.draggable = false;
  });
  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const row = event.target.closest(".inline-related, tr.form-row");
    if (!row || row === dragged || row.closest(".inline-group") !== dragged.closest(".inline-group")) return;
    if (!rowsOf(row.closest(".inline-group")).includes(row)) return;
    event.preventDefault();
    // The upper half of a row takes the dragged row before it, the lower half after it.
    const box = row.getBoundingClientRect();
    if (event.clientY > box.top + box.height / 2) row.after(dragged);
    else row.before(dragged);
  });
  document.addEventListener("drop", (event) => {
    if (dragged) event.preventDefault();
  });
  document.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged.draggable = false;
    renumber(dragged.closest(".inline-group"));
    dragged = null;
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".move-row");
    if (!button) return;
    const row = button.closest(".inline-related, tr.form-row");
    const group = row.closest(".inline-group");
    const rows = rowsOf(group);
    const index = rows.indexOf(row);
    if (button.classList.contains("move-up") && index > 0) {
      rows[index - 1].before(row);
    } else if (button.classList.contains("move-down") && index < rows.length - 1) {
      rows[index + 1].after(row);
    }
    renumber(group);
    button.focus();
  });

  /* Authors: propose the pinyin of a Chinese name; the editor checks it. */
  function addRomaniseButton(row) {
    const familyEn = row.querySelector("input[name$='-family_name_en']");
    if (!familyEn || row.querySelector(".propose-romanisation")) return;
    familyEn.after(makeButton("propose-romanisation", "拼音", "Propose romanisation / 生成拼音"));
  }
  document.addEventListener("click", async (event) => {
    const button = event.target.closest(".propose-romanisation");
    if (!button) return;
    const row = button.closest(".inline-related");
    const field = (name) => row.querySelector("input[name$='-" + name + "']");
    const query = new URLSearchParams({
      family: field("family_name").value,
      given: field("given_name").value,
    });
    const response = await fetch(base + "romanise/?" + query, {credentials: "same-origin"});
    if (!response.ok) return;
    const proposal = await response.json();
    if (proposal.family) field("family_name_en").value = proposal.family;
    if (proposal.given) field("given_name_en").value = proposal.given;
  });

  /* Keywords: suggest existing ones for the keyword being typed. */
  const SEPARATORS = /[;；,，、]/;
  function enhanceKeywordInput(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "_suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    let pending = null;
    input.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(async () => {
        const value = input.value;
        const parts = value.split(SEPARATORS);
        const last = parts[parts.length - 1];
        const current = last.trim();
        const prefix = value.slice(0, value.length - last.length);
        if (!current) return;
        const query = new URLSearchParams({q: current, language: input.dataset.keywordLanguage});
        const response = await fetch(base + "keywords/?" + query, {credentials: "same-origin"});
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(...data.keywords.map((name) => {
          const option = document.createElement("option");
          option.value = prefix + (/[;,]$/.test(prefix) ? " " : "") + name;
          return option;
        }));
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-related, tr.form-row").forEach(addMoveButtons);
    document.querySelectorAll(".inline-related").forEach(addRomaniseButton);
    document.querySelectorAll("input[data-keyword-language]").forEach(enhanceKeywordInput);
  });
  /* "Add another": the new row comes last, so its order follows the others' (the server
     numbers rows left at 0 in form order too, for forms sent without this script). */
  function numberAddedRow(row) {
    const input = row.querySelector("input[name$='-order']");
    const group = row.closest(".inline-group");
    if (!input || !group) return;
    const others = rowsOf(group)
      .filter((other) => other !== row)
      .map((other) => parseInt(other.querySelector("input[name$='-order']").value, 10))
      .filter((order) => !Number.isNaN(order));
    input.value = others.length ? Math.max(...others) + 1 : 1;
  }
  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    numberAddedRow(row);
    addMoveButtons(row);
    if (row.classList.contains("inline-related")) addRomaniseButton(row);
  });
})();
