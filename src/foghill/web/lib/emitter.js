// What both page models share with a notebook's model: a state read by key, listeners on
// "change:<key>" and "msg:custom", and a delivery that one failing listener cannot stop.

/** @typedef {(value: any, extra?: any) => void} Listener */

export class Emitter {
  constructor() {
    /** @type {Record<string, any>} */
    this._state = {};
    /** @type {Map<string, Set<Listener>>} */
    this._listeners = new Map();
  }

  /** @param {string} key */
  get(key) {
    return this._state[key];
  }

  /**
   * @param {string} name "change:<key>" or "msg:custom"
   * @param {Listener} cb
   */
  on(name, cb) {
    const set = this._listeners.get(name) ?? new Set();
    this._listeners.set(name, set);
    set.add(cb);
  }

  /**
   * @param {string | null} [name]
   * @param {Listener | null} [cb]
   */
  off(name = null, cb = null) {
    if (!name) this._listeners.clear();
    else if (!cb) this._listeners.delete(name);
    else this._listeners.get(name)?.delete(cb);
  }

  /**
   * @param {string} name
   * @param {any} value
   */
  _emit(name, value) {
    for (const cb of [...(this._listeners.get(name) ?? [])]) {
      try {
        cb(value);
      } catch (error) {
        console.error(error);
      }
    }
  }
}
