// What a page model asks its server for, per endpoint family (the contract's "descent",
// "linefit", "surface", "race" and "sweep"): which requests a change of inputs makes, and
// which output each answer fills. The page model (page-model.js) carries them out; every
// number still comes from the server, and nothing here computes one.

/**
 * The part of a PageModel a plan uses.
 * @typedef {object} PlanModel
 * @property {(key: string) => any} get
 * @property {string[]} outputs the model's output keys
 * @property {(channel: string, path: string, body: Record<string, any>, outKey: string,
 *   report?: boolean) => Promise<boolean | null>} post ask the server; the answer fills
 *   outKey (report false: a refusal is not shown, another request follows)
 */

/**
 * @typedef {object} PlanInput
 * @property {Record<string, any>} body every input, as it is
 * @property {(keys: string[]) => boolean} changed did any of these inputs change?
 * @property {string[]} inputs the model's input keys
 * @property {string[]} landscapeInputs the inputs whose change asks for the landscape again
 */

/** @typedef {(model: PlanModel, input: PlanInput) => Promise<unknown>[]} Plan */

/**
 * @param {unknown} start
 * @returns {boolean} is a start given (a number, or a point)?
 */
export function hasStart(start) {
  return typeof start === "number" || (Array.isArray(start) && start.length === 2);
}

/**
 * The landscape's request: the contours of a 2-D surface, or a 1-D hill's curve (which of
 * them, from the output the widget holds and, for a race, from the start's shape).
 * @param {PlanModel} model
 * @param {Record<string, any>} body
 * @returns {Promise<boolean | null>}
 */
function askLandscape(model, body) {
  const which = { hill: body.hill, formula: body.formula, domain: body.domain };
  if (model.outputs.includes("contours")) return model.post("landscape", "/api/contours", which, "contours");
  // A 1-D hill, or a surface shown where the widget keeps a "landscape" (its race or sweep
  // decides by the start's shape; without a start, the hill's dims do: ask for the curve
  // first, a 2-D surface refuses it and its contours are asked for instead).
  if (Array.isArray(body.start)) return model.post("landscape", "/api/contours", which, "landscape");
  const curve = { ...which, start: typeof body.start === "number" ? body.start : null, max_steps: body.max_steps };
  const asked = model.post("landscape", "/api/landscape", curve, "landscape", typeof body.start === "number");
  return asked.then((ok) =>
    ok === false && typeof body.start !== "number" ? model.post("landscape", "/api/contours", which, "landscape") : ok,
  );
}

/**
 * The racers of a race request: each optimizer with its step size (the widget's own, or the
 * landscape's defaults) and, for momentum and Nesterov, the widget's momentum. Null while
 * the defaults are not known yet.
 * @param {Pick<PlanModel, "get">} model
 * @param {Record<string, any>} body
 * @returns {{optimizer: string, learning_rate: number, momentum: number | null}[] | null}
 */
export function racers(model, body) {
  const names = Array.isArray(body.optimizers) ? body.optimizers : null;
  const rates = Array.isArray(body.learning_rates) ? body.learning_rates : null;
  const momentum = typeof body.momentum === "number" ? body.momentum : null;
  const heavy = (/** @type {string} */ name) => name === "momentum" || name === "nesterov";
  if (rates) {
    const list = names ?? rates.map(() => "gd");
    return list.map((/** @type {string} */ optimizer, /** @type {number} */ i) => ({
      optimizer,
      learning_rate: rates[Math.min(i, rates.length - 1)],
      momentum: heavy(optimizer) ? momentum : null,
    }));
  }
  const shown = model.get("contours") ?? model.get("landscape");
  const defaults = Array.isArray(shown?.racers) ? shown.racers : null;
  if (!defaults) return null;
  const list = names ?? defaults.map((/** @type {any} */ r) => r.optimizer);
  const out = [];
  for (const optimizer of list) {
    const known = defaults.find((/** @type {any} */ r) => r.optimizer === optimizer);
    if (!known) return null;
    out.push({
      optimizer,
      learning_rate: known.learning_rate,
      momentum: heavy(optimizer) ? (momentum ?? known.momentum) : null,
    });
  }
  return out;
}

