import { createInstance } from 'i18next'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'
import { describe, expect, it } from 'vitest'
import { i18nOptions } from '~/i18n/config'
import { NEW_ACTIVITY_FORM } from '~/modules/activities/schemas'
import { ActivityForm, type ActivityFormProps } from './activity-form'

// The form as the server sends it: every control labelled, every id unique, errors linked.

const choices = {
  areas: [{ value: '00000000-0000-4000-8000-000000000001', label: 'Frederiksberg Vest' }],
  goals: [{ value: '00000000-0000-4000-8000-000000000002', label: 'Færre ensomme' }],
  frameworks: ['Handleplan'],
  targetGroups: [{ value: '00000000-0000-4000-8000-000000000003', label: 'Ensomhed' }],
}

async function render(props: Partial<ActivityFormProps> = {}): Promise<string> {
  const i18n = createInstance()
  await i18n.init(i18nOptions('da'))
  const element = (
    <I18nextProvider i18n={i18n}>
      <ActivityForm
        values={NEW_ACTIVITY_FORM.values}
        lists={NEW_ACTIVITY_FORM.lists}
        errors={{}}
        choices={choices}
        canPublish
        status={null}
        {...props}
      />
    </I18nextProvider>
  )
  const handler = createStaticHandler([{ path: '/', element }])
  const context = await handler.query(new Request('http://localhost/'))
  if (context instanceof Response) throw new Error('unexpected response')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(<StaticRouterProvider router={router} context={context} />)
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1]
const tagWithId = (html: string, id: string) =>
  [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => attr(tag, 'id') === id) ?? ''

describe('the activity form', () => {
  it('labels every control and uses each id once', async () => {
    const html = await render()
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids.length).toBeGreaterThan(20)
    expect(new Set(ids).size).toBe(ids.length)
    const labelled = new Set([...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((m) => m[1]))
    const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => attr(tag, 'type') !== 'hidden')
    expect(controls.length).toBeGreaterThan(20)
    for (const tag of controls) expect(labelled, tag).toContain(attr(tag, 'id'))
    const described = [...html.matchAll(/aria-describedby="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(' '),
    )
    expect(described.length).toBeGreaterThan(10)
    for (const id of described) expect(ids).toContain(id)
    // Open to all, no membership and participant are ticked on a new activity.
    expect(tagWithId(html, 'field-openNoReferral')).toContain('checked')
    expect(tagWithId(html, 'field-noMembership')).toContain('checked')
    expect(tagWithId(html, 'field-roles')).toContain('value="participant"')
    expect(tagWithId(html, 'field-roles')).toContain('checked')
    expect(tagWithId(html, 'field-roles-helper')).not.toContain('checked')
    expect(html).toContain('vises aldrig offentligt')
  })

  it('links errors to their fields, and offers only drafts before approval', async () => {
    const html = await render({
      canPublish: false,
      errors: { title: ['Skriv aktivitetens navn'], roles: ['Vælg mindst én'] },
    })
    expect(attr(tagWithId(html, 'field-title'), 'aria-describedby')).toBe(
      'field-title-hint field-title-error',
    )
    expect(tagWithId(html, 'field-title')).toContain('aria-invalid="true"')
    expect(html).toContain('id="field-title-error"')
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="field-roles-hint field-roles-error"/)
    expect(html).not.toContain('value="publish"')
    expect(html).toContain('value="draft"')
  })
})
