import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components'
import { useEffect, useState, type FormEvent } from 'react'
import { normalizeApiBaseUrl, signInWithMicrosoft, type Account } from '../../account/account'
import { fr } from '../../i18n/fr'
import { offersMicrosoftSignIn, signInNotice, type SignInNotice } from '../microsoftSignInOffer'

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
})

/** Pause after the last keystroke in the address before asking that server for its sign-in settings. */
const CONFIG_DELAY_MS = 400

interface ConnectionFormProps {
  account: Account
  busy: boolean
  onConnect: (account: Account) => void
  /** Signs out: forgets the token, or the Microsoft sign-in. */
  onForgetToken: () => void
}

/**
 * API address, then « Se connecter avec Microsoft » when that server offers it, or an access token.
 * Validates locally; the server checks the credentials.
 */
export function ConnectionForm({ account, busy, onConnect, onForgetToken }: ConnectionFormProps) {
  const styles = useStyles()
  const [apiBaseUrl, setApiBaseUrl] = useState(account.apiBaseUrl)
  const [token, setToken] = useState(account.token)
  const [submitted, setSubmitted] = useState(false)
  /** The last address whose server said it offers Microsoft sign-in (hidden until one does). */
  const [offeringUrl, setOfferingUrl] = useState<string | null>(null)
  const [signingIn, setSigningIn] = useState(false)
  const [notice, setNotice] = useState<SignInNotice | null>(null)

  const normalizedUrl = normalizeApiBaseUrl(apiBaseUrl)
  const urlError = submitted && normalizedUrl === null ? fr.connection.invalidUrl : undefined
  const tokenError = submitted && token.trim() === '' ? fr.connection.tokenRequired : undefined
  const disabled = busy || signingIn
  const microsoftOffered = normalizedUrl !== null && offeringUrl === normalizedUrl

  useEffect(() => {
    if (normalizedUrl === null) return
    let current = true
    // Waits for the typing to pause, so that a half-typed address is not queried.
    const timer = setTimeout(() => {
      void offersMicrosoftSignIn(normalizedUrl).then((offered) => {
        if (current) setOfferingUrl(offered ? normalizedUrl : null)
      })
    }, CONFIG_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [normalizedUrl])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setNotice(null)
    if (normalizedUrl === null || token.trim() === '') return
    onConnect({ apiBaseUrl: normalizedUrl, token: token.trim() })
  }

  const signIn = async () => {
    if (normalizedUrl === null) return
    setSigningIn(true)
    setNotice(null)
    try {
      const signedIn = await signInWithMicrosoft(normalizedUrl)
      setToken('')
      onConnect(signedIn)
    } catch (error) {
      setNotice(signInNotice(error))
    } finally {
      setSigningIn(false)
    }
  }

  const signedIn = account.method === 'microsoft' || account.token !== ''

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={fr.connection.title}>
      <Field
        label={fr.connection.apiBaseUrlLabel}
        hint={fr.connection.apiBaseUrlHint}
        validationMessage={urlError}
        validationState={urlError ? 'error' : 'none'}
      >
        <Input type="url" value={apiBaseUrl} onChange={(_, data) => setApiBaseUrl(data.value)} />
      </Field>
      {microsoftOffered && (
        <>
          <Button type="button" appearance="primary" disabled={disabled} onClick={() => void signIn()}>
            {signingIn ? fr.connection.microsoftSigningIn : fr.connection.microsoft}
          </Button>
          <Caption1>{fr.connection.orToken}</Caption1>
        </>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Field
        label={fr.connection.tokenLabel}
        validationMessage={tokenError}
        validationState={tokenError ? 'error' : 'none'}
        required
      >
        <Input type="password" autoComplete="off" value={token} onChange={(_, data) => setToken(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance={microsoftOffered ? 'secondary' : 'primary'} disabled={disabled}>
          {busy ? fr.connection.connecting : fr.connection.submit}
        </Button>
        {signedIn && (
          <Button
            appearance="subtle"
            disabled={disabled}
            onClick={() => {
              setToken('')
              setNotice(null)
              onForgetToken()
            }}
          >
            {account.method === 'microsoft' ? fr.connection.signOut : fr.connection.forget}
          </Button>
        )}
      </div>
    </form>
  )
}
