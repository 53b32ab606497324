import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules', '.next', 'dist', 'data', 'bench/.out', 'e2e/.artifacts', '**/*.cjs', 'test-results', 'playwright-report', 'next-env.d.ts', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Every focus and skip form (issue 15): a test that does not run proves nothing. Conditional runs
      // (skipIf, runIf), Playwright's fixme/fail/slow-less skips and the x/f aliases are all refused.
      'no-restricted-syntax': ['error',
        {
          selector: 'MemberExpression[object.name=/^(describe|suite|it|test|bench)$/][property.name=/^(only|skip|skipIf|runIf|todo|fixme|fails)$/]',
          message: 'No focused, skipped or conditional tests (issue 15).',
        },
        {
          selector: 'MemberExpression[object.type="MemberExpression"][object.property.name=/^(describe|serial|parallel|each|concurrent|sequential|step)$/][property.name=/^(only|skip|skipIf|runIf|todo|fixme|fails)$/]',
          message: 'No focused, skipped or conditional tests (issue 15).',
        },
        {
          selector: 'CallExpression[callee.name=/^(xit|xtest|xdescribe|fit|fdescribe|ftest)$/]',
          message: 'No focused or skipped tests (issue 15).',
        }],
    },
  },
);
