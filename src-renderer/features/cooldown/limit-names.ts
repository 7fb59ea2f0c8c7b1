/**
 * Claude's rate-limit identifiers ("five_hour", "seven_day_opus") in words, the same on the meters,
 * the banner's warning and the run log. Written literally so the translation checks see every key.
 */
export function limitName(t: (key: string) => string, limitType: string): string {
  switch (limitType) {
    case 'five_hour':
      return t('5-hour');
    case 'seven_day':
      return t('Weekly');
    case 'seven_day_opus':
      return t('Weekly (Opus)');
    case 'seven_day_sonnet':
      return t('Weekly (Sonnet)');
    default:
      // A limit newer than this app: its identifier, readable.
      return limitType.replace(/_/g, ' ');
  }
}
