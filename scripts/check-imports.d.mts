/** Types of check-imports.mjs for the tests that import it. */
export function importsOf(
  text: string,
): { spec: string; line: number; typeOnly: boolean; dynamic: boolean }[];
export function checkImports(root: string): string[];
