// test/boot/cases.mjs — every boot case: the CASES of each file test/boot/cases/<arch>.mjs
// (one file per guest architecture, in name order; a new guest adds its file), each case's
// `arch` defaulting to its file's name.  What a case is: test/boot/checks.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export const CASES = [];
for (const f of fs.readdirSync(DIR).filter((n) => n.endsWith('.mjs')).sort()) {
  const arch = f.slice(0, -4);
  const mod = await import(pathToFileURL(path.join(DIR, f)).href);
  if (!Array.isArray(mod.CASES)) {
    throw new Error(`test/boot/cases/${f} exports no CASES array`);
  }
  for (const c of mod.CASES) {
    if (c.arch !== undefined && c.arch !== arch) {
      throw new Error(`test/boot/cases/${f}: case '${c.name}' is for ${c.arch}, not ${arch}`);
    }
    CASES.push({ ...c, arch });
  }
}
