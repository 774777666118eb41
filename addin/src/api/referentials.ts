/** The référentiel calls the task pane makes, typed end to end from the Worker's routes. */
import type { ReferentialInput } from '../../../shared/referential/schema'
import { callApi, type ApiClient } from './client'

export async function listReferentials(client: ApiClient) {
  const { referentials } = await callApi(client.api.v1.referentials.$get())
  return referentials
}

export type ReferentialSummary = Awaited<ReturnType<typeof listReferentials>>[number]

export async function getReferential(client: ApiClient, id: string) {
  const { referential } = await callApi(client.api.v1.referentials[':id'].$get({ param: { id } }))
  return referential
}

/**
 * Publishes a référentiel, or the next version of one (POST /referentials): its summary, the
 * version it follows and what changed. A refusal is an ApiError whose details list every issue.
 */
export async function publishReferential(client: ApiClient, referential: ReferentialInput) {
  return callApi(client.api.v1.referentials.$post({ json: referential }))
}

export type PublishedReferential = Awaited<ReturnType<typeof publishReferential>>
