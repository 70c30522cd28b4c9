// Generated from src/foghill/contract/ by `python -m foghill.remake`: do not edit by hand.
// What every widget's model holds: its inputs with their defaults, its outputs, and the
// statuses a widget can be in. The page model, the components and the notebook's Python
// traits all come from the same table.

/** Every value of a widget's data-status. */
export const STATUSES = ["idle", "running", "paused", "settled", "crawling", "zigzag", "flew-off"];

/** How a finished walk ended. */
export const OUTCOMES = ["settled", "crawling", "zigzag", "flew-off"];

/** How the page says each outcome, after the walker's name (never the label itself). */
export const OUTCOME_WORDS = {"settled": "settled", "crawling": "was still crawling", "zigzag": "zig-zagged", "flew-off": "flew off"};

/** What a walker with such a step does, after its name ("the ball zig-zags"). */
export const OUTCOME_DOES = {"settled": "settles", "crawling": "crawls", "zigzag": "zig-zags", "flew-off": "flies off"};

/** An outcome named as a kind of walk: a zone, a choice, a count ("3 zig-zag"). */
export const OUTCOME_NAMES = {"settled": "settle", "crawling": "crawl", "zigzag": "zig-zag", "flew-off": "fly off"};

/** How the words about a finished walk open ("Zig-zag: ..."), before the run's facts. */
export const OUTCOME_HEADINGS = {"settled": "Settled", "crawling": "Crawling", "zigzag": "Zig-zag", "flew-off": "Flew off"};

/** Decimals a position or height is printed with; "on a valley floor" means equal as printed. */
export const DISPLAY_DECIMALS = 2;

/** How fast a run plays, the default first (the element's speed attribute takes one). */
export const SPEEDS = ["watch", "fast", "instant"];

/** The pace of "watch" (milliseconds), and the share of its time "fast" takes. */
export const PACE = {"step_ms": 260, "walk_ms": 6500, "run_ms": 4000, "fast_share": 0.2};

/** Model keys whose element attribute is not their name in kebab-case (an HTML element's own). */
export const ATTRIBUTE_NAMES = {"hidden": "hidden-units"};

/** The attribute a lesson's table travels in, from data=FILE.csv to <fh-classifier>. */
export const TABLE_ATTRIBUTE = "data-fh-table";

/** The optimizers, by name. */
export const OPTIMIZERS = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

/** How the page names each optimizer, in sentences and in its menus. */
export const OPTIMIZER_WORDS = {"gd": "Plain descent", "momentum": "Momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"};

/** How the edge demo's step size may change over a run, by name. */
export const SCHEDULES = ["constant", "warm-up", "decay"];

/**
 * An input a shared link carries: its short name there, what a sentence calls it, how its
 * text reads (an attribute's shape: number, whole, text, numbers, start, names) and the
 * values it may take.
 * @typedef {object} LinkedKey
 * @property {string} name
 * @property {string} words
 * @property {string} shape
 * @property {Record<string, any>} schema
 */

/** Bounds every host enforces. */
export const LIMITS = {
  max_learning_rate: 100.0,
  max_steps: 5000,
  min_samples: 2,
  max_samples: 2001,
  min_dots: 2,
  max_dots: 5000,
  max_formula_length: 200,
  max_coordinate: 1000000.0,
  max_train_steps: 5000,
  max_batch_size: 5000,
  max_hidden: 64,
  max_seed: 2147483647,
  max_train_seconds: 20.0,
  max_train_examples: 2000000,
  max_word_length: 40,
  max_label_length: 40,
  max_ask_text: 1000,
  max_write_count: 40,
  min_table_rows: 8,
  max_table_rows: 5000,
  max_table_columns: 50,
  max_table_classes: 20,
};