/**
 * The request for a run with these inputs (a walk, or a race), or null when there is none
 * to ask for yet (no start; a race whose step sizes are not known yet).
 * @param {string} endpoint the widget's endpoint family
 * @param {Pick<PlanModel, "get">} model
 * @param {Record<string, any>} body every input
 * @returns {{path: string, body: Record<string, any>} | null}
 */
export function runRequest(endpoint, model, body) {
  if (!hasStart(body.start)) return null;
  if (endpoint === "descent" || endpoint === "surface") return { path: "/api/descend", body };
  if (endpoint !== "race") return null;
  const list = racers(model, body);
  if (!list) return null;
  const { hill, formula, domain, start, max_steps } = body;
  return { path: "/api/race", body: { hill, formula, domain, start, max_steps, racers: list } };
}

/** @type {Record<string, Plan>} */
export const PLANS = {
  /**
   * A 1-D hill: its curve; a walk once a ball is dropped. Every request carries all the
   * inputs, as they are: the server picks the landscape (a non-empty formula wins over the
   * hill) and ignores the keys an endpoint does not use. A walk asked for ahead (prefetch)
   * answers at once.
   */
  descent(model, { body, changed, inputs, landscapeInputs }) {
    const jobs = [];
    if (changed(landscapeInputs)) {
      // Regimes for the valley the start drains into; a start off the hill (an address
      // typed by hand) must not cost the drawing, so ask again without it.
      const hasStart = body.start !== null && body.start !== undefined;
      jobs.push(
        model
          .post("landscape", "/api/landscape", body, "landscape", !hasStart)
          .then((ok) =>
            ok === false && hasStart
              ? model.post("landscape", "/api/landscape", { ...body, start: null }, "landscape")
              : ok,
          ),
      );
    }
    const wantsRun = body.start !== null && body.start !== undefined;
    if (wantsRun && changed(inputs)) jobs.push(model.post("descend", "/api/descend", body, "trajectory"));
    return jobs;
  },

  /** A line through dots: its walk, whenever an input changes. */
  linefit(model, { body, changed, inputs }) {
    return changed(inputs) ? [model.post("fit", "/api/linefit", body, "fit")] : [];
  },

  /** A surface from above: its contours; a walk once a ball is dropped. */
  surface(model, { body, changed, inputs, landscapeInputs }) {
    const jobs = [];
    if (changed(landscapeInputs)) jobs.push(askLandscape(model, body));
    if (hasStart(body.start) && changed(inputs)) {
      jobs.push(model.post("descend", "/api/descend", body, "trajectory"));
    }
    return jobs;
  },

  /**
   * A race: the landscape (contours, or a 1-D hill's curve); the runs once a start is set.
   * Racers without step sizes of their own wait for the landscape's defaults.
   */
  race(model, { body, changed, inputs, landscapeInputs }) {
    const jobs = [];
    /** @type {Promise<unknown>} */
    let landscape = Promise.resolve(null);
    if (changed(landscapeInputs)) {
      landscape = askLandscape(model, body);
      jobs.push(landscape);
    }
    if (hasStart(body.start) && changed(inputs)) {
      const run = () => {
        const ask = runRequest("race", model, body);
        return ask ? model.post("race", ask.path, ask.body, "race") : Promise.resolve(null);
      };
      jobs.push(racers(model, body) ? run() : landscape.then(run));
    }
    return jobs;
  },

  /** A sweep of step sizes: one request, whenever an input changes. */
  sweep(model, { body, changed, inputs }) {
    return changed(inputs) ? [model.post("sweep", "/api/sweep", body, "sweep")] : [];
  },
};
