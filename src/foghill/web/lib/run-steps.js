// The step into position k of a run, read from the run's answer itself (a descent's or a
// line fit's): the numbers the page's widgets put in their fh-step events, for a view that
// has the run but not the widget that plays it (the rule in a notebook).

/**
 * The step into position k of a run, from the run itself (a descent's or a line fit's
 * answer): what the page's widgets put in their fh-step events. Null when there is none.
 * @param {any} run
 * @param {number} k
 * @param {number} eta the step size (a line fit's answer does not carry it)
 * @param {string} optimizer
 * @returns {import("../lib/playback.js").StepDetail | null}
 */
export function stepOf(run, k, eta, optimizer) {
  if (Array.isArray(run?.position) && k >= 1 && k < run.position.length) {
    const detail = descentStep(run, k);
    return { ...detail, eta: detail.eta ?? eta, optimizer: detail.optimizer ?? optimizer };
  }
  if (Array.isArray(run?.w) && k >= 1 && k < run.w.length) return lineFitStep(run, k, eta, optimizer);
  return null;
}

/**
 * The step into position k of a line fit's answer (at k = 0, the first step's numbers with
 * the start as where it lands), in the line's own terms (its b read at x_from).
 * @param {any} run
 * @param {number} k
 * @param {number} eta the step size (a line fit's answer does not carry it)
 * @param {string} optimizer the optimizer asked for (the answer's own, when it names one, wins)
 * @returns {import("../lib/playback.js").StepDetail}
 */
export function lineFitStep(run, k, eta, optimizer) {
  const j = Math.max(0, k - 1);
  return {
    theta: [run.w[j], run.b[j]],
    eta,
    grad: [run.grad_w[j], run.grad_b[j]],
    next: [run.w[k], run.b[k]],
    loss: run.loss[j],
    step: k,
    optimizer: run.optimizer ?? optimizer,
  };
}

/**
 * The step into position k of a descent's answer (at k = 0, the first step's numbers with
 * the start as where it lands): theta, the step size, the gradient, where it lands, the loss.
 * @param {any} run
 * @param {number} k
 * @returns {import("../lib/playback.js").StepDetail}
 */
export function descentStep(run, k) {
  const j = Math.max(0, k - 1);
  return {
    theta: run.position[j],
    eta: run.learning_rate,
    grad: run.gradient[j],
    next: run.position[k],
    loss: run.loss[j],
    step: k,
    optimizer: run.optimizer,
  };
}
