/**
 * Sizes as a person reads them: "56.3 MB", "512 bytes". One function for the engine's notes and the
 * UI, so a log marker and the page around it give the same figure; the UI passes its own word for
 * "bytes" in other languages.
 */
export function formatBytes(n: number, bytesWord: (n: number) => string = (b) => `${b} bytes`): string {
  if (n < 1024) return bytesWord(n);
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
