// kawan web simulator: a USSD phone and a chat view that drive the real endpoints.
// The phone speaks the gateway protocol to POST /ussd (sessionId, serviceCode,
// phoneNumber, networkCode, and every input of the session joined by "*"); the chat view
// posts JSON to POST /web/chat. No flow logic lives here.
"use strict";

const SERVICE_CODE = "*384*55#";
const NETWORK_CODE = "50219";

const $ = (id) => document.getElementById(id);

function randomDigits(n) {
  const values = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(values, (v) => String(v % 10)).join("");
}

function randomId() {
  const values = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(values, (v) => v.toString(16).padStart(2, "0")).join("");
}

function newPhoneNumber() {
  // A simulator number in Malaysia's mobile range; it is hashed by the server like any.
  return "+6019" + randomDigits(7);
}

const state = {
  languages: [],
  lang: null,
  phone: sessionStorage.getItem("kawan.phone") || newPhoneNumber(),
  chatUser: sessionStorage.getItem("kawan.chat") || "web-" + randomId(),
  phoneLang: null,
  session: null,
  text: "",
  answers: 0,
  busy: false,
};

function remember() {
  sessionStorage.setItem("kawan.phone", state.phone);
  sessionStorage.setItem("kawan.chat", state.chatUser);
}

// -- scripts, direction, fonts -----------------------------------------------------------

const SCRIPTS = [
  ["bn", /[\u0980-\u09FF]/g],
  ["hi", /[\u0900-\u097F]/g],
  ["my", /[\u1000-\u109F]/g],
  ["ta", /[\u0B80-\u0BFF]/g],
  ["th", /[\u0E00-\u0E7F]/g],
  ["ur", /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g],
  ["zh-Hans", /[\u3400-\u9FFF]/g],
];

// The language tag for a USSD screen, from the script most of its letters are in: the
// gateway protocol carries text only, and the tag picks the right Noto font and direction.
function scriptOf(text) {
  let best = "en";
  let most = (text.match(/[A-Za-z\u00C0-\u024F]/g) || []).length;
  for (const [tag, pattern] of SCRIPTS) {
    const count = (text.match(pattern) || []).length;
    if (count > most) {
      best = tag;
      most = count;
    }
  }
  return best;
}

const htmlLang = (code) => (code || "en").replace("_", "-");

function isRtl(tag) {
  const language = state.languages.find((l) => htmlLang(l.code) === tag);
  return tag === "ur" || Boolean(language && language.rtl);
}

// A screen still in English (a catalogue not translated yet) keeps the language the
// switch chose, so the phone shows that language's direction and font.
function screenLanguage(text) {
  const script = scriptOf(text);
  return script === "en" && state.phoneLang ? htmlLang(state.phoneLang) : script;
}

// -- transcript ---------------------------------------------------------------------------

function log(channel, inbound, text) {
  const item = document.createElement("li");
  const tag = document.createElement("span");
  tag.className = "tag";
  tag.textContent = channel === "ussd" ? "USSD" : "Chat";
  const body = document.createElement("span");
  body.className = inbound ? "in" : "out";
  body.textContent = (inbound ? "→ " : "← ") + text;
  body.dir = "auto";
  item.append(tag, body);
  item.dataset.channel = channel;
  const list = $("transcript");
  list.append(item);
  list.scrollTop = list.scrollHeight; // the list scrolls, never the page

}

// -- the USSD phone -----------------------------------------------------------------------

function showScreen(text, open) {
  const screen = $("ussd-screen");
  const tag = screenLanguage(text);
  screen.lang = tag;
  screen.dir = isRtl(tag) ? "rtl" : "ltr";
  $("ussd-text").textContent = text;
  $("ussd-send").textContent = open ? "➤ Send" : "☎ Dial";
  $("ussd-status").textContent = (open ? "USSD · " : "") + SERVICE_CODE;
  $("ussd-input").value = open ? "" : SERVICE_CODE;
}

async function hop(input) {
  const form = new URLSearchParams({
    sessionId: state.session,
    serviceCode: SERVICE_CODE,
    phoneNumber: state.phone,
    networkCode: NETWORK_CODE,
    text: state.text,
  });
  let body;
  try {
    const response = await fetch("/ussd", { method: "POST", body: form });
    body = await response.text();
  } catch (error) {
    body = "END ⚠ " + error;
  }
  const open = body.startsWith("CON ");
  const screen = body.replace(/^(CON|END) /, "");
  if (input !== null) log("ussd", true, input);
  log("ussd", false, screen);
  if (!open) state.session = null;
  showScreen(screen, open);
  return open;
}

async function dial() {
  state.session = "sim-" + randomId();
  state.text = "";
  state.answers = 0;
  log("ussd", true, "☎ " + SERVICE_CODE);
  return hop(null);
}

async function answer(input) {
  // The accumulated-text protocol: every input of the session joined by "*".
  state.text = state.answers === 0 ? input : state.text + "*" + input;
  state.answers += 1;
  return hop(input);
}

