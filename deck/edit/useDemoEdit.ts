// A demo's code as the slide's editor holds it: the example's own until someone edits it, then the edit, shared
// with every window of the deck and kept for the tab (sessionStorage) until Reset. Never written to a file.

import type { DemoId } from '../demos'
import { useEventBus, useSessionStorage } from '@vueuse/core'
import { computed, watch } from 'vue'
import { demos } from '../demos'
import { useRunSync } from '../useRunSync'
import { originalSource } from './editSource'

export function useDemoEdit(demoId: DemoId) {
  const { editOf, publishEdit } = useRunSync()
  const edit = demos[demoId]?.edit
  const original = edit ? originalSource(edit) : undefined
  // The tab's copy: a static deck keeps its shared state in memory, and a dev server can restart.
  const kept = useSessionStorage(`eggEdit:${demoId}`, '', { writeDefaults: false, listenToStorageChanges: false })
  if (original && kept.value && !editOf(demoId)) publishEdit(demoId, kept.value)
  // A reset in another window resets this tab's copy too.
  watch(() => editOf(demoId), (now, before) => {
    if (!now && before) kept.value = ''
  })

  const text = computed(() => editOf(demoId) || original || '')
  return {
    /** Whether the demo offers its code for editing. */
    editable: original !== undefined,
    original,
    /** The code as it stands: the edit, or the example's own. */
    text,
    /** Whether the code differs from the example's. */
    edited: computed(() => !!original && text.value !== original),
    update(next: string) {
      const value = next === original ? '' : next
      kept.value = value
      if (editOf(demoId) !== value) publishEdit(demoId, value)
    },
    reset() {
      kept.value = ''
      publishEdit(demoId, '')
    },
  }
}

/** "Run it": the editor's Ctrl/Cmd+Enter, heard by the demo's panel on the same slide. */
export const runRequests = useEventBus<string>('egg-run-request')
