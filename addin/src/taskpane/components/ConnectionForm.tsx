import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components'
import { useState, type FormEvent } from 'react'
import { normalizeApiBaseUrl, type Account } from '../../account/account'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
})

interface ConnectionFormProps {
  account: Account
  busy: boolean
  onConnect: (account: Account) => void
  onForgetToken: () => void
}

/** API address and access token; validates locally, the server checks the token. */
export function ConnectionForm({ account, busy, onConnect, onForgetToken }: ConnectionFormProps) {
  const styles = useStyles()
  const [apiBaseUrl, setApiBaseUrl] = useState(account.apiBaseUrl)
  const [token, setToken] = useState(account.token)
  const [submitted, setSubmitted] = useState(false)

  const normalizedUrl = normalizeApiBaseUrl(apiBaseUrl)
  const urlError = submitted && normalizedUrl === null ? fr.connection.invalidUrl : undefined
  const tokenError = submitted && token.trim() === '' ? fr.connection.tokenRequired : undefined

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (normalizedUrl === null || token.trim() === '') return
    onConnect({ apiBaseUrl: normalizedUrl, token: token.trim() })
  }

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
      <Field
        label={fr.connection.tokenLabel}
        validationMessage={tokenError}
        validationState={tokenError ? 'error' : 'none'}
        required
      >
        <Input type="password" autoComplete="off" value={token} onChange={(_, data) => setToken(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? fr.connection.connecting : fr.connection.submit}
        </Button>
        {account.token !== '' && (
          <Button
            appearance="subtle"
            disabled={busy}
            onClick={() => {
              setToken('')
              onForgetToken()
            }}
          >
            {fr.connection.forget}
          </Button>
        )}
      </div>
    </form>
  )
}
