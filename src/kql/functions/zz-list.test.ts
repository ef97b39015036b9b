import { it } from 'vitest';
import { SCALAR_FUNCTIONS } from '/work/main/src/kql/functions/index.ts';
it('list', () => { console.log(SCALAR_FUNCTIONS.length, SCALAR_FUNCTIONS.map((f) => f.name + (f.aliases ? `(${f.aliases.join('/')})` : '')).join(' ')); });
