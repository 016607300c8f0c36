import * as vscode from 'vscode';

/** One page of a multi-step input: its prompt, and a validator run on every keystroke. */
export interface InputStep {
  readonly key: string;
  readonly title: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  /** Returns the problem with the value, or undefined when it is fine. Empty optional values skip it. */
  readonly validate: (value: string) => string | undefined;
  readonly optional?: boolean;
}

/**
 * Shows the pages one after the other in one InputBox, with a Back button. Accepting is refused
 * while the validator reports a problem, so a bad value never leaves this function.
 * Resolves to the values by key, or undefined when the user cancelled.
 */
export async function askSteps(steps: readonly InputStep[]): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  const box = vscode.window.createInputBox();
  box.ignoreFocusOut = true;
  box.totalSteps = steps.length;
  try {
    let index = 0;
    while (index < steps.length) {
      const step = steps[index];
      const answer = await askOne(box, step, index, values[step.key] ?? step.value ?? '');
      if (answer === 'cancel') {
        return undefined;
      }
      if (answer === 'back') {
        index = Math.max(0, index - 1);
        continue;
      }
      values[step.key] = answer.value;
      index += 1;
    }
    return values;
  } finally {
    box.dispose();
  }
}

function problemOf(step: InputStep, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return step.optional ? undefined : vscode.l10n.t('A value is needed here.');
  }
  return step.validate(trimmed);
}

function askOne(box: vscode.InputBox, step: InputStep, index: number, initial: string): Promise<'cancel' | 'back' | { value: string }> {
  box.title = step.title;
  box.step = index + 1;
  box.prompt = step.prompt;
  box.placeholder = step.placeholder;
  box.value = initial;
  box.buttons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
  box.validationMessage = initial ? problemOf(step, initial) : undefined;
  return new Promise((resolve) => {
    const listeners: vscode.Disposable[] = [];
    const finish = (result: 'cancel' | 'back' | { value: string }) => {
      listeners.forEach((listener) => listener.dispose());
      resolve(result);
    };
    listeners.push(
      box.onDidChangeValue((value) => {
        box.validationMessage = problemOf(step, value);
      }),
      box.onDidAccept(() => {
        // The typed value reaches the extension host separately from the accept; a fast Enter can
        // arrive first. Read the value a moment later, once the last keystrokes have been applied.
        setTimeout(() => {
          const problem = problemOf(step, box.value);
          box.validationMessage = problem;
          if (!problem) {
            finish({ value: box.value.trim() });
          }
        }, 100);
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish('back');
        }
      }),
      box.onDidHide(() => finish('cancel')),
    );
    box.show();
  });
}
