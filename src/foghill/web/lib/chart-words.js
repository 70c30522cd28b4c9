// What a chart says to a screen reader: the picture is named by what it shows (its
// aria-label) and described by what it shows now (aria-describedby): the widget's own words
// where they say it, or a sentence of the chart's current values kept in a hidden element
// (a description may point at hidden text, which is then not read a second time).

import { htmlEl, uid } from "./svg.js";

/**
 * Describe a picture by the words of other elements (each given an id if it has none).
 * @param {Element} chart
 * @param {...Element} sources
 */
export function describedBy(chart, ...sources) {
  const ids = sources.map((el) => {
    if (!el.id) el.id = uid("fh-words");
    return el.id;
  });
  chart.setAttribute("aria-describedby", ids.join(" "));
}

/** A chart's current values in a sentence, its description. */
export class ChartWords {
  /**
   * @param {Element} chart the picture (role img, named by what it shows)
   * @param {Element} parent where the hidden sentence is kept
   * @param {...Element} also words shown beside the chart that describe it too (first)
   */
  constructor(chart, parent, ...also) {
    this.el = htmlEl("span", { class: "fh-chart-words", hidden: "" }, "", parent);
    describedBy(chart, ...also, this.el);
  }

  /** @param {string} text */
  say(text) {
    if (this.el.textContent !== text) this.el.textContent = text;
  }
}
