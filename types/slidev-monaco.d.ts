// Slidev's Monaco setup (deck/edit/slidevMonaco.ts), typed: the package ships it as raw .ts for its own build.
import type * as monaco from 'monaco-editor'

export default function setupMonaco(): Promise<{ monaco: typeof monaco, editorOptions: monaco.editor.IStandaloneEditorConstructionOptions }>
