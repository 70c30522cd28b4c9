// Questions to a training host about the model drawn (what it reads a digit as, the next
// word): one question of a kind on its way at a time; one asked meanwhile waits for its
// answer (only the newest waits), and one asked again as the model trains waits REASK_MS.

/** The least time between two asks of one kind while the model trains (ms). */
export const REASK_MS = 400;

export class Asks {
  /**
   * @param {(question: Record<string, any>) => void} send puts a question to the host
   * @param {() => number} [now] the clock (ms)
   */
  constructor(send, now = () => performance.now()) {
    this.send = send;
    this.now = now;
    /** @type {Map<string, {busy: boolean, waiting: Record<string, any> | null, at: number}>} */
    this.slots = new Map();
  }

  /** @param {Record<string, any>} question with its kind in `what` */
  ask(question) {
    const slot = this.slots.get(question.what);
    if (slot?.busy) {
      slot.waiting = question;
      return;
    }
    // The page's host answers one question at a time (a newer one aborts an older one, whose
    // answer never comes): no other kind is waiting for an answer any more.
    this.drop();
    this.slots.set(question.what, { busy: true, waiting: null, at: this.now() });
    this.send(question);
  }

  /** @param {Record<string, any>} question asked again, at most every REASK_MS */
  refresh(question) {
    const slot = this.slots.get(question.what);
    if (slot && (slot.busy || this.now() - slot.at < REASK_MS)) return;
    this.ask(question);
  }

  /** @param {string} what the kind of question answered: the one waiting goes */
  answered(what) {
    const slot = this.slots.get(what);
    if (!slot) return;
    slot.busy = false;
    const next = slot.waiting;
    slot.waiting = null;
    if (next) this.ask(next);
  }

  /** No answer is coming (the host refused): nothing is on its way any more. */
  drop() {
    for (const slot of this.slots.values()) slot.busy = false;
  }
}
