/**
 * Child process of test/shared/xlsx.test.ts: reads each lying zip bomb through the jury parser
 * (the xlsx adapter) and measures the process's peak memory while doing so. Run alone so that the
 * figure is this read's, not the test runner's: resident set size sampled every millisecond (and
 * V8's heap plus external memory, array buffers included), minus the same figures just before
 * the read, after a garbage collection. Prints one JSON line.
 */
import { parseJuryFile } from '../../../shared/jury/parseJurySheets'
import { juryReferential, testSigner } from '../jury/fixtures'
import { lyingBombWorkbook, type LyingTarget } from '../jury/lyingBombs'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')
const heap = () => {
  const m = process.memoryUsage()
  // external includes array buffers (the inflated chunks).
  return m.heapUsed + m.external
}

const results = []
const signer = await testSigner()
for (const target of ['worksheet', 'sharedStrings'] as LyingTarget[]) {
  const bytes = lyingBombWorkbook(target)
  gc()
  await new Promise((resolve) => setTimeout(resolve, 50))
  gc()
  const baseRss = process.memoryUsage.rss()
  const baseHeap = heap()
  let peakRss = baseRss
  let peakHeap = baseHeap
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
    peakHeap = Math.max(peakHeap, heap())
  }
  const timer = setInterval(sample, 1)
  const started = performance.now()
  const parsed = await parseJuryFile(bytes, `bombe-${target}.xlsx`, { sessionId: 's', referential: juryReferential, signer })
  const ms = performance.now() - started
  sample()
  clearInterval(timer)
  results.push({
    target,
    fileBytes: bytes.length,
    ms,
    peakRssDelta: peakRss - baseRss,
    peakHeapDelta: peakHeap - baseHeap,
    errors: parsed.errors.map((e) => ({ code: e.code, message: e.message })),
  })
}
process.stdout.write(`${JSON.stringify(results)}\n`)
