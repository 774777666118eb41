import {
  Button,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useCallback, useEffect, useState } from 'react'
import {
  createToken,
  inviteToSession,
  inviteUser,
  listSessionPeople,
  listTokens,
  removeSessionRole,
  revokeToken,
  type ApiTokenSummary,
  type GlobalRole,
  type SessionPeople,
  type SessionRole,
} from '../../api/admin'
import type { ApiClient } from '../../api/client'
import { fr } from '../../i18n/fr'
import { readInvitation, readTokenRequest } from '../peopleForms'
import { ActionFeedback, feedbackOf, useActionFeedback } from './ActionFeedback'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, justifyContent: 'space-between', wordBreak: 'break-word' },
  itemText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  secret: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
})

const SESSION_ROLES: readonly SessionRole[] = ['assessor', 'manager', 'reader']
const GLOBAL_ROLES: readonly GlobalRole[] = ['assessor', 'manager', 'reader', 'admin']
const roleLabel = (role: string) => fr.roles[role] ?? role
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' })

interface PeoplePanelProps {
  client: ApiClient
  sessionId: string
  sessionName: string
  /** user.manage: the session's people and invitations. */
  canManageUsers: boolean
  /** token.manage: API tokens. */
  canManageTokens: boolean
  busy: boolean
}

