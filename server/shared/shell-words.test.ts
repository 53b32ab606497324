import { describe, expect, it } from 'vitest';
import { shellWords, ShellWordsError } from './shell-words';

describe('shellWords', () => {
  it('splits on blanks', () => expect(shellWords('  ls   -la /tmp ')).toEqual(['ls', '-la', '/tmp']));
  it('keeps a double-quoted argument whole', () => expect(shellWords('sh -c "echo hi"')).toEqual(['sh', '-c', 'echo hi']));
  it('keeps single quotes literal', () => expect(shellWords(`sh -c 'echo "$HOME" \\n'`)).toEqual(['sh', '-c', 'echo "$HOME" \\n']));
  it('joins quoted and bare parts of one word', () => expect(shellWords(`a"b c"'d e'f`)).toEqual(['ab cd ef']));
  it('handles escapes inside double quotes', () => expect(shellWords(`echo "a \\"b\\" \\\\ \\$x \\n"`)).toEqual(['echo', 'a "b" \\ $x \\n']));
  it('escapes outside quotes', () => expect(shellWords('echo a\\ b \\"')).toEqual(['echo', 'a b', '"']));
  it('keeps empty quoted words', () => expect(shellWords(`printf '' ""`)).toEqual(['printf', '', '']));
  it('expands nothing', () => expect(shellWords('echo $HOME ~ *')).toEqual(['echo', '$HOME', '~', '*']));
  it('refuses unterminated quotes', () => {
    expect(() => shellWords(`sh -c "echo`)).toThrow(ShellWordsError);
    expect(() => shellWords(`sh -c 'echo`)).toThrow(/single quote/);
    expect(() => shellWords('echo \\')).toThrow(ShellWordsError);
  });
  it('gives nothing for a blank line', () => expect(shellWords('   ')).toEqual([]));
});
