// Comparing a restore test's counts with those recorded when the backup was made. Pure: unit-tested.

/** null when they agree (or nothing was recorded: a backup from before counts were kept), else what differs. */
export function countsMismatch(recorded: Record<string, number> | undefined, restored: Record<string, number>): string | null {
  if (!recorded) return null;
  const diffs = Object.keys(recorded)
    .filter((k) => restored[k] !== recorded[k])
    .map((k) => `${k}: ${restored[k] ?? 'none'} restored, ${recorded[k]} when made`);
  return diffs.length ? diffs.join('; ') : null;
}

/** The newest backup proven restorable among a target's backups (by id, newest first or not). */
export function newestProven<T extends { id: number; provenAt: string | null }>(items: T[]): T | undefined {
  return items.filter((b) => b.provenAt).sort((a, b) => b.id - a.id)[0];
}
