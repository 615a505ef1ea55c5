// Slidev's Monaco, as the demo editor (components/DemoEditor.vue) needs it: the names an edited demo sees
// (deck/edit/env.d.ts) and the compiler options it is checked and compiled with (deck/edit/compile.ts).
import { defineMonacoSetup } from '@slidev/types'
import { EDIT_ENV_URI, editCompilerOptions } from '../deck/edit/editOptions'
import env from '../deck/edit/env.d.ts?raw'

export default defineMonacoSetup((monaco) => {
  const defaults = monaco.typescript.typescriptDefaults
  defaults.addExtraLib(env, EDIT_ENV_URI)
  defaults.setCompilerOptions({ ...defaults.getCompilerOptions(), ...editCompilerOptions(monaco) })
  return { editorOptions: {} }
})
