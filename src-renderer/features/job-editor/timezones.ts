let zones: string[] | null = null;

/** Every IANA zone the runtime knows, UTC included (some runtimes leave it out of the list). */
export function timezoneNames(): string[] {
  if (zones === null) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = listed.includes('UTC') ? listed : ['UTC', ...listed];
  }
  return zones;
}
