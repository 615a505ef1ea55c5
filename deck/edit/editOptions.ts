// How an edit is checked and compiled, for setup/monaco.ts (kept apart from compile.ts, which imports the
// Monaco setup that loads setup/monaco.ts).

import type * as Monaco from 'monaco-editor'

/** Where the names an edit sees are declared for the editor (deck/edit/env.d.ts). */
export const EDIT_ENV_URI = 'file:///egg-kitchen/env.d.ts'

/**
 * Strict, as Slidev sets Monaco up, but an untyped `(eggs, fry) =>` typed on stage is not an error; every
 * file is a module (top-level await); the JavaScript the Worker runs is ES2022.
 */
export function editCompilerOptions(monaco: typeof Monaco) {
  return {
    strict: true,
    noImplicitAny: false,
    target: 9, // ts.ScriptTarget.ES2022, which Monaco's enum does not spell
    module: monaco.typescript.ModuleKind.ESNext,
    moduleDetection: 3, // ts.ModuleDetectionKind.Force; Monaco's enums do not spell it
  }
}