/** Administrators: who works on the session with which role, invitations, and API tokens. */
export function PeoplePanel({ client, sessionId, sessionName, canManageUsers, canManageTokens, busy }: PeoplePanelProps) {
  const styles = useStyles()
  const { running, feedback, setFeedback, run } = useActionFeedback()
  const [people, setPeople] = useState<SessionPeople['people'] | null>(null)
  const [tokens, setTokens] = useState<ApiTokenSummary[] | null>(null)
  const [email, setEmail] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [scope, setScope] = useState<'session' | 'global'>('session')
  const [role, setRole] = useState<GlobalRole>('assessor')
  const [inviteProblem, setInviteProblem] = useState<string | null>(null)
  const [tokenName, setTokenName] = useState('')
  const [tokenRole, setTokenRole] = useState<GlobalRole>('assessor')
  const [tokenScope, setTokenScope] = useState<'session' | 'all'>('session')
  const [tokenDays, setTokenDays] = useState('90')
  const [tokenProblem, setTokenProblem] = useState<string | null>(null)
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null)
  const disabled = busy || running !== null

  const reload = useCallback(async () => {
    const [peopleAnswer, tokensAnswer] = await Promise.all([
      canManageUsers ? listSessionPeople(client, sessionId) : null,
      canManageTokens ? listTokens(client) : null,
    ])
    if (peopleAnswer) setPeople(peopleAnswer.people)
    if (tokensAnswer) setTokens(tokensAnswer.tokens)
  }, [client, sessionId, canManageUsers, canManageTokens])

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on open: its state changes follow the request
    reload().catch((reason: unknown) => setFeedback(feedbackOf('load', reason)))
  }, [reload, setFeedback])

  const invite = () =>
    void run('invite', async () => {
      const reading = readInvitation({ email, displayName, scope, role })
      setInviteProblem(reading.ok ? null : reading.problem)
      if (!reading.ok) return null
      const { invitation } = reading
      let text: string
      if (invitation.scope === 'session') {
        const answer = await inviteToSession(client, sessionId, { email: invitation.email, displayName: invitation.displayName, role: invitation.role })
        text = answer.created ? fr.people.invited(invitation.email, fr.people.roleOnSession(roleLabel(invitation.role))) : fr.people.assigned(invitation.email, roleLabel(invitation.role))
      } else {
        await inviteUser(client, { email: invitation.email, displayName: invitation.displayName, globalRole: invitation.role })
        text = fr.people.invited(invitation.email, fr.people.globalRole(roleLabel(invitation.role)))
      }
      setEmail('')
      setDisplayName('')
      await reload()
      return text
    })

  const create = () =>
    void run('token', async () => {
      const reading = readTokenRequest({ name: tokenName, role: tokenRole, scope: tokenScope, days: tokenDays }, sessionId)
      setTokenProblem(reading.ok ? null : reading.problem)
      if (!reading.ok) return null
      const answer = await createToken(client, reading.request)
      setSecret({ name: answer.token.name, value: answer.secret })
      setTokenName('')
      await reload()
      return fr.people.created(answer.token.name)
    })

  const copy = (value: string) =>
    void run('copy', async () => {
      try {
        await navigator.clipboard.writeText(value)
        return fr.people.copied
      } catch {
        return { intent: 'error', text: fr.people.copyFailed }
      }
    })

  return (
    <div className={styles.panel} data-testid="people-panel">
      <ActionFeedback action="load" running={null} feedback={feedback} />
      {canManageUsers && (
        <section className={styles.group}>
          <Subtitle2 as="h3">{fr.people.sessionPeople}</Subtitle2>
          {people === null ? (
            <Spinner size="tiny" label={fr.people.loading} />
          ) : people.length === 0 ? (
            <Caption1>{fr.people.none}</Caption1>
          ) : (
            <ul className={styles.list} data-testid="session-people">
              {people.map((person) => (
                <li key={person.userId} className={styles.item}>
                  <span className={styles.itemText}>
                    <span>{person.displayName ?? person.email}</span>
                    <Caption1>
                      {[
                        person.displayName ? person.email : null,
                        person.sessionRole ? fr.people.roleOnSession(roleLabel(person.sessionRole)) : person.globalRole ? fr.people.globalRole(roleLabel(person.globalRole)) : null,
                        person.disabled ? fr.people.disabled : person.linked ? null : fr.people.notLinked,
                      ]
                        .filter((part) => part !== null)
                        .join(' · ')}
                    </Caption1>
                  </span>
                  {person.sessionRole && (
                    <Button
                      size="small"
                      disabled={disabled}
                      aria-label={`${fr.people.removeRole} ${person.email}`}
                      onClick={() =>
                        void run('remove', async () => {
                          await removeSessionRole(client, person.userId, sessionId)
                          await reload()
                          return fr.people.removed(person.displayName ?? person.email)
                        })
                      }
                    >
                      {fr.people.removeRole}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {/* Under the list: the person whose role was removed leaves it. */}
          <ActionFeedback action="remove" running={running} feedback={feedback} />

          <Subtitle2 as="h3">{fr.people.inviteTitle}</Subtitle2>
          <Field label={fr.people.email} required validationMessage={inviteProblem ?? undefined} validationState={inviteProblem ? 'error' : 'none'}>
            <Input type="email" value={email} disabled={disabled} onChange={(_, data) => setEmail(data.value)} />
          </Field>
          <Field label={fr.people.displayName}>
            <Input value={displayName} disabled={disabled} onChange={(_, data) => setDisplayName(data.value)} />
          </Field>
          <Field label={fr.people.scope}>
            <RadioGroup
              value={scope}
              disabled={disabled}
              onChange={(_, data) => {
                const next = data.value as 'session' | 'global'
                setScope(next)
                if (next === 'session' && role === 'admin') setRole('assessor')
              }}
            >
              <Radio value="session" label={`${fr.people.scopeSession} (« ${sessionName} »)`} />
              <Radio value="global" label={fr.people.scopeGlobal} />
            </RadioGroup>
          </Field>
          <Field label={fr.people.role}>
            <Select value={role} disabled={disabled} onChange={(_, data) => setRole(data.value as GlobalRole)}>
              {(scope === 'session' ? SESSION_ROLES : GLOBAL_ROLES).map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabled={disabled || email.trim() === ''} onClick={invite}>
            {fr.people.invite}
          </Button>
          <ActionFeedback action="invite" running={running} feedback={feedback} />
        </section>
      )}

      {canManageTokens && (
        <section className={styles.group}>
          <Subtitle2 as="h3">{fr.people.tokensTitle}</Subtitle2>
          <Caption1>{fr.people.tokensIntro}</Caption1>
          <Field label={fr.people.tokenName} required validationMessage={tokenProblem ?? undefined} validationState={tokenProblem ? 'error' : 'none'}>
            <Input value={tokenName} disabled={disabled} placeholder={fr.people.tokenNamePlaceholder} onChange={(_, data) => setTokenName(data.value)} />
          </Field>
          <div className={styles.row}>
            <Field label={fr.people.tokenRole}>
              <Select value={tokenRole} disabled={disabled} onChange={(_, data) => setTokenRole(data.value as GlobalRole)}>
                {(tokenScope === 'session' ? SESSION_ROLES : GLOBAL_ROLES).map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={fr.people.tokenDays}>
              <Input type="number" min={1} max={366} value={tokenDays} disabled={disabled} onChange={(_, data) => setTokenDays(data.value)} />
            </Field>
          </div>
          <Field label={fr.people.tokenScope}>
            <RadioGroup
              value={tokenScope}
              disabled={disabled}
              onChange={(_, data) => {
                const next = data.value as 'session' | 'all'
                setTokenScope(next)
                if (next === 'session' && tokenRole === 'admin') setTokenRole('assessor')
              }}
            >
              <Radio value="session" label={fr.people.tokenScopeSession} />
              <Radio value="all" label={fr.people.tokenScopeAll} />
            </RadioGroup>
          </Field>
          <Button appearance="primary" disabled={disabled || tokenName.trim() === ''} onClick={create}>
            {fr.people.create}
          </Button>
          <ActionFeedback action="token" running={running} feedback={feedback} />
          {secret && (
            <div className={styles.group} data-testid="token-secret">
              <Field label={fr.people.secretLabel}>
                <Input readOnly value={secret.value} className={styles.secret} onFocus={(event) => event.currentTarget.select()} />
              </Field>
              <div className={styles.row}>
                <Button appearance="primary" onClick={() => copy(secret.value)}>
                  {fr.people.copy}
                </Button>
                <Button
                  onClick={() => {
                    setSecret(null)
                    setFeedback(null)
                  }}
                >
                  {fr.people.hideSecret}
                </Button>
              </div>
              <ActionFeedback action="copy" running={running} feedback={feedback} />
            </div>
          )}
          {tokens === null ? (
            <Spinner size="tiny" label={fr.people.loading} />
          ) : tokens.length === 0 ? (
            <Caption1>{fr.people.noTokens}</Caption1>
          ) : (
            <ul className={styles.list} data-testid="token-list">
              {tokens.map((token) => (
                <li key={token.id} className={styles.item}>
                  <span className={styles.itemText}>
                    <span>
                      {fr.people.tokenLine(token.name, roleLabel(token.role), token.hint)} · {fr.people.status[token.status] ?? token.status}
                    </span>
                    <Caption1>
                      {fr.people.tokenScopeLine(token.sessionId === null ? null : token.sessionId === sessionId ? sessionName : token.sessionId, dateOnly.format(new Date(token.expiresAt)))}
                    </Caption1>
                  </span>
                  {token.status === 'active' && (
                    <Button
                      size="small"
                      disabled={disabled}
                      aria-label={`${fr.people.revoke} ${token.name}`}
                      onClick={() =>
                        void run(`revoke-${token.id}`, async () => {
                          await revokeToken(client, token.id)
                          await reload()
                          return fr.people.revoked(token.name)
                        })
                      }
                    >
                      {fr.people.revoke}
                    </Button>
                  )}
                  <ActionFeedback action={`revoke-${token.id}`} running={running} feedback={feedback} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
