// oauthdbg's test page. It talks only to the server that served it
// (/api/check, /api/sign and the provider's own endpoints) and builds every
// piece of text it shows with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

// el makes an element with a class and children (strings become text).
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

// postJSON posts a JSON body to this server and returns the decoded answer.
async function postJSON(path, body) {
  const resp = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  const data = await resp.json().catch(() => ({ error: "the server answered " + resp.status + " without JSON" }));
  if (!resp.ok && !data.error) data.error = "status " + resp.status;
  return data;
}

// redacted shows a secret the way the command line does.
function redacted(s, show) {
  return show ? s : "[redacted " + Array.from(s).length + " chars]";
}

// ---- tabs

for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => {
    for (const t of document.querySelectorAll("[role=tab]")) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      $(t.dataset.panel).hidden = !on;
    }
  });
}

// Password fields are masked unless their "show secrets" box is ticked.
function maskToggle(box, ids) {
  $(box).addEventListener("change", () => {
    for (const id of ids) $(id).type = $(box).checked ? "text" : "password";
  });
}
maskToggle("check-show", ["check-consumer-secret", "check-token-secret"]);
maskToggle("sign-show", ["sign-consumer-secret", "one-token-secret"]);

// ---- check

const demo = {
  input: "https://api.bitbucket.org/1.0/repositories/demo-team/widgets/issues?search=login%20fails&status=new&oauth_consumer_key=dEmOkEy7Xq2mVz4Lp9&oauth_token=dEmOaCcEsStOkEn8Tf&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1767225630&oauth_nonce=n0ncePlusSpace&oauth_version=1.0&oauth_signature=veQ95ouPFbedbvSS%2Bj6sh76UWLI%3D",
  consumerSecret: "dEmOcOnSuMeRsEcReT5Wn8Rk",
  tokenSecret: "dEmOaCcEsSsEcReT2Yd",
};

$("check-demo").addEventListener("click", () => {
  $("check-input").value = demo.input;
  $("check-consumer-secret").value = demo.consumerSecret;
  $("check-token-secret").value = demo.tokenSecret;
  $("check-format").value = "";
});

$("check-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const out = $("check-result");
  out.replaceChildren(el("p", "busy", "checking…"));
  const body = {
    input: $("check-input").value,
    format: $("check-format").value,
    url: $("check-url").value,
    consumer_secret: $("check-consumer-secret").value,
    token_secret: $("check-token-secret").value,
    secrets_json: $("check-secrets-json").value,
  };
  const data = await postJSON("/api/check", body).catch((e) => ({ error: String(e) }));
  out.replaceChildren();
  if (data.error) {
    out.append(el("p", "error", "✗ " + data.error));
    for (const h of data.hints || []) out.append(el("p", "hint", "hint: " + h));
    return;
  }
  for (const n of data.notes || []) out.append(el("p", "hint", "note: " + n));
  for (const item of data.results) out.append(renderResult(item));
});

function renderResult(item) {
  if (item.error) return el("article", "report bad", el("h2", "", "✗ " + item.origin), el("p", "error", item.error));
  const rep = item.report;
  let verdict, cls;
  if (rep.valid) {
    verdict = "✓ signature valid (" + rep.signature_method + ")";
    cls = "good";
  } else if (rep.unchecked) {
    verdict = "? signature not checked: " + rep.unchecked;
    cls = "unchecked";
  } else {
    verdict = "✗ signature mismatch (" + rep.signature_method + ")";
    cls = "bad";
  }
  const a = el("article", "report " + cls, el("h2", "verdict", verdict));
  a.append(el("p", "request", el("code", "", rep.method + " " + rep.url), " from " + rep.origin));
  if (rep.cause) {
    const c = rep.cause;
    a.append(el("div", "cause",
      el("p", "", el("b", "", "cause: "), c.title + " ", el("code", "id", "[" + c.ids.join("+") + "]")),
      el("p", "", c.detail),
      el("p", "fix", el("b", "", "fix: "), c.fix)));
  } else if (rep.unexplained) {
    a.append(el("p", "unexplained", rep.unexplained));
  }
  if (!rep.valid && rep.signature) {
    a.append(el("p", "sigs", "signature sent: ", el("code", "", rep.signature.supplied || "—"),
      "  expected: ", el("code", "", rep.signature.expected || "—")));
  }
  if (rep.diff) a.append(renderDiff(rep.diff, rep.diff_against));
  for (const h of rep.hints || []) a.append(el("p", "hint", "the diff shows: " + (h.title || h.id) + " [" + h.id + "]"));
  if (rep.findings && rep.findings.length) {
    const ul = el("ul", "findings");
    for (const f of rep.findings) ul.append(el("li", f.severity, f.severity + ": " + f.message + (f.section ? " (RFC 5849 §" + f.section + ")" : "") + " [" + f.id + "]"));
    a.append(el("h3", "", "Protocol lint"), ul);
  }
  if (rep.steps && rep.steps.length) {
    const d = el("details", "steps", el("summary", "", "How the base string was built, step by step"));
    const ol = el("ol", "");
    for (const s of rep.steps) {
      ol.append(el("li", "",
        el("b", "", s.name), " ", el("span", "section", "RFC 5849 §" + s.section),
        el("pre", "in", s.input), el("pre", "outp", s.output)));
    }
    d.append(ol, el("p", "", "base string:"), el("pre", "base", rep.base_string));
    a.append(d);
  }
  return a;
}

