import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';
import { readLocalizedManifest } from '../fixtures/manifest/localizedManifest';

interface WalkthroughStep {
  id: string;
  title: string;
  when?: string;
}
interface Walkthrough {
  id: string;
  title: string;
  steps: WalkthroughStep[];
}

// What the walkthrough should show comes from package.json, so the test follows the walkthrough as it grows.
const manifest = readLocalizedManifest(repoRoot) as {
  publisher: string;
  name: string;
  contributes: { walkthroughs: Walkthrough[] };
};
const walkthrough = manifest.contributes.walkthroughs[0];
const categoryId = `${manifest.publisher}.${manifest.name}#${walkthrough.id}`;

describe('the setup walkthrough in a real workbench (VSIX installed in code-server)', () => {
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('renders its title and its steps, and a screenshot of it is written', async () => {
    // VS Code's own picker, as a user finds it: Welcome: Open Walkthrough... → our entry.
    await workbench!.openWalkthrough(walkthrough.title, categoryId);
    assert.equal((await workbench!.walkthroughTitle(categoryId).innerText()).trim(), walkthrough.title);

    const rendered = await workbench!.walkthroughSteps();
    const byId = new Map(walkthrough.steps.map((step) => [`${categoryId}#${step.id}`, step]));
    for (const step of rendered) {
      assert.ok(byId.has(step.id), `rendered step ${step.id} is not in package.json`);
      assert.equal(step.title, byId.get(step.id)!.title);
    }
    // Steps with a `when` clause (per OS, say) may be hidden here; every other step must be shown.
    const unconditional = walkthrough.steps.filter((step) => !step.when).map((step) => `${categoryId}#${step.id}`);
    assert.ok(unconditional.length > 0, 'the walkthrough has no step that always shows');
    const renderedIds = new Set(rendered.map((step) => step.id));
    assert.deepEqual(unconditional.filter((id) => !renderedIds.has(id)), [], 'steps missing from the page');

    const file = await workbench!.screenshot('walkthrough');
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
    // Measured at 1400x900: an empty workbench is about 21 KB, with this walkthrough open about 75 KB.
    assert.ok(statSync(file).size > 30_000, `${file} is only ${statSync(file).size} bytes`);
  });
});
