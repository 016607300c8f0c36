/**
 * One time budget for a whole run (the doctor's --timeout). Every child gets the remaining time
 * as its hard timeout and the shared signal, so nothing outlives the budget or a caller's cancel.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onParentAbort = () => this.controller.abort(this.parent?.reason);

  constructor(
    timeoutMs: number,
    private readonly parent?: AbortSignal,
  ) {
    this.endsAt = performance.now() + timeoutMs;
    this.timer = setTimeout(() => this.controller.abort(new Error('timeout')), timeoutMs);
    this.signal = this.controller.signal;
    if (parent?.aborted) this.controller.abort(parent.reason);
    parent?.addEventListener('abort', this.onParentAbort, { once: true });
  }

  remainingMs(): number {
    return Math.max(1, Math.floor(this.endsAt - performance.now()));
  }

  /** Whole seconds for ssh's ConnectTimeout and ssh-keyscan's -T (both take integers, at least 1). */
  remainingSeconds(): number {
    return Math.max(1, Math.floor(this.remainingMs() / 1000));
  }

  get cancelledByCaller(): boolean {
    return this.parent?.aborted ?? false;
  }

  /** Ends the run now: every child still running is killed. */
  abort(): void {
    this.controller.abort(new Error('stopped'));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}
