// Every Foghill widget, registered: importing a component module defines its element.

import { FhHill } from "./hill.js";
import { FhStepDial } from "./step-dial.js";
import { FhLineFit } from "./line-fit.js";
import { FhRule } from "./rule.js";
import { FhSurface } from "./surface.js";
import { FhRace } from "./race.js";
import { FhSweep } from "./sweep.js";
import { FhStepRace } from "./step-race.js";
import { FhDigits } from "./digits.js";
import { FhSpam } from "./spam.js";
import { FhNextWord } from "./next-word.js";
import { FhRatings } from "./ratings.js";
import { FhClassifier } from "./classifier.js";
import { FhEdge } from "./edge.js";
// Not a widget: live reload for a page of an author's own lessons (a no-op on any other).
import "../lib/live-reload.js";

/** The custom elements this page can hold, by tag. */
export const WIDGETS = {
  "fh-hill": FhHill,
  "fh-step-dial": FhStepDial,
  "fh-line-fit": FhLineFit,
  "fh-rule": FhRule,
  "fh-surface": FhSurface,
  "fh-race": FhRace,
  "fh-sweep": FhSweep,
  "fh-step-race": FhStepRace,
  "fh-digits": FhDigits,
  "fh-spam": FhSpam,
  "fh-next-word": FhNextWord,
  "fh-ratings": FhRatings,
  "fh-classifier": FhClassifier,
  "fh-edge": FhEdge,
};
