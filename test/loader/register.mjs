// Registered after tsx (see .taprc): adds the original TypeScript to tsx's inline source maps.
// tsx writes `sourcesContent: [null]`, and v8-to-istanbul (tap's coverage) then maps every
// range onto an empty file and reports 100% for code that never ran.
import { register } from 'node:module';

register('./source-maps.mjs', import.meta.url);
