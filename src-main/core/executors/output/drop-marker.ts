/** Sizes as a person reads them: 1,234 bytes, 56.3 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** The live note when a run's output passes the first half of its budget. */
export function describeCut(maxBytes: number): string {
  return `The output passed the first ${formatBytes(Math.floor(maxBytes / 2))} kept of this run; what follows is cut, and its last ${formatBytes(Math.floor(maxBytes / 2))} will be kept when the run ends`;
}

/** The marker between the kept head and tail. */
export function describeDrop(lines: number, bytes: number, maxBytes: number): string {
  return `${lines.toLocaleString('en-US')} ${lines === 1 ? 'line' : 'lines'} (${formatBytes(bytes)}) dropped here: the run printed more than its ${formatBytes(maxBytes)} output cap, so only its head and tail are kept`;
}
