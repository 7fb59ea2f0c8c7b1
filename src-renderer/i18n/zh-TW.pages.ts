/** zh-TW: strings of the alerts, audit, notifications, settings, cron editor and prompts pages and the shared components. Merged into ./zh-TW.ts. */
export const zhTWPages: Record<string, string> = {
};
