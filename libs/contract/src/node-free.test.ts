import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The web app bundles this package for the browser: a Node import here would break its build, or worse,
// drag a polyfill into every page. Only zod and this package's own modules may be imported.
const sourceDir = new URL('./', import.meta.url);
const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, sourceDir), 'utf8') }));

/** Every module specifier: `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`. */
function specifiers(text: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '');
}

describe('the contract package', () => {
  it('has sources to check', () => {
    expect(sources.map(({ file }) => file)).toEqual(expect.arrayContaining(['index.ts', 'problem.ts']));
  });

  it.each(sources)('$file imports nothing but zod and its own modules', ({ text }) => {
    const foreign = specifiers(text).filter(
      (specifier) => specifier !== 'zod' && !specifier.startsWith('./'),
    );
    expect(foreign).toEqual([]);
  });

  it.each(sources)('$file uses no Node globals', ({ text }) => {
    expect(text).not.toMatch(/\b(?:process\.|Buffer\b|require\(|__dirname|__filename)/);
  });

  it('notices a Node import', () => {
    expect(specifiers("import { readFile } from 'node:fs';\nexport { x } from './x.ts';")).toEqual([
      'node:fs',
      './x.ts',
    ]);
    expect(specifiers("const fs = await import('fs');")).toEqual(['fs']);
  });
});
