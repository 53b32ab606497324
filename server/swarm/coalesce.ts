// One refresh for a burst of reasons to refresh. `poke()` (an engine event) runs the job `delayMs`
// later, and every poke until then rides along; a poke while the job runs schedules one more run after
// it (what changed meanwhile may be missing from the one under way). `now()` (a write that must be
// visible to the next read) resolves once a run that started after the call has finished; callers
// that arrive while one run waits share it.

export class Coalescer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private job: () => Promise<void>,
    private delayMs: number,
  ) {}

  /** Runs the job soon: once for every poke until it starts. */
  poke(): void {
    if (this.timer || this.queued) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.now().catch(() => {
        /* a failed background run: the next poke or read runs it again */
      });
    }, this.delayMs);
    this.timer.unref?.();
  }

  /** Resolves (or rejects) with a run that starts no earlier than this call. */
  now(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.running) return this.start();
    if (!this.queued) {
      const after = this.running;
      this.queued = after
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start();
        });
    }
    return this.queued;
  }

  /** A run is under way or queued. */
  get busy(): boolean {
    return this.running !== null || this.queued !== null;
  }

  /** Drops a pending poke (the owner is going idle); a run under way still finishes. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(): Promise<void> {
    const p: Promise<void> = Promise.resolve()
      .then(() => this.job())
      .finally(() => {
        if (this.running === p) this.running = null;
      });
    this.running = p;
    return p;
  }
}
