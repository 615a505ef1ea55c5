// An edit, checked and compiled by the TypeScript that Monaco already runs in its own worker: a syntax or type
// error comes back as one line with the editor's own line and column, anything else as JavaScript.

import type * as Monaco from 'monaco-editor'
import { setupMonaco } from './slidevMonaco'

/** The model an edit of this demo lives in: one per demo and page, shared by its editor and its runs. */
export function editModel(monaco: typeof Monaco, demoId: string, text: string): Monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///edit/${demoId}.ts`)
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'typescript', uri)
  if (model.getValue() !== text) model.setValue(text)
  return model
}

export type Compiled = { js: string } | { problem: string }

/** The edit's JavaScript, or its first error as `line 3, column 7: …` (and how many more). */
export async function compileEdit(demoId: string, text: string): Promise<Compiled> {
  const { monaco } = await setupMonaco()
  const model = editModel(monaco, demoId, text)
  const worker = await (await monaco.typescript.getTypeScriptWorker())(model.uri)
  const file = model.uri.toString()
  const errors = [...await worker.getSyntacticDiagnostics(file), ...await worker.getSemanticDiagnostics(file)]
    .filter(diagnostic => diagnostic.category === 1) // errors, not suggestions
  if (errors.length) {
    const [first] = errors
    const { lineNumber, column } = model.getPositionAt(first.start ?? 0)
    const text = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    return { problem: `line ${lineNumber}, column ${column}: ${text.split('\n', 1)[0]}${more}` }
  }
  const { outputFiles, emitSkipped } = await worker.getEmitOutput(file)
  const js = outputFiles.find(output => /\.m?js$/.test(output.name))?.text
  return js && !emitSkipped ? { js } : { problem: 'the edit could not be compiled' }
}
