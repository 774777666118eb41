import { describe, expect, it } from 'vitest'
import { DeployError, deploySteps, parseDeployArgs, schoolConfig, stripJsonComments } from '../../../scripts/deploy/plan'

const args = (...rest: string[]) => parseDeployArgs(['--school', 'esin-lyon', '--url', 'https://certibloc.esin.fr', ...rest])

describe('npm run deploy: arguments', () => {
  it('needs a school and an https address, and says so in French', () => {
    expect(() => parseDeployArgs(['--url', 'https://certibloc.esin.fr'])).toThrow(/--school est obligatoire/)
    expect(() => parseDeployArgs(['--school', 'esin-lyon'])).toThrow(/--url est obligatoire/)
    expect(() => parseDeployArgs(['--school', 'ESIN Lyon', '--url', 'https://x.fr'])).toThrow(/minuscules, chiffres et tirets/)
    expect(() => parseDeployArgs(['--school', 'esin', '--url', 'http://certibloc.esin.fr'])).toThrow(DeployError)
    expect(() => parseDeployArgs(['--school', 'esin', '--url', 'https://esin.fr/certibloc'])).toThrow(/sans chemin/)
    expect(() => parseDeployArgs(['--school', 'esin', '--url', 'https://esin.fr', '--force'])).toThrow(/Option inconnue : « --force »/)
  })

  it('reads the dry run and the no-question flags', () => {
    expect(args()).toEqual({ school: 'esin-lyon', baseUrl: 'https://certibloc.esin.fr', dryRun: false, assumeYes: false })
    expect(args('--dry-run', '--yes')).toMatchObject({ dryRun: true, assumeYes: true })
    expect(parseDeployArgs(['--help'])).toBe('help')
  })
})

describe('npm run deploy: the school’s wrangler config', () => {
  const base = {
    $schema: 'node_modules/wrangler/config-schema.json',
    name: 'certibloc',
    main: 'worker/index.ts',
    assets: { directory: './dist', binding: 'ASSETS' },
    d1_databases: [{ binding: 'DB', database_name: 'certibloc', database_id: 'local', migrations_dir: 'worker/migrations' }],
    vars: { CERTIFIER_NAME: '' },
  }
  const generated = (baseUrl: string) =>
    schoolConfig(base, { school: 'esin-lyon', baseUrl, databaseId: 'f1e2d3c4-0000-4000-8000-000000000001', projectRoot: '/repo', configDir: '/repo/.deploy/esin-lyon' })

  it('names the Worker and its D1 database after the school, with paths from where the config lives', () => {
    expect(generated('https://certibloc.esin.fr')).toMatchObject({
      name: 'certibloc-esin-lyon',
      main: '../../worker/index.ts',
      assets: { directory: '../../dist', binding: 'ASSETS' },
      d1_databases: [{ binding: 'DB', database_name: 'certibloc-esin-lyon', database_id: 'f1e2d3c4-0000-4000-8000-000000000001', migrations_dir: '../../worker/migrations' }],
      vars: { CERTIFIER_NAME: '' },
    })
    expect(generated('https://certibloc.esin.fr')).not.toHaveProperty('$schema')
  })

  it('serves a custom domain, or the workers.dev address without any route', () => {
    expect(generated('https://certibloc.esin.fr')).toMatchObject({ workers_dev: false, routes: [{ pattern: 'certibloc.esin.fr', custom_domain: true }] })
    const dev = generated('https://certibloc-esin-lyon.ecole.workers.dev')
    expect(dev).toMatchObject({ workers_dev: true })
    expect(dev).not.toHaveProperty('routes')
  })

  it('reads JSONC: comments go, strings that look like comments stay', () => {
    expect(JSON.parse(stripJsonComments('{\n  // a comment\n  "a": "http://x/*y*/", /* block */ "b": 1\n}'))).toEqual({ a: 'http://x/*y*/', b: 1 })
  })
})

describe('npm run deploy: the steps', () => {
  it('creates the database before migrating it, sets the secrets with the deployment, and writes the manifest last', () => {
    const steps = deploySteps(args() as Exclude<ReturnType<typeof args>, 'help'>, { config: 'c.jsonc', bundle: 'b', manifest: 'm.xml' })
    expect(steps.map((s) => s.id)).toEqual(['account', 'database', 'config', 'build', 'compile', 'migrations', 'secrets', 'deploy', 'referential', 'manifest'])
    expect(steps.find((s) => s.id === 'database')?.command).toEqual(['wrangler', 'd1', 'create', 'certibloc-esin-lyon', '--jurisdiction', 'eu'])
    expect(steps.find((s) => s.id === 'deploy')?.command).toEqual(['wrangler', 'deploy', '-c', 'c.jsonc', '--secrets-file', '<secrets>'])
    // The dry run runs exactly the steps that touch nothing at Cloudflare.
    expect(steps.filter((s) => s.local).map((s) => s.id)).toEqual(['config', 'build', 'compile', 'manifest'])
  })
})
