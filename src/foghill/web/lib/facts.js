// What holds where a walk rests, per kind of widget: the named facts the fh-run event carries
// (playback.js) for the page's tasks and predictions. Every value comes from the model's
// answers (Python's numbers); nothing is computed here but a ratio of two of them.

/**
 * A ball on a 1-D hill at position k: the step size and the valley's 1/L and 2/L (the
 * regimes the landscape carries), where the walk began and stands, its first tilt, and at
 * its end the valley it rests in.
 * @param {any} traj the /api/descend answer
 * @param {any} landscape the /api/landscape answer (or null)
 * @param {number} k
 * @returns {import("./playback.js").Facts}
 */
export function descentFacts(traj, landscape, k) {
  const r = landscape?.regimes || null;
  const last = traj.position.length - 1;
  const valley = k >= last ? traj.valley : null;
  return {
    rate: traj.learning_rate,
    optimizer: traj.optimizer,
    crawl_below: r ? r.crawl_below : null,
    one_jump: r ? r.one_jump : null,
    fly_off: r ? r.fly_off : null,
    start: traj.position[0],
    tilt: traj.gradient[0],
    x: traj.position[Math.min(k, last)],
    valley: valley ? (valley.deepest ? "deepest" : "side") : "",
    valley_x: valley ? valley.x : null,
    agree: traj.regime ? traj.regime.agree : null,
  };
}

/**
 * A line walking to the dots at step k: its slope, height and error there, the best line's,
 * and how many times the best error the line's error is (1 at the best).
 * @param {any} fit the /api/linefit answer
 * @param {number} k
 * @returns {import("./playback.js").Facts}
 */
export function lineFitFacts(fit, k) {
  const j = Math.min(k, fit.loss.length - 1);
  const loss = fit.loss[j];
  const best = fit.best.loss;
  return {
    slope: fit.w[j],
    height: fit.b[j],
    loss,
    best_slope: fit.best.w,
    best_loss: best,
    ratio: best > 0 ? loss / best : loss <= 1e-12 ? 1 : Number.POSITIVE_INFINITY,
  };
}
