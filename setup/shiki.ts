// Code colours for a projector: GitHub's high-contrast themes, which shiki ships (offline). Every token,
// comments included, is above 4.5:1 on its own background in both schemes (npm run layout checks it).
// The deck's other code (the event-loop diagram's script) uses the same themes, through shiki directly.
import { defineShikiSetup } from '@slidev/types'
import { CODE_THEMES } from '../deck/codeThemes'

export default defineShikiSetup(() => ({ themes: CODE_THEMES }))
