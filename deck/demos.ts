// The deck's live demos, collected from the examples: each example exports its own (title, eggs, ideal time
// and how to run it) beside the code the slide shows, so a demo is defined once. An id is what a slide
// writes in <EggRun demo="…">; DemoId makes a misspelt one a type error (npm run typecheck checks the slides).
// A new example file needs two lines here (its import and its spread): the imports are static so that the ids are a type.

import type { Demo } from '../examples/lib'
import { demos as oneEgg } from '../examples/01-one-egg'
import { demos as sequential } from '../examples/02-sequential'
import { demos as callbacks } from '../examples/03-callbacks'
import { demos as thenInALoop } from '../examples/04-then-in-a-loop'
import { demos as awaitInALoop } from '../examples/05-await-in-a-loop'
import { demos as generatorExecutor } from '../examples/06-generator-executor'
import { demos as promiseAll } from '../examples/07-promise-all'
import { demos as allSettled } from '../examples/08-all-settled'
import { demos as race } from '../examples/09-race'
import { demos as any } from '../examples/10-any'
import { demos as join } from '../examples/11-join'
import { demos as raceTimeout } from '../examples/12-race-timeout'
import { demos as abort } from '../examples/13-abort'
import { demos as channel } from '../examples/14-channel'
import { demos as forAwait } from '../examples/15-for-await'
import { demos as pans } from '../examples/16-pans'
import { demos as serverStream } from '../examples/17-server-stream'
import { demos as blocking } from '../examples/18-blocking'
import { demos as taskGroup } from '../examples/19-task-group'
import { demos as callbackBridge } from '../examples/20-callback-bridge'
import { demos as lostUpdate } from '../examples/22-lost-update'

export type { Demo } from '../examples/lib'

export const demos = {
  ...oneEgg,
  ...sequential,
  ...callbacks,
  ...thenInALoop,
  ...awaitInALoop,
  ...generatorExecutor,
  ...promiseAll,
  ...allSettled,
  ...race,
  ...any,
  ...join,
  ...raceTimeout,
  ...abort,
  ...channel,
  ...forAwait,
  ...pans,
  ...serverStream,
  ...blocking,
  ...taskGroup,
  ...callbackBridge,
  ...lostUpdate,
} satisfies Record<string, Demo>

/** The id of a demo some example defines: what `<EggRun demo="…">` accepts. */
export type DemoId = keyof typeof demos

/** Narrows a string (a URL parameter, a recording's key) to a demo id. */
export function isDemoId(id: string): id is DemoId {
  return Object.hasOwn(demos, id)
}
