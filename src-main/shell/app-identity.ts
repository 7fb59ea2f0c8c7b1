/**
 * Who the app is to the OS. The same id goes into electron-builder.yml (appId): Windows ties toasts
 * and the taskbar to it (app.setAppUserModelId), macOS uses it as the bundle id. A test keeps the two equal.
 */
export const APP_ID = 'io.github.claude-night-pilot';
export const PRODUCT_NAME = 'Claude Night Pilot';