/**
 * Per widget tag: how a sentence names it (never by its tag), its component module (under
 * web/components/, which defines the element), the endpoint family its page
 * model asks, its inputs with their defaults (attribute names are the keys in kebab-case),
 * its outputs, the inputs whose change asks for the landscape again, and the inputs a shared
 * link carries: each under its short name, read as its attribute is (shape), and checked
 * against the values it may take (a JSON Schema, bounds included).
 * @type {Record<string, {called: string, component: string,
 *   endpoint: "descent" | "linefit" | "surface" | "race" | "sweep" |
 *   "training" | null,
 *   inputs: Record<string, any>, outputs: string[], landscapeInputs: string[],
 *   link: Record<string, LinkedKey>}>}
 */
export const WIDGETS = {
  "fh-hill": {
    called: "the hill",
    component: "hill.js",
    endpoint: "descent",
    inputs: { hill: "foggy", formula: "", domain: null, start: null, learning_rate: 0.1, optimizer: "gd", max_steps: 200 },
    outputs: ["landscape", "trajectory", "error"],
    landscapeInputs: ["hill", "formula", "domain"],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "start", schema: {"anyOf": [{"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-step-dial": {
    called: "the step-size dial",
    component: "step-dial.js",
    endpoint: "descent",
    inputs: { hill: "bowl", formula: "", domain: null, start: null, learning_rate: 0.1, optimizer: "gd", max_steps: 200 },
    outputs: ["landscape", "trajectory", "error"],
    landscapeInputs: ["hill", "formula", "domain", "start", "max_steps"],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "start", schema: {"anyOf": [{"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-line-fit": {
    called: "the line through the dots",
    component: "line-fit.js",
    endpoint: "linefit",
    inputs: { x: [-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2], y: [-0.74, -1.11, -0.33, -0.4, 0.48, 0.06, 0.74, 0.52, 1.55, 1.38, 2.01, 1.74], w: 0.0, b: 0.0, learning_rate: 0.05, optimizer: "gd", max_steps: 300, x_from: null, x_label: "x", y_label: "y" },
    outputs: ["fit", "error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-digits": {
    called: "the digit reader",
    component: "digits.js",
    endpoint: "training",
    inputs: { learning_rate: 0.5, optimizer: "gd", batch_size: 32, steps: 400, seed: 0, hidden: 0 },
    outputs: ["error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      batch_size: { name: "batch", words: "batch size", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
      hidden: { name: "hidden", words: "number of hidden units", shape: "whole", schema: {"maximum": 64, "minimum": 0, "type": "integer"} },
    },
  },
  "fh-spam": {
    called: "the spam filter",
    component: "spam.js",
    endpoint: "training",
    inputs: { learning_rate: 0.5, optimizer: "gd", batch_size: 16, steps: 300, seed: 0 },
    outputs: ["error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      batch_size: { name: "batch", words: "batch size", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
    },
  },
  "fh-next-word": {
    called: "the next-word guesser",
    component: "next-word.js",
    endpoint: "training",
    inputs: { learning_rate: 2.0, optimizer: "gd", batch_size: 64, steps: 400, seed: 0, word: "the" },
    outputs: ["error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      batch_size: { name: "batch", words: "batch size", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
      word: { name: "word", words: "word", shape: "text", schema: {"maxLength": 40, "minLength": 1, "type": "string"} },
    },
  },
  "fh-ratings": {
    called: "the film ratings",
    component: "ratings.js",
    endpoint: "training",
    inputs: { learning_rate: 0.05, optimizer: "adam", batch_size: 32, steps: 400, seed: 0 },
    outputs: ["error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      batch_size: { name: "batch", words: "batch size", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
    },
  },
  "fh-classifier": {
    called: "the classifier",
    component: "classifier.js",
    endpoint: "training",
    inputs: { learning_rate: 0.5, optimizer: "gd", batch_size: 16, steps: 300, seed: 0 },
    outputs: ["error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      batch_size: { name: "batch", words: "batch size", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
    },
  },
  "fh-edge": {
    called: "the network at the edge",
    component: "edge.js",
    endpoint: "training",
    inputs: { learning_rate: 0.1, optimizer: "gd", batch_size: 60, steps: 2000, seed: 0, schedule: "constant" },
    outputs: ["run", "error"],
    landscapeInputs: [],
    link: {
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
      seed: { name: "seed", words: "seed", shape: "whole", schema: {"maximum": 2147483647, "minimum": 0, "type": "integer"} },
      schedule: { name: "sched", words: "schedule", shape: "text", schema: {"enum": ["constant", "warm-up", "decay"], "type": "string"} },
    },
  },
  "fh-surface": {
    called: "the map",
    component: "surface.js",
    endpoint: "surface",
    inputs: { hill: "himmelblau", formula: "", domain: null, start: null, learning_rate: 0.01, optimizer: "gd", max_steps: 500 },
    outputs: ["contours", "trajectory", "error"],
    landscapeInputs: ["hill", "formula", "domain"],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "numbers", schema: {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"} },
      learning_rate: { name: "rate", words: "step size", shape: "number", schema: {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-race": {
    called: "the race",
    component: "race.js",
    endpoint: "race",
    inputs: { hill: "narrow_valley", formula: "", domain: null, start: null, optimizers: ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], learning_rates: null, momentum: 0.9, max_steps: 1000 },
    outputs: ["contours", "race", "error"],
    landscapeInputs: ["hill", "formula", "domain"],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "start", schema: {"anyOf": [{"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      optimizers: { name: "racers", words: "racers", shape: "names", schema: {"items": {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"}, "maxItems": 6, "minItems": 1, "type": "array"} },
      learning_rates: { name: "rates", words: "step sizes", shape: "numbers", schema: {"items": {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"}, "maxItems": 6, "minItems": 1, "type": "array"} },
      momentum: { name: "mom", words: "momentum", shape: "number", schema: {"exclusiveMaximum": 1, "minimum": 0, "type": "number"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-step-race": {
    called: "the step-size race",
    component: "step-race.js",
    endpoint: "race",
    inputs: { hill: "bowl", formula: "", domain: null, start: null, learning_rates: null, max_steps: 200 },
    outputs: ["landscape", "race", "error"],
    landscapeInputs: ["hill", "formula", "domain", "start", "max_steps"],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "start", schema: {"anyOf": [{"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      learning_rates: { name: "rates", words: "step sizes", shape: "numbers", schema: {"items": {"exclusiveMinimum": 0, "maximum": 100.0, "type": "number"}, "maxItems": 3, "minItems": 3, "type": "array"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 5000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-sweep": {
    called: "the step-size sweep",
    component: "sweep.js",
    endpoint: "sweep",
    inputs: { hill: "bowl", formula: "", domain: null, start: 2.0, optimizer: "gd", max_steps: 500 },
    outputs: ["sweep", "error"],
    landscapeInputs: [],
    link: {
      formula: { name: "formula", words: "formula", shape: "text", schema: {"maxLength": 200, "type": "string"} },
      domain: { name: "range", words: "range", shape: "numbers", schema: {"anyOf": [{"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, {"items": {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      start: { name: "drop", words: "drop point", shape: "start", schema: {"anyOf": [{"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, {"items": {"maximum": 1000000.0, "minimum": -1000000.0, "type": "number"}, "maxItems": 2, "minItems": 2, "type": "array"}]} },
      optimizer: { name: "opt", words: "optimizer", shape: "text", schema: {"enum": ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], "type": "string"} },
      max_steps: { name: "steps", words: "number of steps", shape: "whole", schema: {"maximum": 2000, "minimum": 1, "type": "integer"} },
    },
  },
  "fh-rule": {
    called: "the update rule",
    component: "rule.js",
    endpoint: null,
    inputs: {},
    outputs: [],
    landscapeInputs: [],
    link: {},
  },
};
