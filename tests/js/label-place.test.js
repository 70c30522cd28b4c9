// Labels placed apart (web/lib/label-place.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { overlaps, placeLabels } from "../../src/foghill/web/lib/label-place.js";

test("crowded points get labels that overlap neither each other nor the points", () => {
  const points = [
    [50, 50],
    [52, 51],
    [54, 49],
    [50, 53],
    [51, 55],
  ];
  const labels = points.map(([x, y]) => ({ x, y, w: 30, h: 10 }));
  const dots = points.map(([x, y]) => ({ x: x - 2, y: y - 2, w: 4, h: 4 }));
  const spots = placeLabels(labels, { x: 0, y: 0, w: 200, h: 200 }, dots);
  const boxes = spots.flatMap((s) => (s ? [s.box] : []));
  assert.ok(boxes.length >= 3);
  for (let i = 0; i < boxes.length; i++) {
    for (const d of dots) assert.ok(!overlaps(boxes[i], d));
    for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(boxes[i], boxes[j]));
  }
});

test("a label stays inside the picture, on the other side when needed", () => {
  const [spot] = placeLabels([{ x: 195, y: 100, w: 30, h: 10 }], { x: 0, y: 0, w: 200, h: 200 });
  assert.equal(spot?.anchor, "end");
  assert.ok(spot && spot.box.x + spot.box.w <= 200);
});
