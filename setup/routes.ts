// One extra page for readers: /handout?print, each slide with its presenter notes (npm run export).
import { defineRoutesSetup } from '@slidev/types'

export default defineRoutesSetup(routes => [
  // @ts-ignore tsc has no .vue types here; vue-tsc does
  { name: 'handout', path: '/handout', component: () => import('../handout/Handout.vue') },
  ...routes,
])