// renderDiff shows the parts that differ, then the character diff.
function renderDiff(diff, against) {
  const box = el("div", "diff", el("h3", "", "Base string diff: −correct +" + (against || "other")));
  const parts = el("table", "parts");
  for (const p of diff.parts || []) {
    parts.append(el("tr", "", el("th", "", p.part), el("td", "del", "− " + p.a)));
    parts.append(el("tr", "", el("th", "", ""), el("td", "ins", "+ " + p.b)));
  }
  box.append(parts);
  const chars = el("pre", "chars");
  for (const s of diff.segments || []) {
    const tag = s.op === "delete" ? "del" : s.op === "insert" ? "ins" : "span";
    chars.append(el(tag, "", s.text));
  }
  box.append(el("details", "", el("summary", "", "character diff"), chars));
  return box;
}

// ---- sign and the flow

const flow = {};
$("sign-base").value = location.origin;
$("flow-call-url").value = location.origin + "/api/1.0/user";

function signParams() {
  return {
    consumer_key: $("sign-consumer-key").value,
    consumer_secret: $("sign-consumer-secret").value,
    signature_method: $("sign-method").value,
    transport: $("sign-transport").value,
  };
}

// maskSignature hides a PLAINTEXT signature (it is the secrets) in text
// shown on the page, by its place in the request.
function maskSignature(text, signed, show) {
  if (show || signed.signature_method !== "PLAINTEXT" || !text) return text;
  return text.replace(/(oauth_signature=")([^"]*)(")/, (m, a, v, b) => a + redacted(decodeURIComponent(v), false) + b)
    .replace(/(oauth_signature=)([^&"' ]*)/, (m, a, v) => a + redacted(decodeURIComponent(v), false));
}

function logStep(title, signed, status, answer) {
  const show = $("sign-show").checked;
  const entry = el("article", "step " + (status >= 200 && status < 300 ? "good" : status ? "bad" : ""),
    el("h3", "", title));
  if (signed) {
    entry.append(el("p", "", el("code", "", signed.method + " " + maskSignature(signed.url, signed, show))));
    entry.append(el("details", "", el("summary", "", "base string and request"),
      el("pre", "base", signed.base_string),
      signed.authorization ? el("pre", "", "Authorization: " + maskSignature(signed.authorization, signed, show)) : null,
      el("pre", "", maskSignature(signed.curl, signed, show))));
  }
  if (status) entry.append(el("p", "status", "→ " + status));
  if (answer) {
    const dl = el("dl", "");
    for (const [k, v] of Object.entries(answer)) {
      dl.append(el("dt", "", k), el("dd", "", k.endsWith("_secret") ? redacted(v, show) : v));
    }
    entry.append(dl);
  }
  $("sign-log").prepend(entry);
  return entry;
}

// sign asks this server to sign a request.
async function sign(req) {
  const data = await postJSON("/api/sign", Object.assign(signParams(), req));
  if (data.error) throw new Error(data.error);
  return data;
}

// send sends a signed request to this origin and reads a form or JSON answer.
async function send(signed) {
  const headers = {};
  if (signed.authorization) headers["Authorization"] = signed.authorization;
  if (signed.content_type) headers["Content-Type"] = signed.content_type;
  const resp = await fetch(signed.url, { method: signed.method, headers, body: signed.body || undefined, cache: "no-store", credentials: "omit" });
  const text = await resp.text();
  let answer = {};
  if ((resp.headers.get("Content-Type") || "").startsWith("application/json")) {
    try { answer = JSON.parse(text); } catch { answer = { body: text }; }
  } else {
    for (const [k, v] of new URLSearchParams(text.split("\n")[0])) answer[k] = v;
  }
  return { status: resp.status, answer };
}

async function step(button, out, fn) {
  $(out).textContent = "…";
  try {
    await fn();
  } catch (e) {
    $(out).textContent = "✗ " + e.message;
    $(out).className = "out error";
    return;
  }
  $(out).className = "out";
}

function endpoint(path) {
  const base = $("sign-base").value.replace(/\/+$/, "");
  if (new URL(base).origin !== location.origin) throw new Error("the flow runs against this server only; use “Sign one request” for another");
  return base + path;
}

$("flow-request-token").addEventListener("click", () => step("flow-request-token", "flow-request-token-out", async () => {
  const signed = await sign({ method: "POST", url: endpoint("/api/1.0/oauth/request_token"), callback: "oob" });
  const r = await send(signed);
  logStep("1 · request_token", signed, r.status, r.answer);
  if (r.status !== 200) throw new Error(r.answer.oauth_problem + ": " + (r.answer.oauth_problem_advice || ""));
  flow.token = r.answer.oauth_token;
  flow.tokenSecret = r.answer.oauth_token_secret;
  $("flow-request-token-out").textContent = "request token " + flow.token;
  $("flow-authorize").disabled = false;
}));

$("flow-authorize").addEventListener("click", () => step("flow-authorize", "flow-authorize-out", async () => {
  const frame = $("flow-frame");
  frame.hidden = false;
  frame.src = endpoint("/api/1.0/oauth/authenticate") + "?oauth_token=" + encodeURIComponent(flow.token);
  $("flow-authorize-out").textContent = "grant access in the provider's page below";
}));

// The authorize page is this server's own: once the user granted access
// with the "oob" callback, it shows the verifier, which the page reads.
$("flow-frame").addEventListener("load", () => {
  let doc;
  try { doc = $("flow-frame").contentDocument; } catch { return; }
  const v = doc && doc.getElementById("verifier");
  if (!v) return;
  flow.verifier = v.textContent.trim();
  $("flow-authorize-out").textContent = "verifier " + flow.verifier;
  logStep("2 · authorize", null, 200, { oauth_token: flow.token, oauth_verifier: flow.verifier });
  $("flow-access-token").disabled = false;
  $("flow-frame").hidden = true;
});

$("flow-access-token").addEventListener("click", () => step("flow-access-token", "flow-access-token-out", async () => {
  const signed = await sign({ method: "POST", url: endpoint("/api/1.0/oauth/access_token"), token: flow.token, token_secret: flow.tokenSecret, verifier: flow.verifier });
  const r = await send(signed);
  logStep("3 · access_token", signed, r.status, r.answer);
  if (r.status !== 200) throw new Error(r.answer.oauth_problem + ": " + (r.answer.oauth_problem_advice || ""));
  flow.access = r.answer.oauth_token;
  flow.accessSecret = r.answer.oauth_token_secret;
  $("flow-access-token-out").textContent = "access token " + flow.access;
  $("flow-call").disabled = false;
}));

$("flow-call").addEventListener("click", () => step("flow-call", "flow-call-out", async () => {
  const signed = await sign({ method: "GET", url: $("flow-call-url").value, token: flow.access, token_secret: flow.accessSecret });
  if (new URL(signed.url).origin !== location.origin) throw new Error("the call must go to this server");
  const r = await send(signed);
  logStep("4 · call", signed, r.status, r.answer);
  $("flow-call-out").textContent = "→ " + r.status;
}));

$("one-sign").addEventListener("click", () => step("one-sign", "flow-call-out", async () => {
  const signed = await sign({ method: $("one-method").value, url: $("one-url").value, token: $("one-token").value, token_secret: $("one-token-secret").value });
  logStep("signed " + signed.method + " (not sent)", signed, 0, null);
}));
