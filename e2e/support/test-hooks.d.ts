/**
 * What specs plant on the page's window (in init scripts) and read back. The app never sets or
 * reads these; declaring them once spares every spec its own cast of `window`.
 */
interface Window {
  /** Tones the wall's alert started (wall.spec records OscillatorNode.start). */
  __tones?: number;
  /** Titles of the notifications the wall raised (wall.spec stands in for Notification). */
  __notifications?: string[];
  /** Set by injected markup or script if it ever runs: it must stay undefined. */
  __injected?: unknown;
}
