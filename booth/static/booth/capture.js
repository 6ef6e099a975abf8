/* The capture screen: each visitor is saved on the device at once, then sent when the
 * network (and the login) allow. Statuses: waiting, sending, stored (with the reference)
 * and refused (with the reason, to fix and send again). */
(function () {
  "use strict";

  const root = document.getElementById("booth");
  if (!root || !window.BoothQueue) return;
  const T = JSON.parse(document.getElementById("booth-strings").textContent);
  const form = document.getElementById("capture-form");
  const itemsList = document.getElementById("booth-items");
  const queueSection = document.getElementById("booth-queue");
  const badge = document.getElementById("booth-badge");
  const badgeCount = document.getElementById("booth-badge-count");
  const net = document.getElementById("booth-net");
  const loginBox = document.getElementById("booth-login");
  const search = document.getElementById("booth-search");
  const suggestions = document.getElementById("booth-suggestions");
  const chosenList = document.getElementById("booth-chosen");
  const qrInput = document.getElementById("booth-qr-input");
  const qrResult = document.getElementById("booth-qr-result");
  const SYNC_EVERY_MS = 20000;

  let catalogue = {products: [], businesses: []};
  let chosen = [];
  let editing = null;

  // ---- The app: service worker and network state ------------------------------------

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.sw, {scope: root.dataset.scope}).catch(() => {});
  }

  function showNetwork() {
    net.hidden = false;
    net.textContent = navigator.onLine ? T.online : T.offline;
    net.className = "booth-net " + (navigator.onLine ? "booth-net-online" : "booth-net-offline");
  }

  // ---- Interest: type-ahead over the catalogue index ---------------------------------

  root.querySelector(".booth-typeahead").hidden = false;
  root.querySelector(".booth-fallback").hidden = true;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  async function loadCatalogue() {
    try {
      const response = await fetch(root.dataset.catalogue, {credentials: "same-origin"});
      if (response.ok && !response.redirected) catalogue = await response.json();
    } catch (error) {
      // Offline without a kept index: the type-ahead finds nothing until the next load.
    }
  }

  function matches(query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const found = [];
    for (const business of catalogue.businesses) {
      const text = fold(business.name);
      if (words.every((word) => text.includes(word))) {
        found.push({kind: "business", id: business.id, name: business.name, detail: T.business});
      }
    }
    for (const product of catalogue.products) {
      const text = fold(product.name + " " + product.business_name);
      if (words.every((word) => text.includes(word))) {
        found.push({
          kind: "product", id: product.id, name: product.name,
          detail: product.business_name, unit: product.unit, thumb: product.thumb,
        });
      }
    }
    return found.slice(0, 8);
  }

  function showSuggestions() {
    const found = matches(search.value);
    suggestions.replaceChildren();
    for (const entry of found) {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "list-group-item list-group-item-action booth-suggestion";
      if (entry.thumb) {
        const image = document.createElement("img");
        image.src = entry.thumb;
        image.alt = "";
        image.className = "booth-thumb";
        button.append(image);
      }
      const text = document.createElement("span");
      const strong = document.createElement("strong");
      strong.textContent = entry.name;
      const small = document.createElement("small");
      small.className = "d-block text-body-secondary";
      small.textContent = entry.detail;
      text.append(strong, small);
      button.append(text);
      button.addEventListener("click", () => choose(entry));
      item.append(button);
      suggestions.append(item);
    }
    if (search.value.trim() && !found.length) {
      const none = document.createElement("li");
      none.className = "list-group-item text-body-secondary";
      none.textContent = T.no_match;
      suggestions.append(none);
    }
    suggestions.hidden = !suggestions.children.length;
    search.setAttribute("aria-expanded", suggestions.hidden ? "false" : "true");
  }

  function choose(entry, quantity) {
    if (!chosen.some((c) => c.kind === entry.kind && c.id === entry.id)) {
      chosen.push({...entry, quantity: quantity || ""});
    }
    search.value = "";
    showSuggestions();
    showChosen();
    search.focus();
  }

  function showChosen() {
    chosenList.replaceChildren();
    chosen.forEach((entry, index) => {
      const item = document.createElement("li");
      item.className = "booth-chip";
      const label = document.createElement("span");
      label.className = "booth-chip-name";
      label.textContent = entry.name + " · " + entry.detail;
      item.append(label);
      if (entry.kind === "product") {
        const quantity = document.createElement("input");
        quantity.className = "form-control booth-chip-quantity";
        quantity.inputMode = "decimal";
        quantity.autocomplete = "off";
        quantity.placeholder = T.quantity + (entry.unit ? " (" + entry.unit + ")" : "");
        quantity.setAttribute("aria-label", quantity.placeholder + ": " + entry.name);
        quantity.value = entry.quantity;
        quantity.addEventListener("input", () => { entry.quantity = quantity.value; });
        item.append(quantity);
      }
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-outline-secondary booth-tap";
      remove.textContent = T.remove_item;
      remove.setAttribute("aria-label", T.remove_item + ": " + entry.name);
      remove.addEventListener("click", () => { chosen.splice(index, 1); showChosen(); });
      item.append(remove);
      chosenList.append(item);
    });
  }

  search.addEventListener("input", showSuggestions);

  // ---- QR code: prefill from a business card or badge --------------------------------

  function setField(name, value) {
    const field = form.elements[name];
    if (field && value) field.value = value;
  }

  qrInput.addEventListener("change", async () => {
    const file = qrInput.files[0];
    if (!file) return;
    let text = null;
    try {
      text = await BoothQR.decodeFile(file);
    } catch (error) {
      text = null;
    }
    qrInput.value = "";
    if (!text) {
      qrResult.textContent = T.qr_none;
      return;
    }
    const parsed = BoothQR.parse(text);
    if (parsed.recognised) {
      for (const [name, value] of Object.entries(parsed.fields)) setField(name, value);
      qrResult.textContent = T.qr_read;
    } else {
      const notes = form.elements.notes;
      notes.value = notes.value ? notes.value + "\n" + parsed.raw : parsed.raw;
      qrResult.textContent = T.qr_raw;
    }
  });

  // ---- Saving a capture on the device ------------------------------------------------

  const FIELDS = [
    "name", "company", "email", "phone", "country", "visitor_kind", "language",
    "target_price", "currency", "rating", "notes", "follow_up_by",
  ];

  function payloadFromForm(key, capturedAt) {
    const data = {idempotency_key: key, captured_at: capturedAt, products: [], exhibitors: []};
    for (const name of FIELDS) {
      const field = form.elements[name];
      if (field) data[name] = field.value;
    }
    data.consent = form.elements.consent.checked;
    data.share_contact = form.elements.share_contact.checked;
    for (const entry of chosen) {
      if (entry.kind === "product") {
        data.products.push(entry.id);
        if (entry.quantity) data["quantity_" + entry.id] = entry.quantity;
      } else {
        data.exhibitors.push(entry.id);
      }
    }
    data.chosen = chosen.map((c) => ({...c}));
    return data;
  }

  function markInvalid(name, message) {
    const field = form.elements[name];
    const target = field && field.length && !field.tagName ? field[0] : field;
    if (!target) return;
    target.classList.add("is-invalid");
    const feedback = document.createElement("div");
    feedback.className = "invalid-feedback d-block booth-client-error";
    feedback.textContent = message;
    (target.closest(".form-check, .mb-3") || target.parentElement).append(feedback);
  }

  function clearMarks() {
    form.querySelectorAll(".is-invalid").forEach((el) => el.classList.remove("is-invalid"));
    form.querySelectorAll(".booth-client-error, .invalid-feedback").forEach((el) => el.remove());
  }

  function checkBeforeSaving() {
    clearMarks();
    let fine = true;
    if (!form.elements.name.value.trim()) { markInvalid("name", T.required); fine = false; }
    if (!form.elements.email.value.trim() && !form.elements.phone.value.trim()) {
      markInvalid("email", T.required);
      fine = false;
    }
    if (!form.elements.consent.checked) { markInvalid("consent", T.required); fine = false; }
    return fine;
  }

  function resetForm() {
    const keep = {language: form.elements.language.value, visitor_kind: form.elements.visitor_kind.value};
    form.reset();
    setField("language", keep.language);
    setField("visitor_kind", keep.visitor_kind);
    chosen = [];
    editing = null;
    showChosen();
    qrResult.textContent = "";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!checkBeforeSaving()) {
      const first = form.querySelector(".is-invalid");
      if (first) first.focus();
      return;
    }
    const key = editing ? editing.idempotency_key : crypto.randomUUID();
    const capturedAt = editing ? editing.data.captured_at : new Date().toISOString();
    const item = {
      idempotency_key: key,
      saved_at: editing ? editing.saved_at : new Date().toISOString(),
      status: "waiting",
      data: payloadFromForm(key, capturedAt),
    };
    await BoothQueue.put(item);
    resetForm();
    qrResult.textContent = T.saved;
    await render();
    sync();
    window.scrollTo({top: 0});
  });

  // ---- The list of captures on this device ------------------------------------------

  const STATUS_CLASS = {
    waiting: "text-bg-warning", sending: "text-bg-info", stored: "text-bg-success",
    refused: "text-bg-danger",
  };

  function describeErrors(item) {
    const lines = [];
    if (item.message) lines.push(item.message);
    for (const [name, messages] of Object.entries(item.errors || {})) {
      const label = (item.labels || {})[name];
      lines.push((label ? label + ": " : "") + messages.join(" "));
    }
    return lines;
  }

  async function render() {
    const items = await BoothQueue.all();
    const pending = items.filter((item) => item.status !== "stored").length;
    badge.hidden = pending === 0;
    badgeCount.textContent = String(pending);
    queueSection.hidden = items.length === 0;
    itemsList.replaceChildren();
    for (const item of items.slice().reverse()) {
      const row = document.createElement("li");
      row.className = "booth-item booth-item-" + item.status;
      row.dataset.status = item.status;
      const head = document.createElement("div");
      head.className = "booth-item-head";
      const name = document.createElement("strong");
      name.textContent = item.data.name || "—";
      const status = document.createElement("span");
      status.className = "badge " + STATUS_CLASS[item.status];
      status.textContent = T[item.status];
      head.append(name, status);
      row.append(head);
      if (item.status === "stored") {
        const reference = document.createElement("p");
        reference.className = "mb-0 booth-reference";
        reference.textContent = T.reference + ": ";
        const value = document.createElement("strong");
        value.className = "booth-reference-value";
        value.textContent = item.reference;
        reference.append(value);
        row.append(reference);
      }
      if (item.status === "refused") {
        for (const line of describeErrors(item)) {
          const reason = document.createElement("p");
          reason.className = "mb-1 text-danger-emphasis";
          reason.textContent = line;
          row.append(reason);
        }
        const fix = document.createElement("button");
        fix.type = "button";
        fix.className = "btn btn-primary booth-tap";
        fix.textContent = T.fix;
        fix.addEventListener("click", () => loadForFix(item));
        row.append(fix);
      }
      if (item.status === "stored" || item.status === "refused") {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-link booth-tap";
        remove.textContent = T.remove;
        remove.addEventListener("click", async () => { await BoothQueue.remove(item.idempotency_key); render(); });
        row.append(remove);
      }
      itemsList.append(row);
    }
  }

  function loadForFix(item) {
    resetForm();
    editing = item;
    for (const name of FIELDS) setField(name, item.data[name]);
    if (item.data.rating) {
      const radio = form.querySelector('input[name="rating"][value="' + item.data.rating + '"]');
      if (radio) radio.checked = true;
    }
    form.elements.consent.checked = Boolean(item.data.consent);
    form.elements.share_contact.checked = Boolean(item.data.share_contact);
    chosen = (item.data.chosen || []).map((c) => ({...c}));
    showChosen();
    clearMarks();
    for (const [name, messages] of Object.entries(item.errors || {})) {
      if (form.elements[name]) markInvalid(name, messages.join(" "));
    }
    form.scrollIntoView();
  }

  // ---- Sending ----------------------------------------------------------------------

  let syncing = false;

  async function csrfToken() {
    const response = await fetch(root.dataset.session, {credentials: "same-origin", cache: "no-store"});
    if (response.status === 401 || response.status === 403 || response.redirected) return null;
    if (!response.ok) throw new Error("session");
    return (await response.json()).csrf;
  }

  async function sendAll() {
    const token = await csrfToken();
    if (!token) {
      loginBox.hidden = false;
      return;
    }
    loginBox.hidden = true;
    const items = (await BoothQueue.all()).filter((i) => i.status === "waiting" || i.status === "sending");
    for (const item of items) {
      // Another tab may have sent it meanwhile.
      const current = await BoothQueue.get(item.idempotency_key);
      if (!current || current.status === "stored" || current.status === "refused") continue;
      current.status = "sending";
      await BoothQueue.put(current);
      await render();
      const body = {...current.data};
      delete body.chosen;
      let response;
      try {
        response = await fetch(root.dataset.api, {
          method: "POST",
          credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRFToken": token},
          body: JSON.stringify(body),
        });
      } catch (error) {
        current.status = "waiting";
        await BoothQueue.put(current);
        return;
      }
      if (response.status === 401 || response.status === 403) {
        current.status = "waiting";
        await BoothQueue.put(current);
        loginBox.hidden = false;
        return;
      }
      let answer = {};
      try {
        answer = await response.json();
      } catch (error) {
        answer = {};
      }
      if (response.ok && answer.status === "stored") {
        current.status = "stored";
        current.reference = answer.reference;
      } else if (response.status === 400 || response.status === 404) {
        current.status = "refused";
        current.message = answer.message || "";
        current.errors = answer.errors || {};
        current.labels = answer.labels || {};
      } else {
        // A server error: try again later, unchanged.
        current.status = "waiting";
        await BoothQueue.put(current);
        return;
      }
      await BoothQueue.put(current);
    }
  }

  async function report() {
    const items = await BoothQueue.all();
    const waiting = items.filter((i) => i.status === "waiting" || i.status === "sending").length;
    try {
      const token = await csrfToken();
      if (!token) return;
      await fetch(root.dataset.device, {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": token},
        body: JSON.stringify({device: await BoothQueue.deviceId(), waiting}),
      });
    } catch (error) {
      // Reported next time.
    }
  }

  async function sync() {
    if (syncing || !navigator.onLine) {
      await render();
      return;
    }
    syncing = true;
    const run = async () => {
      try {
        await sendAll();
        await report();
      } catch (error) {
        // The network went away mid-way: everything not stored is still waiting.
      }
    };
    try {
      // One tab sends at a time; the server's idempotency key covers the rest.
      if (navigator.locks) await navigator.locks.request("booth-sync", run);
      else await run();
    } finally {
      syncing = false;
      await render();
    }
  }

  window.addEventListener("online", () => { showNetwork(); sync(); });
  window.addEventListener("offline", showNetwork);
  showNetwork();
  loadCatalogue();
  render().then(sync);
  setInterval(sync, SYNC_EVERY_MS);
})();
