/** zh-CN: strings of the runs pages, run log and job editor sections. Merged into ./zh-CN.ts. */
export const zhCNRunsEditor: Record<string, string> = {
};
