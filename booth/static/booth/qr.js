/* Read a QR code from a photo (jsQR) and make sense of what it holds: a vCard, a
 * MECARD, a mailto: link, or plain text (kept whole in the notes when it is none). */
(function () {
  "use strict";

  const MAX_SIDE = 1600;

  async function decodeFile(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d", {willReadFrequently: true});
    context.drawImage(bitmap, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    const code = jsQR(pixels.data, width, height);
    return code ? code.data : null;
  }

  function vcard(text) {
    const fields = {};
    // Folded lines continue with a space or a tab.
    const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
    let family = "";
    let given = "";
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const key = line.slice(0, colon).split(";")[0].toUpperCase();
      const value = line.slice(colon + 1).replace(/\\([,;])/g, "$1").trim();
      if (key === "FN" && value) fields.name = value;
      if (key === "N") [family, given] = value.split(";");
      if (key === "ORG" && value) fields.company = value.split(";")[0];
      if (key === "EMAIL" && value && !fields.email) fields.email = value;
      if (key === "TEL" && value && !fields.phone) fields.phone = value;
    }
    if (!fields.name && (given || family)) fields.name = [given, family].filter(Boolean).join(" ");
    return fields;
  }

  function mecard(text) {
    const fields = {};
    const parts = text.slice("MECARD:".length).split(/(?<!\\);/);
    for (const part of parts) {
      const colon = part.indexOf(":");
      if (colon < 0) continue;
      const key = part.slice(0, colon).toUpperCase();
      const value = part.slice(colon + 1).replace(/\\(.)/g, "$1").trim();
      if (!value) continue;
      if (key === "N") {
        const [family, given] = value.split(",");
        fields.name = [given, family].filter(Boolean).join(" ").trim();
      }
      if (key === "ORG") fields.company = value;
      if (key === "EMAIL" && !fields.email) fields.email = value;
      if (key === "TEL" && !fields.phone) fields.phone = value;
    }
    return fields;
  }

  function parse(text) {
    const trimmed = (text || "").trim();
    const upper = trimmed.toUpperCase();
    let fields = {};
    if (upper.startsWith("BEGIN:VCARD")) {
      fields = vcard(trimmed);
    } else if (upper.startsWith("MECARD:")) {
      fields = mecard(trimmed);
    } else if (upper.startsWith("MAILTO:")) {
      const address = decodeURIComponent(trimmed.slice(7).split("?")[0]);
      if (address) fields.email = address;
    } else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      fields.email = trimmed;
    } else if (/^(tel:)?\+?[0-9 ()-]{7,}$/i.test(trimmed)) {
      fields.phone = trimmed.replace(/^tel:/i, "");
    }
    const recognised = Object.keys(fields).length > 0;
    return {fields, recognised, raw: trimmed};
  }

  window.BoothQR = {decodeFile, parse};
})();
