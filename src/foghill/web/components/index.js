// Generated from src/foghill/contract/ by `python -m foghill.remake`: do not edit by hand.
// Every Foghill widget, registered: importing a component module defines its element, and
// the contract's table names every widget's module (web/components/<tag without fh->.js).

import "./hill.js";
import "./step-dial.js";
import "./line-fit.js";
import "./digits.js";
import "./spam.js";
import "./next-word.js";
import "./ratings.js";
import "./classifier.js";
import "./edge.js";
import "./surface.js";
import "./race.js";
import "./step-race.js";
import "./sweep.js";
import "./rule.js";
// Not a widget: live reload for a page of an author's own lessons (a no-op on any other).
import "../lib/live-reload.js";
