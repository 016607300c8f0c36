import * as vscode from 'vscode';
import type { CheckResult } from '../../core/doctor/doctor';
import { listDockerContexts, type DockerContextEntry } from '../../core/docker/dockerContext';
import { dockerHostList, sshDestination, type DockerHostEntry } from '../../core/docker/dockerHostList';
import { listConfiguredHosts } from '../../core/ssh/config/configFiles';
import { log } from '../log';
import { sshConfigFile } from '../ssh/sshConfigFile';
import { dockerHostAtScope } from './engineInUse';
import { checkHost, failureOf, hostReport, onDidCheckHost } from './hostChecks';

export const DockerHostsViewId = 'remoteDockerSsh.dockerHosts';

export interface HostNode {
  readonly kind: 'host';
  readonly entry: DockerHostEntry;
}

interface CheckNode {
  readonly kind: 'check';
  readonly target: string;
  readonly check: CheckResult;
}

type Node = HostNode | CheckNode;

export interface DockerHostRow {
  readonly label: string;
  /** The state, then the marks: "ready · this workspace". */
  readonly description: string;
  readonly contextValue: string;
}

/** Which host this workspace and this machine use, as ssh destinations (`alias`, `user@host:port`). */
interface Marks {
  readonly workspace?: string;
  readonly machine?: string;
}

/**
 * The Docker Hosts view: the ssh config's hosts (Include followed, `remote.SSH.configFile`
 * honoured) and the docker contexts with an `ssh://` endpoint. A tree view renders only the rows in
 * sight, so a config with a thousand hosts opens at once; a filter narrows the list.
 */
export class DockerHostsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes = new Map<string, HostNode>();
  private marks: Marks = {};
  private filterText = '';
  private view: vscode.TreeView<Node> | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.listeners = [
      onDidCheckHost((target) => {
        const node = this.nodes.get(target.toLowerCase());
        if (node) {
          this.changed.fire(node);
        }
      }),
    ];
  }

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.refresh();
  }

  /** The hosts as listed now (after the last refresh), unfiltered. */
  async entries(): Promise<{ entries: DockerHostEntry[]; contexts: DockerContextEntry[] }> {
    const configFile = sshConfigFile();
    const [hosts, contexts] = await Promise.all([
      listConfiguredHosts(configFile).catch((error: unknown) => {
        log().warn(`Docker Hosts: could not read ${configFile}: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      }),
      listDockerContexts({ timeoutMs: 5_000 }).then(({ contexts: found, error }) => {
        if (error) {
          log().info(`Docker Hosts: no docker contexts listed (${error})`);
        }
        return found;
      }),
    ]);
    return { entries: dockerHostList(hosts, contexts), contexts };
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'check') {
      return [];
    }
    if (node?.kind === 'host') {
      const report = hostReport(node.entry.target) ?? (await this.checkWithProgress(node.entry.target));
      return report.checks.map((check) => ({ kind: 'check', target: node.entry.target, check }));
    }
    const { entries, contexts } = await this.entries();
    const current = contexts.find((context) => context.current);
    this.marks = {
      workspace: destinationOf(dockerHostAtScope('workspace')),
      machine: destinationOf(dockerHostAtScope('user') ?? current?.dockerHost),
    };
    const wanted = this.filterText.toLowerCase();
    const shown = wanted ? entries.filter((entry) => entry.target.toLowerCase().includes(wanted) || entry.contexts.some((name) => name.toLowerCase().includes(wanted))) : entries;
    this.nodes = new Map(shown.map((entry) => [entry.target.toLowerCase(), { kind: 'host', entry }]));
    if (this.view) {
      this.view.message = wanted ? vscode.l10n.t('Filtered by "{0}": {1} of {2} hosts', this.filterText, shown.length, entries.length) : undefined;
    }
    await vscode.commands.executeCommand('setContext', 'remoteDockerSsh.dockerHostsEmpty', entries.length === 0);
    return [...this.nodes.values()];
  }

  /** The top rows as the view renders them now (tests and automation read the view through this). */
  async rows(): Promise<DockerHostRow[]> {
    const nodes = await this.getChildren();
    return nodes.map((node) => {
      const item = this.getTreeItem(node);
      return { label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue ?? '' };
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.kind === 'host' ? this.hostItem(node.entry) : checkItem(node);
  }

  dispose(): void {
    this.changed.dispose();
    for (const listener of this.listeners) {
      listener.dispose();
    }
  }

  private checkWithProgress(target: string) {
    return vscode.window.withProgress({ location: { viewId: DockerHostsViewId } }, () => checkHost(target));
  }

  private hostItem(entry: DockerHostEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(entry.target, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `host:${entry.target.toLowerCase()}`;
    const report = hostReport(entry.target);
    const failure = report && failureOf(report);
    const state = !report ? vscode.l10n.t('not checked') : failure ? failure : vscode.l10n.t('ready');
    const key = entry.target.toLowerCase();
    const marks = [
      ...(this.marks.workspace === key ? [vscode.l10n.t('this workspace')] : []),
      ...(this.marks.machine === key ? [vscode.l10n.t('this machine')] : []),
    ];
    item.description = [state, ...marks].join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      !report ? 'circle-large-outline' : failure ? 'error' : 'pass',
      !report ? undefined : new vscode.ThemeColor(failure ? 'testing.iconFailed' : 'testing.iconPassed'),
    );
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(entry.alias ? vscode.l10n.t('{0} in {1}', entry.alias, entry.configFile ?? '') : vscode.l10n.t('{0}: a docker context endpoint, not in the ssh config', entry.target));
    if (entry.contexts.length > 0) {
      tooltip.appendText('\n\n' + vscode.l10n.t('Docker contexts: {0}', entry.contexts.join(', ')));
    }
    tooltip.appendText('\n\n' + vscode.l10n.t('State: {0}', state));
    item.tooltip = tooltip;
    item.contextValue = `dockerHost ${entry.alias ? 'inSshConfig' : 'contextOnly'}`;
    return item;
  }
}

function checkItem(node: CheckNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.check.id, vscode.TreeItemCollapsibleState.None);
  item.id = `check:${node.target.toLowerCase()}:${node.check.id}`;
  item.description = node.check.code ? `${node.check.code}: ${node.check.message}` : node.check.message;
  item.tooltip = node.check.fix ? `${node.check.message}\n\n${node.check.fix}` : node.check.message;
  item.iconPath = new vscode.ThemeIcon({ pass: 'pass', warn: 'warning', fail: 'error', skip: 'circle-slash' }[node.check.status]);
  return item;
}

function destinationOf(dockerHost: string | undefined): string | undefined {
  return dockerHost ? sshDestination(dockerHost)?.toLowerCase() : undefined;
}

let tree: DockerHostsTree | undefined;

export function startDockerHostsView(context: vscode.ExtensionContext): void {
  tree = new DockerHostsTree();
  const view = vscode.window.createTreeView(DockerHostsViewId, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  context.subscriptions.push(
    tree,
    view,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('remote.SSH.configFile') || event.affectsConfiguration('containers.environment') || event.affectsConfiguration('docker')) {
        tree?.refresh();
      }
    }),
  );
}

export function dockerHostsTree(): DockerHostsTree {
  if (!tree) {
    throw new Error('The Docker Hosts view is not started.');
  }
  return tree;
}
