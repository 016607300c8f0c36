/**
 * Which Remote-SSH extension the running editor can use. Microsoft's Remote - SSH is licensed for,
 * and only served by the Marketplace to, Microsoft's own VS Code builds; every other build (VSCodium,
 * code-server, Gitpod, Theia…) uses the open-source Open Remote - SSH, which registers the same
 * `ssh-remote` resolver and reads the same `remote.SSH.*` settings.
 */

export const MicrosoftRemoteSshId = 'ms-vscode-remote.remote-ssh';
export const OpenRemoteSshId = 'jeanp413.open-remote-ssh';

/** What `vscode.env` says about the product (the adapter passes these in). */
export interface EditorProduct {
  readonly appName: string;
  readonly uriScheme: string;
  /** `desktop`, `web`, … (`vscode.env.appHost`); code-server reports a web host. */
  readonly appHost?: string;
}

// The uri schemes of Microsoft's desktop builds (stable, insiders, exploration).
const microsoftSchemes = new Set(['vscode', 'vscode-insiders', 'vscode-exploration']);

export function isMicrosoftBuild(product: EditorProduct): boolean {
  const desktop = product.appHost === undefined || product.appHost === 'desktop';
  return desktop && microsoftSchemes.has(product.uriScheme) && /visual studio code/i.test(product.appName);
}

/** The Remote-SSH extension id to install in this product. */
export function remoteSshExtensionFor(product: EditorProduct): string {
  return isMicrosoftBuild(product) ? MicrosoftRemoteSshId : OpenRemoteSshId;
}

/** Both ids: either one being installed means the `ssh-remote` resolver is there. */
export const RemoteSshExtensionIds: readonly string[] = [MicrosoftRemoteSshId, OpenRemoteSshId];
