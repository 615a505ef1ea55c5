// A .ts rather than a .d.ts, so that it is type-checked too (skipLibCheck skips every .d.ts).
// The deck's components as Slidev registers them (by file name, from components/**), and the globals
// Slidev gives every slide, so that npm run typecheck checks the slides' markdown (see tsconfig.json's
// vitePressExtensions, checkUnknownProps): a misspelt prop or demo id on a slide is a type error. A misspelt
// component name is not (Slidev's built-ins and icon components are not declared here). tests/layout.test.ts
// fails when a component is missing here.

import type { SlidevConfig } from '@slidev/types'

declare module 'vue' {
  interface GlobalComponents {
    DemoCode: typeof import('../components/DemoCode.vue')['default']
    DemoEditor: typeof import('../components/DemoEditor.vue')['default']
    EggRun: typeof import('../components/EggRun.vue')['default']
    QrCode: typeof import('../components/QrCode.vue')['default']
    Roadmap: typeof import('../components/Roadmap.vue')['default']
    SectionMark: typeof import('../components/SectionMark.vue')['default']
    SpinningEgg: typeof import('../components/SpinningEgg.vue')['default']
    YieldRace: typeof import('../components/YieldRace.vue')['default']
    BarChart: typeof import('../components/charts/BarChart.vue')['default']
    BenchChart: typeof import('../components/charts/BenchChart.vue')['default']
    MillionTasks: typeof import('../components/charts/MillionTasks.vue')['default']
    ChannelDiagram: typeof import('../components/diagrams/ChannelDiagram.vue')['default']
    CpuIoDiagram: typeof import('../components/diagrams/CpuIoDiagram.vue')['default']
    EggsDiagram: typeof import('../components/diagrams/EggsDiagram.vue')['default']
    EventLoopDiagram: typeof import('../components/diagrams/EventLoopDiagram.vue')['default']
    SchedulerDiagram: typeof import('../components/diagrams/SchedulerDiagram.vue')['default']
    StateMachineDiagram: typeof import('../components/diagrams/StateMachineDiagram.vue')['default']
  }
  // With checkUnknownProps (tsconfig.json), data-* attributes still go on any element: tests find things by them.
  interface HTMLAttributes {
    [dataAttribute: `data-${string}`]: unknown
  }
  interface SVGAttributes {
    [dataAttribute: `data-${string}`]: unknown
  }
  interface ComponentCustomProperties {
    /** Slidev's context in a slide's template: the part the slides use, its configs (the headmatter). */
    $slidev: { configs: SlidevConfig & Record<string, unknown> }
    /** The slide's current click. */
    $clicks: number
  }
}

export {}
