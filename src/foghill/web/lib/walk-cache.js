// The walks a page model already holds, by their request: the last few answered or asked for
// ahead (a pointer resting over the hill), and those still being asked for ahead, so that a
// click on a spot asked for ahead answers at once or waits for that same answer.

/** How many computed walks a page model keeps, by request (prefetched or answered). */
export const WALKS_KEPT = 24;

/** The requests whose answers are walks, kept by request (asked for ahead, or answered). */
export const RUN_PATHS = ["/api/descend", "/api/race"];

/** @typedef {{controller: AbortController, answer: Promise<{response: Response, data: any}>}} Asking */

export class WalkCache {
  constructor() {
    /** @type {Map<string, any>} walks already computed, by their request */
    this.walks = new Map();
    /** @type {Map<string, Asking>} walks being asked for ahead, by their request */
    this.asking = new Map();
  }

  /**
   * The key of a request's body.
   * @param {Record<string, any>} body
   * @returns {string}
   */
  static key(body) {
    return JSON.stringify(body);
  }

  /**
   * Is the walk this request answers held?
   * @param {Record<string, any>} body
   */
  has(body) {
    return this.walks.has(WalkCache.key(body));
  }

  /**
   * The walk this request answers, if it is held.
   * @param {Record<string, any>} body
   */
  get(body) {
    return this.walks.get(WalkCache.key(body));
  }

  /**
   * Remember a walk by its request (a few of them: the last ones asked for).
   * @param {Record<string, any>} body
   * @param {any} walk
   */
  remember(body, walk) {
    const key = WalkCache.key(body);
    this.walks.delete(key);
    this.walks.set(key, walk);
    while (this.walks.size > WALKS_KEPT) {
      const oldest = this.walks.keys().next().value;
      if (oldest === undefined) break;
      this.walks.delete(oldest);
    }
  }
}
