/** zh-CN: strings of the alerts, audit, notifications, settings, cron editor and prompts pages and the shared components. Merged into ./zh-CN.ts. */
export const zhCNPages: Record<string, string> = {
};
