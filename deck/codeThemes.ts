// The deck's code themes, one place for Slidev's code blocks (setup/shiki.ts) and for the code that
// components highlight themselves with shiki (the event-loop diagram).
export const CODE_THEMES = { dark: 'github-dark-high-contrast', light: 'github-light-high-contrast' } as const
