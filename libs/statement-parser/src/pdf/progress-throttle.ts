import type { PdfProgress } from './pdf-types.js';

const INTERVAL_MS = 1000;

/** At most one report a second, and always the last one, so a caller can store each report without a flood. */
export function throttle(callback: ((progress: PdfProgress) => void) | undefined, total: number): (done: number) => void {
  let last = -Infinity;
  return (done) => {
    if (!callback) return;
    const now = Date.now();
    if (done < total && now - last < INTERVAL_MS) return;
    last = now;
    callback({ done, total, unit: 'pages' });
  };
}
