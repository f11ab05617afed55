// Keeps what is typed into the page's text fields as drafts on the server while typing
// (Streamlit's own fields report only when they lose focus), and in the browser while the
// server cannot be reached. One listener for the whole page; each mount updates its data.
//
// data.fields: {cssClass: {server: text the server holds (draft or saved), at: ms}}
// data.store: localStorage key prefix (per user); data.labels: the badge texts.
const DEBOUNCE_MS = 800;

function keeper() {
  if (!window.__giamsatDrafts) {
    window.__giamsatDrafts = { fields: {}, timers: {}, resent: new Set(), send: null };
  }
  return window.__giamsatDrafts;
}

function fieldOf(element, fields) {
  const holder = element.closest && element.closest("[class*='st-key-']");
  if (!holder) return null;
  for (const name of holder.classList) {
    if (fields[name]) return { name, holder };
  }
  return null;
}

function readLocal(k, name) {
  try {
    return JSON.parse(localStorage.getItem(k.store + name) || "null");
  } catch (error) {
    return null;
  }
}

function badge(holder, text) {
  let mark = holder.querySelector(":scope > .draft-state");
  if (!mark) {
    mark = document.createElement("div");
    mark.className = "draft-state";
    mark.style.cssText = "font-size:0.8rem;opacity:0.7;margin-top:0.15rem";
    holder.appendChild(mark);
  }
  mark.textContent = text;
}

function connected() {
  const app = document.querySelector("[data-testid='stApp']");
  return !app || app.getAttribute("data-test-connection-state") === "CONNECTED";
}

function flush(k) {
  // Everything typed and not yet confirmed by the server goes in one message.
  const items = [];
  for (const name of Object.keys(k.timers)) {
    clearTimeout(k.timers[name]);
    delete k.timers[name];
  }
  for (const name of Object.keys(k.fields)) {
    const local = readLocal(k, name);
    if (local && local.text !== k.fields[name].server) {
      items.push({ field: name, text: local.text, restore: !!local.restore });
    }
  }
  if (!items.length) return;
  if (!connected()) {
    for (const item of items) {
      const found = document.querySelector("." + item.field);
      if (found) badge(found, k.labels.offline);
    }
    return;
  }
  k.send("typed", items);
}

function onInput(event) {
  const k = keeper();
  const target = event.target;
  if (!target || !("value" in target)) return;
  const found = fieldOf(target, k.fields);
  if (!found) return;
  localStorage.setItem(
    k.store + found.name,
    JSON.stringify({ text: target.value, at: Date.now() }),
  );
  badge(found.holder, connected() ? k.labels.typing : k.labels.offline);
  clearTimeout(k.timers[found.name]);
  k.timers[found.name] = setTimeout(() => flush(k), DEBOUNCE_MS);
}

export default function (component) {
  const { data, setTriggerValue } = component;
  const k = keeper();
  k.send = setTriggerValue;
  k.fields = data.fields;
  k.store = data.store;
  k.labels = data.labels;
  if (!k.listening) {
    document.addEventListener("input", onInput, true);
    // Back online (the same server, or a restarted one): send what waited in the browser.
    const app = document.querySelector("[data-testid='stApp']");
    if (app) {
      new MutationObserver(() => connected() && flush(keeper())).observe(app, {
        attributes: true,
        attributeFilter: ["data-test-connection-state"],
      });
    }
    k.listening = true;
  }
  let waiting = false;
  for (const [name, field] of Object.entries(k.fields)) {
    const holder = document.querySelector("." + name);
    let local = readLocal(k, name);
    const shown = holder && holder.querySelector("textarea, input");
    if (!local && shown && shown === document.activeElement && shown.value !== field.server) {
      // Typed before this script was loaded: keep it like any other keystroke.
      local = { text: shown.value, at: Date.now() };
      localStorage.setItem(k.store + name, JSON.stringify(local));
    }
    if (!local) continue;
    if (local.text === field.server || local.at <= field.at || !holder) {
      localStorage.removeItem(k.store + name); // the server has it, or something newer
      continue;
    }
    // Typed here but never confirmed (a lost connection, a restarted server): send it once
    // per page load, and have the field show it if it does not.
    if (!k.resent.has(name + local.text)) {
      k.resent.add(name + local.text);
      local.restore = !shown || shown.value !== local.text;
      localStorage.setItem(k.store + name, JSON.stringify(local));
      waiting = true;
    }
  }
  for (const [name, field] of Object.entries(k.fields)) {
    const holder = document.querySelector("." + name);
    if (!holder || k.timers[name] || readLocal(k, name)) continue;
    if (field.label) {
      badge(holder, field.label);
    } else {
      const mark = holder.querySelector(":scope > .draft-state");
      if (mark) mark.remove(); // saved: no draft left
    }
  }
  if (waiting) flush(k);
  document.body.dataset.draftKeeper = "ready"; // for tests: typing is now being kept
}
