// Splits a command line into an argument vector the way a POSIX shell splits words, without running a
// shell: single quotes keep everything literally, double quotes keep spaces and allow \" \\ \$ \` escapes,
// a backslash outside quotes escapes the next character. No expansion of any kind ($VAR, globs, ~) happens:
// the words go to the Engine's exec as they are. Pure: used by the browser's shell form.
export class ShellWordsError extends Error {}

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellWordsError('unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw new ShellWordsError('unterminated double quote');
        const c = line[i];
        if (c === '"') break;
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new ShellWordsError('a trailing backslash escapes nothing');
      // backslash-newline is a line continuation, as in sh
      if (line[i + 1] !== '\n') word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
