// Generated from src/foghill/demo_sizes.py by `python -m foghill.remake`: do not edit by hand.
// Per training demo's tag, the examples its training set holds (the batch dial's top).

/** @type {Record<string, number>} */
export const TRAIN_SIZES = {
  "fh-digits": 1347,
  "fh-spam": 236,
  "fh-next-word": 2559,
  "fh-ratings": 292,
  "fh-edge": 60,
};
