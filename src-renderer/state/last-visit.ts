/**
 * When the user last had the app open, kept in the window's storage and refreshed while it is open.
 * Read once at start-up: that earlier instant is what "Since you left" reports from.
 */
const STORAGE_KEY = 'cnp.lastSeenAt';
/** Away this long (or more) and the app opens on "Since you left" instead of the page it was on. */
export const LANDING_GAP_MS = 4 * 3_600_000;

function read(): number | null {
  try {
    const v = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

const previous = read();

export const previousVisit = (): number | null => previous;

export function markSeen(now = Date.now()): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(now));
  } catch {
    /* storage may be disabled: the page then always covers the last day */
  }
}

/** True when the app should open on the morning review. */
export function shouldLandOnSince(now = Date.now()): boolean {
  return previous !== null && now - previous >= LANDING_GAP_MS;
}
