// Types of <snn-figure>, the element dist/snn-figure.js defines (`import 'snn-tutorial/figure'` in a bundler,
// or <script src=".../snn-figure.js"> in a page). The element's reference is the README's "Embedding".

/** A control's value: a number (a slider), one of its options (a menu), or a bool (a checkbox). */
export type SnnFigureValue = number | string | boolean;

export interface SnnChangeDetail {
  /** Every control's value after the change (a copy). */
  values: Record<string, SnnFigureValue>;
  /** The one control that changed, or null when several did (a reset, a link). */
  key: string | null;
  /** Who changed it: a control of the figure, set(), a param-<key> attribute, reset(), or a link (sync-url). */
  source: 'control' | 'api' | 'attribute' | 'reset' | 'link';
}

export interface SnnTraceDetail {
  /** One Trace per variant of the figure (see the core's types, snn-tutorial's index.d.ts). */
  traces: unknown[];
  /** The Scenario each trace ran. */
  scenarios: object[];
}

export interface SnnErrorDetail {
  /** Why the figure could not start, as the figure shows it. */
  message: string;
}

export interface SnnFigureControl {
  key: string;
  label: string;
  path: string;
  default: SnnFigureValue;
  min?: number;
  max?: number;
  step?: number;
  options?: SnnFigureValue[];
  unit?: string;
  checkbox: boolean;
}

export interface SnnFigureElement extends HTMLElement {
  /** Resolves once the figure has drawn its first trace or shown why it could not; never rejects. */
  readonly ready: Promise<void>;
  /** Resolves once every change made so far (set(), an attribute, a slider) has been run and drawn. */
  readonly updated: Promise<void>;
  /** The figure's id: its id attribute, or the spec's id. */
  readonly figureId: string;
  /** The figure's controls, with the labels and defaults the core's catalogue gives them (after ready). */
  readonly controls: SnnFigureControl[] | null;
  /** The current values, as a copy; assigning an object is set(object). */
  values: Record<string, SnnFigureValue>;
  /**
   * Changes one setting or several. Throws a TypeError or RangeError (with the core's message) and changes
   * nothing when a key is not a control, a value not one it offers, or the Scenario not one the core runs.
   * The figure re-runs on the next animation frame (then snn-trace).
   */
  set(key: string, value: SnnFigureValue): void;
  set(values: Record<string, SnnFigureValue>): void;
  /** Back to the values it started from: the spec's, with the param-<key> attributes over them. */
  reset(): void;
  /** The Scenario the current values give (the first variant's, for a figure with variants). */
  currentScenario(): object;

  addEventListener(type: 'snn-change', listener: (event: CustomEvent<SnnChangeDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'snn-trace', listener: (event: CustomEvent<SnnTraceDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'snn-error', listener: (event: CustomEvent<SnnErrorDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'snn-figure': SnnFigureElement;
  }
  /** The events bubble out of the element: a listener on an ancestor, the document or the window hears them. */
  interface SnnFigureEventMap {
    'snn-change': CustomEvent<SnnChangeDetail>;
    'snn-trace': CustomEvent<SnnTraceDetail>;
    'snn-error': CustomEvent<SnnErrorDetail>;
  }
  interface HTMLElementEventMap extends SnnFigureEventMap {}
  interface DocumentEventMap extends SnnFigureEventMap {}
  interface WindowEventMap extends SnnFigureEventMap {}
}
