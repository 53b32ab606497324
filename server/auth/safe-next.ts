// Where the login page may send the browser afterwards (`/login?next=...`): only a path on this same
// origin. The value is parsed as the browser would parse it, because `/\evil.example` and
// `/<TAB>/evil.example` look like paths but browsers read both as `//evil.example` (issue 15).
// Pure: used by the login form in the browser and by tests.

export function safeNextPath(raw: string | null | undefined, origin: string): string {
  if (!raw || raw.length > 2000) return '/';
  // A backslash or a control character has no business in a path we send someone to.
  if (!raw.startsWith('/') || [...raw].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  const path = url.pathname + url.search + url.hash;
  // `/.//evil` resolves to the path `//evil`, which location.assign would read as another host
  return path.startsWith('//') ? '/' : path;
}
