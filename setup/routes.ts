// One extra page for readers: /handout?print, each slide with its presenter notes (npm run export).
import { defineRoutesSetup } from '@slidev/types'

export default defineRoutesSetup(routes => [
  { name: 'handout', path: '/handout', component: () => import('../handout/Handout.vue') },
  ...routes,
])
