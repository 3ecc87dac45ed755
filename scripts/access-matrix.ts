// Writes docs/access-matrix.md from the grants of every capability (src/access/matrix.ts).
import { writeFileSync } from 'node:fs';
import { accessMatrix } from '../src/access/matrix.ts';

const target = new URL('../docs/access-matrix.md', import.meta.url);
writeFileSync(target, accessMatrix());
console.log(`geschreven / written: ${target.pathname}`);
