/* The device's queue of captures, in IndexedDB (through idb): it survives a reload, a
 * closed browser and a lost network. Each capture is keyed by the UUID made when it was
 * saved, which is also its idempotency key on the server. */
(function () {
  "use strict";

  let opened = null;

  function db() {
    if (!opened) {
      opened = idb.openDB("booth-captures", 1, {
        upgrade(database) {
          database.createObjectStore("captures", {keyPath: "idempotency_key"});
          database.createObjectStore("meta");
        },
      });
    }
    return opened;
  }

  window.BoothQueue = {
    async all() {
      const items = await (await db()).getAll("captures");
      return items.sort((a, b) => a.saved_at.localeCompare(b.saved_at));
    },
    async get(key) {
      return (await db()).get("captures", key);
    },
    async put(item) {
      return (await db()).put("captures", item);
    },
    async remove(key) {
      return (await db()).delete("captures", key);
    },
    async deviceId() {
      const database = await db();
      let id = await database.get("meta", "device");
      if (!id) {
        id = crypto.randomUUID();
        await database.put("meta", id, "device");
      }
      return id;
    },
  };
})();
