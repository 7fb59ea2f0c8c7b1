/** zh-TW: strings of the runs pages, run log and job editor sections. Merged into ./zh-TW.ts. */
export const zhTWRunsEditor: Record<string, string> = {
};
