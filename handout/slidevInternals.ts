// Every piece of Slidev's client that is not its public API, in one place, each with its reason.
// The handout prints each slide beside its notes; Slidev has no public component for that, so it is
// built from the same pieces Slidev's own print view (/print) and presenter notes use. They are the
// client's source files (@slidev/client ships raw .ts and .vue), typed loosely for vue-tsc in
// types/slidev-internals.d.ts. When Slidev is upgraded, these paths are what to check first.

/** A slide's clicks fixed at a count: the handout shows each slide with all its clicks done. */
export { createFixedClicks } from '@slidev/client/composables/useClicks.ts'
/** The deck's slides and count (`useNav`), and a navigation frozen on one slide (`useFixedNav`), as /print uses. */
export { useFixedNav, useNav } from '@slidev/client/composables/useNav.ts'
/** "Every click", and the key through which a printed slide learns its scale. */
export { CLICKS_MAX, injectionSlideScale } from '@slidev/client/constants.ts'
/** The headmatter, and the slide's design width in px. */
export { configs, slideWidth } from '@slidev/client/env.ts'
/** The presenter's notes as Slidev renders them (markdown, click markers). */
export { default as NoteDisplay } from '@slidev/client/internals/NoteDisplay.vue'
/** One slide as /print draws it. */
export { default as PrintSlideClick } from '@slidev/client/internals/PrintSlideClick.vue'
