/** Path parameters shared by the session-scoped routes. */
import * as z from '../../shared/zod'

const id = (what: string) => z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: `identifiant de ${what} invalide` })

export const sessionParam = z.object({ sessionId: id('session') })
export const candidateParam = z.object({ sessionId: id('session'), candidateId: id('candidat') })
