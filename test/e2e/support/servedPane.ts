/**
 * The set-up every browser test file shares: the production bundle and the fake host built, the
 * real Worker app on a local D1, both served on one origin (taskpaneServer.ts); all of it torn
 * down after the file. The browser stays the file's own: each launches it in its first test, so
 * that a missing Chromium fails a test instead of skipping the file.
 */
import { afterAll, beforeAll } from 'vitest'
import { startLocalWorker, type LocalWorker } from '../../addin/support/localWorker'
import { buildFakeHostScript, buildTaskpane, type TaskpaneBuild } from './taskpaneBuild'
import { serveTaskpane, type TaskpaneServer } from './taskpaneServer'

export interface ServedPane {
  readonly worker: LocalWorker
  readonly server: TaskpaneServer
  /** The fake Office host's script, to add to each page before the pane loads. */
  readonly fakeHost: string
}

/** Registers the file's set-up and tear-down; what it returns is usable from the first test on. */
export function servePane(options: Parameters<typeof startLocalWorker>[0]): ServedPane {
  let state: { worker: LocalWorker; server: TaskpaneServer; fakeHost: string; taskpane: TaskpaneBuild } | undefined
  const ready = () => {
    if (state === undefined) throw new Error('the pane is served from beforeAll on')
    return state
  }
  beforeAll(async () => {
    const [taskpane, fakeHost, worker] = await Promise.all([buildTaskpane(), buildFakeHostScript(), startLocalWorker(options)])
    state = { worker, fakeHost, taskpane, server: await serveTaskpane(taskpane.directory, worker.fetch) }
  }, 90_000)
  afterAll(async () => {
    await state?.server.close()
    await state?.worker.dispose()
    await state?.taskpane.dispose()
  })
  return {
    get worker() {
      return ready().worker
    },
    get server() {
      return ready().server
    },
    get fakeHost() {
      return ready().fakeHost
    },
  }
}
