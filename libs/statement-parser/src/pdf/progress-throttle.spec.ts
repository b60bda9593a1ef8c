import { throttle } from './progress-throttle.js';
import type { PdfProgress } from './pdf-types.js';

describe(throttle.name, () => {
  it('does nothing without a callback', () => {
    expect(() => throttle(undefined, 3)(1)).not.toThrow();
  });

  it('reports the last page every time it is reached, even in a quick run', () => {
    const reports: PdfProgress[] = [];
    const report = throttle((p) => reports.push(p), 2);
    [1, 2, 2].forEach(report);
    expect(reports).toEqual([{ done: 1, total: 2, unit: 'pages' }, { done: 2, total: 2, unit: 'pages' }, { done: 2, total: 2, unit: 'pages' }]);
  });

  it('holds back pages reported soon after the first, the last page aside', () => {
    const reports: number[] = [];
    const report = throttle((p) => reports.push(p.done), 4);
    [0, 1, 2, 3].forEach(report);
    expect(reports).toEqual([0]);
  });
});
