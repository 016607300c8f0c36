import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds } from '../../../src/vscode/commandIds';
import { StepNames, stepContextKey } from '../../../src/vscode/walkthrough/stepKeys';
import { readLocalizedManifest } from '../../fixtures/manifest/localizedManifest';

// The walkthrough is data in package.json; these tests keep it honest: every step has its markdown,
// its light and dark media, a button that runs one of our commands, and completes on a key we set.
const root = join(import.meta.dirname, '..', '..', '..');
const manifest = readLocalizedManifest(root);
const walkthrough = manifest.contributes.walkthroughs.find((w: { id: string }) => w.id === 'remoteDockerSsh.setup');
type Step = { id: string; description: string; when?: string; completionEvents: string[]; media: { image: Record<string, string>; altText: string } };
const steps: Step[] = walkthrough.steps;

describe('walkthrough manifest', () => {
  it('is featured for Dockerfiles and compose files', () => {
    assert.ok(walkthrough.featuredFor.includes('**/Dockerfile'));
    assert.ok(walkthrough.featuredFor.some((glob: string) => glob.includes('compose.y')));
  });

  it('has one markdown file per step, identical to the step text (run node tools/syncWalkthrough.mjs)', () => {
    const files = readdirSync(join(root, 'walkthroughs')).filter((f) => f.endsWith('.md')).sort();
    assert.deepEqual(files, steps.map((s) => `${s.id}.md`).sort());
    for (const step of steps) {
      assert.equal(step.description, readFileSync(join(root, 'walkthroughs', `${step.id}.md`), 'utf8').trimEnd(), step.id);
    }
  });

  it('gives every step a button, alone on its line, that runs a contributed command of ours', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const ours = new Set(Object.values(CommandIds));
    for (const step of steps) {
      const buttons = step.description.split('\n').filter((line) => /^\[[^\]]+\]\(command:/.test(line));
      assert.ok(buttons.length > 0, `${step.id} has no button`);
      for (const line of buttons) {
        const match = /^\[[^\]]+\]\(command:([\w.]+)(\?[^)]*)?\)$/.exec(line);
        assert.ok(match, `${step.id}: "${line}" is not a lone button`);
        assert.ok(ours.has(match[1] as never) && contributed.has(match[1]), `${step.id}: ${match[1]} is not one of our commands`);
        if (match[2]) {
          JSON.parse(decodeURIComponent(match[2].slice(1)));
        }
      }
    }
  });

  it('gives every step light and dark SVG media that exist', () => {
    for (const step of steps) {
      const { image, altText } = step.media;
      assert.ok(altText.length > 10, step.id);
      for (const variant of ['light', 'dark', 'hc', 'hcLight']) {
        assert.match(image[variant], /\.svg$/, `${step.id} ${variant}`);
        const svg = readFileSync(join(root, image[variant]), 'utf8');
        assert.match(svg, /^<svg [^>]*viewBox=/, `${step.id} ${variant}`);
      }
      assert.notEqual(readFileSync(join(root, image.light), 'utf8'), readFileSync(join(root, image.dark), 'utf8'), `${step.id}: light and dark are the same`);
    }
  });

  it('completes every step only on a step context key that the extension sets', () => {
    const known = new Set(StepNames.map(stepContextKey));
    for (const step of steps) {
      assert.equal(step.completionEvents.length, 1, step.id);
      const [event] = step.completionEvents;
      assert.ok(event.startsWith('onContext:') && known.has(event.slice('onContext:'.length)), `${step.id}: ${event}`);
    }
    // And every key the extension sets completes some step.
    const used = new Set(steps.map((s) => s.completionEvents[0].slice('onContext:'.length)));
    for (const key of known) {
      assert.ok(used.has(key), `${key} completes no step`);
    }
  });

  it('shows the agent step once per OS and splits the two paths by the setup path key', () => {
    const agentSteps = steps.filter((s) => s.id.startsWith('agent'));
    assert.deepEqual(agentSteps.map((s) => s.when?.match(/is(Windows|Mac|Linux)/)?.[1]).sort(), ['Linux', 'Mac', 'Windows']);
    for (const step of steps) {
      if (step.when) {
        assert.match(step.when, /remoteDockerSsh\.setupPath != (remoteSsh|dockerHost)/, step.id);
      }
    }
    const direct = steps.filter((s) => s.when?.includes('!= remoteSsh')).map((s) => s.id);
    assert.ok(direct.includes('configureDockerHost') && direct.includes('listIdentities') && direct.includes('verifyDockerHost'));
  });

  it('lists every command id in package.json, with the Remote Docker category', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string; category: string }) => {
      assert.equal(c.category, 'Remote Docker');
      return c.command;
    });
    for (const id of Object.values(CommandIds)) {
      assert.ok(contributed.includes(id), `${id} missing from package.json`);
    }
  });

  it('does not do work at activation beyond startup-finished', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
    assert.ok(existsSync(join(root, 'src', 'extension.ts')));
  });
});
