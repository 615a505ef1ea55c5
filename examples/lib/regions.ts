// Named regions of a source file, as Slidev cuts them for `<<< @/examples/file.ts#name` (its findRegion):
// the lines between `// #region name` and its `// #endregion`, with nested markers dropped. The deck's
// editor offers the same lines, and the highlight test counts lines the same way.

// A marker's name: what follows it, from its first to its last non-space character (none for a bare marker).
const START = /^\s*\/\/\s*#?region\b(?:\s*(\S(?:.*\S)?))?\s*$/
const END = /^\s*\/\/\s*#?endregion\b(?:\s*(\S(?:.*\S)?))?\s*$/

/** The name on a START or END marker line, '' for a bare marker; undefined when `line` is no such marker. */
function markerName(marker: RegExp, line: string): string | undefined {
  const match = marker.exec(line)
  return match ? match[1] ?? '' : undefined
}

/** The lines of `region` as Slidev shows them, or undefined when the source has no such region. */
export function regionLines(source: string, region: string): string[] | undefined {
  const lines = source.split('\n')
  const start = lines.findIndex(line => markerName(START, line) === region)
  if (start < 0) return undefined
  let depth = 1
  for (let i = start + 1; i < lines.length; i++) {
    if (markerName(START, lines[i]) === region) depth++
    const end = markerName(END, lines[i])
    if ((end === region || end === '') && --depth === 0)
      return lines.slice(start + 1, i).filter(line => !START.test(line) && !END.test(line))
  }
  return undefined
}
