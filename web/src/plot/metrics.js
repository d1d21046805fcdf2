// The spacing every panel shares, in CSS pixels.
export const EDGE = 6; // clearance between any text and the canvas edge
export const PAD_TOP = 8;
export const TICK = 4;
export const TICK_GAP = 3; // tick mark to tick label
export const LABEL_GAP = 4; // tick labels to axis title
export const MIN_PLOT = 8; // below this a plot area is not worth drawing
