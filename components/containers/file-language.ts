// Which highlighting a file gets in the viewer, from its name. Modes load on demand (a dynamic import
// each), so the container page does not carry every grammar. Unknown names stay plain text.
import type { Extension } from '@codemirror/state';
import type { StreamParser } from '@codemirror/language';

type Loader = () => Promise<Extension>;

const legacy = (load: () => Promise<StreamParser<unknown>>): Loader => async () => {
  const [{ StreamLanguage }, parser] = await Promise.all([import('@codemirror/language'), load()]);
  return StreamLanguage.define(parser);
};

const yamlLang: Loader = async () => (await import('@codemirror/lang-yaml')).yaml();
const jsonLang: Loader = async () => (await import('@codemirror/lang-json')).json();
const shell = legacy(async () => (await import('@codemirror/legacy-modes/mode/shell')).shell);
const nginx = legacy(async () => (await import('@codemirror/legacy-modes/mode/nginx')).nginx);
const dockerFile = legacy(async () => (await import('@codemirror/legacy-modes/mode/dockerfile')).dockerFile);
const toml = legacy(async () => (await import('@codemirror/legacy-modes/mode/toml')).toml);
const properties = legacy(async () => (await import('@codemirror/legacy-modes/mode/properties')).properties);
const python = legacy(async () => (await import('@codemirror/legacy-modes/mode/python')).python);
const javascript = legacy(async () => (await import('@codemirror/legacy-modes/mode/javascript')).javascript);
const sql = legacy(async () => (await import('@codemirror/legacy-modes/mode/sql')).standardSQL);
const xml = legacy(async () => (await import('@codemirror/legacy-modes/mode/xml')).xml);
const css = legacy(async () => (await import('@codemirror/legacy-modes/mode/css')).css);
const diff = legacy(async () => (await import('@codemirror/legacy-modes/mode/diff')).diff);

/** [pattern on the whole path, language, label]; the first match wins. `(^|/)` anchors a file name. */
const BY_NAME: [RegExp, Loader, string][] = [
  [/\.ya?ml$/i, yamlLang, 'YAML'],
  [/\.(json|jsonc|json5|map)$|(^|\/)\.(babelrc|eslintrc)$/i, jsonLang, 'JSON'],
  [/(^|\/)(dockerfile|containerfile)(\.[\w-]+)?$|\.dockerfile$/i, dockerFile, 'Dockerfile'],
  [/(^|\/)nginx\.conf$|^\/etc\/nginx\/.*\.conf$|\.nginx$/i, nginx, 'nginx'],
  [/\.(sh|bash|ash|zsh|ksh)$|(^|\/)\.?(bashrc|profile|ashrc|zshrc)$|(^|\/)(docker-)?entrypoint$/i, shell, 'shell'],
  [/\.toml$/i, toml, 'TOML'],
  [/\.(env|ini|cfg|conf|properties)$|(^|\/)\.env(\.[\w-]+)?$/i, properties, 'properties'],
  [/\.py$/i, python, 'Python'],
  [/\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/i, javascript, 'JavaScript'],
  [/\.sql$/i, sql, 'SQL'],
  [/\.(xml|html?|svg|xsd)$/i, xml, 'XML'],
  [/\.css$/i, css, 'CSS'],
  [/\.(diff|patch)$/i, diff, 'diff'],
];

/** The language for a file's path (or bare name), or null for plain text. */
export function languageFor(name: string): { label: string; load: Loader } | null {
  for (const [re, load, label] of BY_NAME) if (re.test(name)) return { label, load };
  return null;
}
