// The user-facing strings of package.json and the package.nls.json key of each. Shared by
// tools/externalizeManifest.mjs (which moves them) and test/unit/manifestNls.test.ts (which checks
// that none is left inline, none is missing and none is unused).
//
// Key names, predictable from the manifest entry:
//   displayName, description, capabilities.untrustedWorkspaces.description
//   command.category                            (the one category of all our commands)
//   command.<id>.title                           <id> = the command id without "remoteDockerSsh."
//   config.title, config.<key>.<field>           <key> = the setting without "remoteDockerSsh.",
//                                                <field> = description, markdownDescription, …
//   config.<key>.enumDescriptions.<n>            (and markdownEnumDescriptions.<n>)
//   walkthrough.<id>.title / .description        <id> = the walkthrough id without "remoteDockerSsh."
//   walkthrough.<step>.title / .description / .altText
//   viewsContainer.<id>.title, view.<id>.name    <id> without "remoteDockerSsh."
//   viewsWelcome.<view>.contents                 <view> = the view id without "remoteDockerSsh."

const prefix = 'remoteDockerSsh.';
const short = (id) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
const settingFields = ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'];

/** @returns {{ key: string, get: () => string, set: (value: string) => void }[]} */
export function manifestStrings(manifest) {
  const entries = [];
  const field = (object, name, key) => {
    if (object && typeof object[name] === 'string') {
      entries.push({ key, get: () => object[name], set: (value) => (object[name] = value) });
    }
  };
  field(manifest, 'displayName', 'displayName');
  field(manifest, 'description', 'description');
  field(manifest.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
  const contributes = manifest.contributes ?? {};
  for (const command of contributes.commands ?? []) {
    field(command, 'title', `command.${short(command.command)}.title`);
    field(command, 'shortTitle', `command.${short(command.command)}.shortTitle`);
    field(command, 'category', 'command.category');
  }
  const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration].filter(Boolean);
  for (const configuration of configurations) {
    field(configuration, 'title', 'config.title');
    for (const [name, setting] of Object.entries(configuration.properties ?? {})) {
      for (const name2 of settingFields) field(setting, name2, `config.${short(name)}.${name2}`);
      for (const list of ['enumDescriptions', 'markdownEnumDescriptions']) {
        (setting[list] ?? []).forEach((_, index) => field(setting[list], index, `config.${short(name)}.${list}.${index}`));
      }
    }
  }
  for (const walkthrough of contributes.walkthroughs ?? []) {
    field(walkthrough, 'title', `walkthrough.${short(walkthrough.id)}.title`);
    field(walkthrough, 'description', `walkthrough.${short(walkthrough.id)}.description`);
    for (const step of walkthrough.steps ?? []) {
      field(step, 'title', `walkthrough.${step.id}.title`);
      field(step, 'description', `walkthrough.${step.id}.description`);
      field(step.media, 'altText', `walkthrough.${step.id}.altText`);
    }
  }
  for (const containers of Object.values(contributes.viewsContainers ?? {})) {
    for (const container of containers) field(container, 'title', `viewsContainer.${short(container.id)}.title`);
  }
  for (const views of Object.values(contributes.views ?? {})) {
    for (const view of views) field(view, 'name', `view.${short(view.id)}.name`);
  }
  for (const welcome of contributes.viewsWelcome ?? []) field(welcome, 'contents', `viewsWelcome.${short(welcome.view)}.contents`);
  return entries;
}

/**
 * Moves every inline user-facing string of `manifest` into `nls` and puts `%key%` in its place.
 * With `overwrite`, a new text replaces the one in nls (the manifest is the source, as in
 * tools/syncWalkthrough.mjs); without it, two different texts for one key are an error.
 * @returns {string[]} the keys moved
 */
export function moveStringsToNls(manifest, nls, { overwrite = false } = {}) {
  const moved = [];
  for (const entry of manifestStrings(manifest)) {
    const value = entry.get();
    if (/^%[^%]+%$/.test(value)) continue;
    if (!overwrite && nls[entry.key] !== undefined && nls[entry.key] !== value) {
      throw new Error(`package.nls.json already has ${entry.key} with another text; rename one of them`);
    }
    nls[entry.key] = value;
    entry.set(`%${entry.key}%`);
    moved.push(entry.key);
  }
  return moved;
}
