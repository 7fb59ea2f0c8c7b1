import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { trayIconPng } from './tray-icon';
import type { TrayAction, TrayView } from './tray-menu';

/** Electron adapter: shows a TrayView (built by tray-menu.ts) and reports clicks as TrayActions. */
export class TrayController {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayView['status'], NativeImage>();
  private shown = '';

  /** `template`: macOS menu-bar style (black and alpha, recoloured by the system for light and dark). */
  constructor(
    private readonly onAction: (action: TrayAction) => void,
    private readonly options: { template: boolean } = { template: false },
  ) {
    this.tray = new Tray(this.icon('idle'));
    // Windows and most Linux panels: a click opens the app; the menu is on right-click.
    this.tray.on('click', () => this.onAction({ type: 'open' }));
  }

  private icon(status: TrayView['status']): NativeImage {
    let image = this.icons.get(status);
    if (!image) {
      const style = { template: this.options.template };
      image = nativeImage.createFromBuffer(trayIconPng(status, 16, style));
      image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(status, 32, style) });
      if (this.options.template) image.setTemplateImage(true);
      this.icons.set(status, image);
    }
    return image;
  }

  update(view: TrayView): void {
    // Rebuilding a native menu is not free and some Linux panels flicker on it: only when it changed.
    const key = JSON.stringify(view);
    if (key === this.shown) return;
    this.shown = key;
    this.tray.setImage(this.icon(view.status));
    this.tray.setToolTip(view.tooltip);
    const template: MenuItemConstructorOptions[] = view.items.map((item) => {
      if (item.kind === 'separator') return { type: 'separator' };
      const action = item.action;
      return { label: item.label, enabled: item.enabled, ...(action ? { click: () => this.onAction(action) } : {}) };
    });
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
