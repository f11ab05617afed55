// Keeps what is typed into the page's text fields as drafts on the server while typing
// (Streamlit's own fields report only when they lose focus), and in the browser until the
// server has it. One listener for the whole page; each mount brings the server's view.
//
// data.fields: {cssClass: {server: text the server holds (draft or saved), retired: the
// texts just saved or added from it, label}}
// data.store: localStorage key prefix (per user); data.labels: the badge texts;
// data.prefix: the class that marks a kept field's element.
//
// The one rule: a text in localStorage that the server does not hold yet is sent, and sent
// again (a few times, a few seconds apart) until a mount shows the server has it. A message
// lost in a rerun, a dropped connection or a restarted server is so made good.
const DEBOUNCE_MS = 800;
const RETRY_MS = 2500;
const MAX_SENDS = 6;

function keeper() {
  if (!window.__giamsatDrafts) {
    window.__giamsatDrafts = { fields: {}, timer: null, sent: {}, send: null };
  }
  return window.__giamsatDrafts;
}

function fieldOf(element, prefix) {
  // Any field whose widget key marks it as kept, also one drawn after the last mount
  // (a tab rerun alone): the server knows it by then.
  const holder = element.closest && element.closest(`[class*='${prefix}']`);
  if (!holder) return null;
  for (const name of holder.classList) {
    if (name.startsWith(prefix)) return { name, holder };
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

function writeLocal(k, name, text) {
  localStorage.setItem(k.store + name, JSON.stringify({ text, at: Date.now() }));
}

function holderOf(name) {
  return document.querySelector("." + name);
}

function badge(holder, text) {
  let mark = holder.querySelector(":scope > .draft-state");
  if (!text) {
    if (mark) mark.remove();
    return;
  }
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

function unconfirmed(k) {
  // Every field of this page whose text here the server does not hold yet.
  const waiting = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(k.store)) continue;
    const name = key.slice(k.store.length);
    const field = k.fields[name];
    const local = readLocal(k, name);
    if (!local) continue;
    const known = field && (local.text === field.server || field.retired.includes(local.text));
    if (field ? !known : holderOf(name)) waiting.push([name, local]);
  }
  return waiting;
}

function flush(k) {
  clearTimeout(k.timer);
  k.timer = null;
  const now = Date.now();
  const items = [];
  for (const [name, local] of unconfirmed(k)) {
    const sent = k.sent[name];
    const again = sent && sent.text === local.text;
    if (again && (now - sent.at < RETRY_MS || sent.count >= MAX_SENDS)) continue;
    const holder = holderOf(name);
    const shown = holder && holder.querySelector("textarea, input");
    if (!connected()) {
      if (holder) badge(holder, k.labels.offline);
      continue;
    }
    // The field shows other text (the page was reloaded): have the server put it back.
    items.push({ field: name, text: local.text, restore: !shown || shown.value !== local.text });
    k.sent[name] = { text: local.text, at: now, count: again ? sent.count + 1 : 1 };
  }
  if (items.length) k.send("typed", items);
}

function onInput(event) {
  const k = keeper();
  const target = event.target;
  if (!target || !("value" in target)) return;
  const found = fieldOf(target, k.prefix);
  if (!found) return;
  writeLocal(k, found.name, target.value);
  badge(found.holder, connected() ? k.labels.typing : k.labels.offline);
  clearTimeout(k.timer);
  k.timer = setTimeout(() => flush(k), DEBOUNCE_MS);
}

export default function (component) {
  const { data, setTriggerValue } = component;
  const k = keeper();
  k.send = setTriggerValue;
  k.fields = data.fields;
  k.store = data.store;
  k.labels = data.labels;
  k.prefix = data.prefix;
  if (!k.listening) {
    document.addEventListener("input", onInput, true);
    // Unconfirmed text is retried now and then, and as soon as the server is back.
    setInterval(() => flush(keeper()), RETRY_MS);
    const app = document.querySelector("[data-testid='stApp']");
    if (app) {
      new MutationObserver(() => connected() && flush(keeper())).observe(app, {
        attributes: true,
        attributeFilter: ["data-test-connection-state"],
      });
    }
    k.listening = true;
  }
  for (const [name, field] of Object.entries(k.fields)) {
    const holder = holderOf(name);
    const shown = holder && holder.querySelector("textarea, input");
    let local = readLocal(k, name);
    if (!local && shown && shown === document.activeElement && shown.value !== field.server) {
      writeLocal(k, name, shown.value); // typed before this script was loaded
      local = readLocal(k, name);
    }
    // Only the server holding the same text retires an entry: no clock is compared (a
    // mount can bring the data of a server that has since gone).
    if (local && (local.text === field.server || field.retired.includes(local.text))) {
      localStorage.removeItem(k.store + name);
      delete k.sent[name];
      local = null;
    }
    if (holder && !local) badge(holder, field.label);
  }
  if (unconfirmed(k).length) flush(k);
  document.body.dataset.draftKeeper = "ready"; // for tests: typing is now being kept
}
