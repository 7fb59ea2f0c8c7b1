import { formatBytes } from '../../../../src-shared/bytes';

export { formatBytes };

/** The live note when a run's output passes the first half of its budget. */
export function describeCut(maxBytes: number): string {
  return `The output passed the first ${formatBytes(Math.floor(maxBytes / 2))} kept of this run; what follows is cut, and its last ${formatBytes(Math.floor(maxBytes / 2))} will be kept when the run ends`;
}

/** The marker between the kept head and tail. */
export function describeDrop(lines: number, bytes: number, maxBytes: number): string {
  return `${lines.toLocaleString('en-US')} ${lines === 1 ? 'line' : 'lines'} (${formatBytes(bytes)}) dropped here: the run printed more than its ${formatBytes(maxBytes)} output cap, so only its head and tail are kept`;
}
