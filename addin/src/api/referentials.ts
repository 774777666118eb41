/** The référentiel calls the task pane makes, typed end to end from the Worker's routes. */
import { callApi, type ApiClient } from './client'

export async function listReferentials(client: ApiClient) {
  const { referentials } = await callApi(client.api.v1.referentials.$get())
  return referentials
}


export async function getReferential(client: ApiClient, id: string) {
  const { referential } = await callApi(client.api.v1.referentials[':id'].$get({ param: { id } }))
  return referential
}
