// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'bench/results/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // CommonJS config files (pm2's ecosystem.config.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine never knows about Discord: only src/discord/ and commands/ may import discord.js.
    files: ['src/**/*.ts'],
    ignores: ['src/discord/**', 'src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'discord.js', message: 'The engine must not import discord.js; put Discord code in src/discord/ or commands/.' }] }],
    },
  },
);
