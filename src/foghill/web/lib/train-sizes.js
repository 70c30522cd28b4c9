// Generated from src/foghill/demo_sizes.py by `python -m foghill.remake`: do not edit by hand.
// Per training demo's tag, the examples its training set holds (the batch dial's top), and
// for a demo with a hidden layer, its model's weights at each width.

/** @type {Record<string, number>} */
export const TRAIN_SIZES = {
  "fh-digits": 1347,
  "fh-spam": 236,
  "fh-next-word": 2559,
  "fh-ratings": 292,
  "fh-edge": 60,
};

/**
 * Per demo tag with a hidden layer, its model's weights at each width (the index).
 * @type {Record<string, number[]>}
 */
export const WEIGHT_COUNTS = {
  "fh-digits": [
    650, 85, 160, 235, 310, 385, 460, 535, 610, 685, 760, 835, 910, 985, 1060, 1135, 1210, 1285, 1360, 1435, 1510, 1585,
    1660, 1735, 1810, 1885, 1960, 2035, 2110, 2185, 2260, 2335, 2410, 2485, 2560, 2635, 2710, 2785, 2860, 2935, 3010,
    3085, 3160, 3235, 3310, 3385, 3460, 3535, 3610, 3685, 3760, 3835, 3910, 3985, 4060, 4135, 4210, 4285, 4360, 4435,
    4510, 4585, 4660, 4735, 4810,
  ],
};
