// What tells merged containers apart in a row's tag: compose names them `project_service_1` (v1) or
// `project-service-1` (v2), so the tag drops the project and keeps service and replica number; the
// tag's colour follows the service, so a whole-stack view reads as one colour per service.

/** The container's name without its stack's prefix (either separator). Pure. */
export function tagOf(name: string, project: string | undefined): string {
  if (project) for (const sep of ['_', '-']) if (name.startsWith(project + sep) && name.length > project.length + 1) return name.slice(project.length + 1);
  return name;
}

/** The service part of a tag: `app-blue_1` → `app-blue`, `web-2` → `web`. Pure. */
export function serviceOfTag(tag: string): string {
  return tag.replace(/[_-]\d+$/, '');
}

/** One colour slot per distinct service, in order of first appearance. Pure. */
export function colourSlots(tags: string[]): number[] {
  const seen = new Map<string, number>();
  return tags.map((t) => {
    const s = serviceOfTag(t);
    if (!seen.has(s)) seen.set(s, seen.size);
    return seen.get(s)!;
  });
}