async function sendOrDial() {
  if (state.busy) return;
  state.busy = true;
  try {
    if (state.session === null) {
      await dial();
    } else {
      await answer($("ussd-input").value);
      $("ussd-input").value = "";
    }
  } finally {
    state.busy = false;
  }
}

function hangUp() {
  if (state.session !== null) log("ussd", true, "✕");
  state.session = null;
  showScreen("", false);
}

// -- the chat view ------------------------------------------------------------------------

function bubble(text, mine, view) {
  const node = document.createElement("div");
  node.className = "msg " + (mine ? "me" : "bot");
  node.textContent = text;
  if (view) {
    node.lang = htmlLang(view.lang);
    node.dir = view.rtl ? "rtl" : "ltr";
  } else {
    node.dir = "auto";
  }
  const chatLog = $("chat-log");
  chatLog.append(node);
  chatLog.scrollTop = chatLog.scrollHeight;
}

function showChat(view) {
  const chatLog = $("chat-log");
  chatLog.dir = view.rtl ? "rtl" : "ltr";
  chatLog.lang = htmlLang(view.lang);
  bubble(view.text, false, view);
  log("chat", false, view.text);
  const buttons = $("chat-buttons");
  buttons.replaceChildren();
  buttons.dir = view.rtl ? "rtl" : "ltr";
  buttons.lang = htmlLang(view.lang);
  for (const [list, kind] of [[view.buttons, "option"], [view.nav, "nav"]]) {
    for (const button of list) {
      const node = document.createElement("button");
      node.type = "button";
      node.className = kind;
      node.dataset.key = button.key;
      node.textContent = kind === "nav" ? button.key + " " + button.label : button.label;
      node.addEventListener("click", () => say(button.key, button.label));
      buttons.append(node);
    }
  }
  if (view.lang) {
    state.lang = view.lang;
    $("language").value = view.lang;
  }
  chatLog.scrollTop = chatLog.scrollHeight; // the buttons may have taken some height
}

async function chat(payload) {
  let view;
  try {
    const response = await fetch("/web/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: state.chatUser, ...payload }),
    });
    view = await response.json();
  } catch (error) {
    view = { text: "⚠ " + error, buttons: [], nav: [], end: true, rtl: false, lang: "en" };
  }
  if (view.error) {
    view = { text: "⚠ " + view.error, buttons: [], nav: [], end: false, rtl: false };
  }
  showChat(view);
}

async function say(key, label) {
  bubble(label, true, null);
  log("chat", true, label);
  await chat({ text: key });
}

// -- language switch and restart ----------------------------------------------------------

async function loadLanguages() {
  const response = await fetch("/web/languages");
  state.languages = await response.json();
  const select = $("language");
  const placeholder = document.createElement("option");
  placeholder.value = "";
  placeholder.textContent = "—";
  select.append(placeholder);
  for (const language of state.languages) {
    const option = document.createElement("option");
    option.value = language.code;
    option.lang = htmlLang(language.code);
    option.textContent = language.name;
    select.append(option);
  }
}

async function switchLanguage(code) {
  const index = state.languages.findIndex((l) => l.code === code);
  if (index < 0) return;
  state.lang = code;
  await chat({ lang: code });
  // The phone: a new worker dials and picks the language from the menu, as they would.
  state.phoneLang = code;
  state.phone = newPhoneNumber();
  remember();
  $("ussd-number").textContent = state.phone;
  if (await dial()) await answer(String(index + 1));
}

async function restart() {
  const lang = state.lang;
  state.phoneLang = null;
  state.phone = newPhoneNumber();
  state.session = null;
  remember();
  $("ussd-number").textContent = state.phone;
  $("chat-log").replaceChildren();
  $("transcript").replaceChildren();
  showScreen("", false);
  await chat({ start: true, restart: true, lang: lang || undefined });
}

// -- wiring -------------------------------------------------------------------------------

function wire() {
  for (const key of document.querySelectorAll("#keypad button")) {
    key.addEventListener("click", () => {
      $("ussd-input").value += key.dataset.key;
    });
  }
  $("ussd-send").addEventListener("click", sendOrDial);
  $("ussd-delete").addEventListener("click", () => {
    $("ussd-input").value = $("ussd-input").value.slice(0, -1);
  });
  $("ussd-hangup").addEventListener("click", hangUp);
  $("ussd-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter") sendOrDial();
  });
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("chat-input").value;
    $("chat-input").value = "";
    if (text.trim()) say(text, text);
  });
  $("language").addEventListener("change", (event) => switchLanguage(event.target.value));
  $("restart").addEventListener("click", restart);
}

async function main() {
  remember();
  wire();
  $("ussd-number").textContent = state.phone;
  showScreen("", false);
  await loadLanguages();
  await chat({ start: true });
  document.body.dataset.ready = "true";
}

main();
