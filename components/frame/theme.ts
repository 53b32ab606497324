// The colour theme: "system" (follow prefers-color-scheme, the default), "light" or "dark", kept in
// localStorage and applied as the `dark` class on <html> (Tailwind darkMode: 'class'). The same rule runs
// as an inline script before the first paint (THEME_BOOT in app/layout.tsx), so a dark page never flashes white.
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'slipway-theme';

/** Runs in <head> before anything renders; kept tiny and self-contained (it is a string). */
export const THEME_BOOT = `try{var t=localStorage.getItem('${THEME_KEY}');var d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light'}catch(e){}`;

export function readTheme(): ThemeChoice {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

export function applyTheme(choice: ThemeChoice) {
  const dark = choice === 'dark' || (choice === 'system' && systemDark());
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

export function saveTheme(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyTheme(choice);
}
